import { describe, expect, it } from 'vitest';
import {
  comparePackagist,
  isPackagistVersion,
  normalizeComposerVersion,
  phpVersionCompare,
} from './packagist-version.ts';

type Row = [string, '<' | '=' | '>', string];
const order = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flipped = { '<': '>', '=': '=', '>': '<' } as const;

/** Mostly lines of osv-scalibr semantic/testdata/packagist-versions-generated.txt (made with PHP/Composer). */
const rows: Row[] = [
  ['v4.6.5', '<', 'v5.0.0-RC'],
  ['v5.0.0-RC', '<', 'v5.0.0'],
  ['v5.0.4', '<', 'v5.1.0-alpha'],
  ['v6.9.6', '<', 'v10.0.0-BETA1'],
  ['v10.0.0-BETA4', '<', 'v10.0.0'],
  ['0.9.346', '<', '0.93'],
  ['1.22', '<', '1.22.01'],
  ['v6.0.0+ea2', '<', 'v6.1.0-rc1'],
  ['6.3.5.4', '<', '6.4.0.0-RC1'],
  ['1.1.15', '<', '1.2.0rc'],
  ['1.3.0rc', '<', '1.3.0rc2'],
  ['0.1.3', '<', '1.0.0alpha1'],
  ['1.0.0alpha2', '<', '1.0.0-alpha3'],
  ['1.0.0-alpha3', '<', '1.0.0beta1'],
  ['1.0.0beta3', '<', '1.0.0rc1'],
  ['2.0.8.1', '<', '2.1.0-beta'],
  ['8.1.0', '<', '8.2.0RC2'],
  ['3.8.1', '<', '4.0.0-rc.1'],
  ['v1.0-beta', '<', 'v1.0-rc'],
  ['v1.0', '<', 'v1.0.1'],
  ['1.0.0', '=', 'v1.0.0'],
  ['1.0', '=', '1.0.0.0'],
  ['1.0.0-dev', '<', '1.0.0-alpha'],
  ['1.0.0', '<', '1.0.0-patch1'],
  ['1.0.0-p1', '=', '1.0.0-patch1'],
  ['1.0.0-stable', '=', '1.0.0'],
  ['1.0.0+build.5', '=', '1.0.0'],
  ['2010-01-02', '<', '2010-01-03'],
];

describe('comparePackagist (Composer normalize + PHP version_compare)', () => {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(order(comparePackagist(a, b))).toBe(op);
    expect(order(comparePackagist(b, a))).toBe(flipped[op]);
  });

  it('normalises like composer/semver VersionParser', () => {
    expect(normalizeComposerVersion('v1.2.3')).toBe('1.2.3.0');
    expect(normalizeComposerVersion('1.0.0-beta.1')).toBe('1.0.0.0-beta1');
    expect(normalizeComposerVersion('1.0.0RC1')).toBe('1.0.0.0-RC1');
    expect(normalizeComposerVersion('1.0.0-pl3')).toBe('1.0.0.0-patch3');
    expect(normalizeComposerVersion('2010-01-02')).toBe('2010.01.02');
    expect(normalizeComposerVersion('1.x-dev')).toBe('1.9999999.9999999.9999999-dev');
    expect(normalizeComposerVersion('dev-master')).toBe('dev-master');
    expect(normalizeComposerVersion('not a version')).toBeNull();
    expect(isPackagistVersion('dev-main')).toBe(false);
    expect(isPackagistVersion('5.4.3')).toBe(true);
  });

  it('matches PHP version_compare on raw strings', () => {
    expect(phpVersionCompare('5.2', '5.2.0')).toBe(-1);
    expect(phpVersionCompare('1.0rc1', '1.0')).toBe(-1);
    expect(phpVersionCompare('1.0pl1', '1.0')).toBe(1);
    expect(phpVersionCompare('1.0-dev', '1.0a1')).toBe(-1);
    expect(phpVersionCompare('1.0', '1.0')).toBe(0);
    expect(phpVersionCompare('1.0.0', '1.0.0.0')).toBe(-1);
  });
});
