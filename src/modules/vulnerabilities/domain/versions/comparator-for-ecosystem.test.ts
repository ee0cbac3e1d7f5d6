import { describe, expect, it } from 'vitest';
import { comparatorFor } from './comparator-for-ecosystem.ts';

describe('comparatorFor', () => {
  it.each([
    ['npm', 'semver', 'exact'],
    ['crates.io', 'semver', 'exact'],
    ['Go', 'golang', 'exact'],
    ['PyPI', 'pypi', 'exact'],
    ['Maven', 'maven', 'exact'],
    ['NuGet', 'nuget', 'exact'],
    ['RubyGems', 'gem', 'exact'],
    ['Packagist', 'composer', 'exact'],
    ['Debian', 'deb', 'exact'],
    ['Debian:11', 'deb', 'exact'],
    ['Ubuntu:22.04:LTS', 'deb', 'exact'],
    ['Ubuntu:Pro:18.04:LTS', 'deb', 'exact'],
    ['Alpine:v3.16', 'apk', 'exact'],
    ['Red Hat:enterprise_linux:8::appstream', 'rpm', 'exact'],
    ['Rocky Linux:9', 'rpm', 'exact'],
    ['AlmaLinux:8', 'rpm', 'exact'],
    ['openSUSE:Leap 15.4', 'rpm', 'exact'],
    ['SUSE:Linux Enterprise Server 15 SP4', 'rpm', 'exact'],
    ['Hex', 'semver', 'exact'],
    ['Pub', 'semver', 'low'],
    ['SwiftURL', 'semver', 'exact'],
    ['OSS-Fuzz', 'generic', 'low'],
    ['GIT', 'generic', 'low'],
    ['Linux', 'generic', 'low'],
    ['something-new', 'generic', 'low'],
  ])('OSV ecosystem %s → %s (%s)', (ecosystem, scheme, confidence) => {
    expect(comparatorFor(ecosystem)).toMatchObject({ scheme, confidence });
  });

  it.each([
    ['npm', 'semver'],
    ['cargo', 'semver'],
    ['golang', 'golang'],
    ['pypi', 'pypi'],
    ['maven', 'maven'],
    ['nuget', 'nuget'],
    ['gem', 'gem'],
    ['composer', 'composer'],
    ['deb', 'deb'],
    ['rpm', 'rpm'],
    ['apk', 'apk'],
    ['alpine', 'apk'],
    ['pkg:deb', 'deb'],
    ['generic', 'generic'],
    ['github', 'generic'],
  ])('purl type %s → %s', (type, scheme) => {
    expect(comparatorFor(type).scheme).toBe(scheme);
  });

  it('returns working comparators', () => {
    expect(comparatorFor('Debian:12').compare('1.0~rc1', '1.0')).toBeLessThan(0);
    expect(comparatorFor('Go').compare('v0.0.0-20220906165146-f3363e06e74c', 'v0.1.0')).toBeLessThan(0);
    expect(comparatorFor('Maven').compare('2.0.0-M1', '2.0.0')).toBeLessThan(0);
    expect(comparatorFor('generic').compare('1.1.1t', '1.1.1')).toBeGreaterThan(0);
    expect(comparatorFor('npm').isValid('1.2')).toBe(false);
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.1'].sort(comparatorFor('npm').compare);
    expect(sorted).toEqual(['1.2.0-rc.1', '1.2.0', '1.10.0']);
  });
});
