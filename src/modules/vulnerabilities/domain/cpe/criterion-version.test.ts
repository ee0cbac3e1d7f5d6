import { describe, expect, it } from 'vitest';
import { type CpeName, type CpeValue, parseCpeName, parseCpeValue } from './cpe-name.ts';
import { judgeVersion, resolveComponentVersion, type VersionBounds } from './criterion-version.ts';

/** Dotted numbers only: enough for bound arithmetic; throws on anything else like a strict ecosystem would. */
function compareDotted(a: string, b: string): number {
  const parse = (v: string) =>
    v.split('.').map((part) => {
      if (!/^\d+$/.test(part)) throw new Error(`not a dotted version: ${v}`);
      return Number(part);
    });
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

const none: VersionBounds = {
  versionStartIncluding: null,
  versionStartExcluding: null,
  versionEndIncluding: null,
  versionEndExcluding: null,
};
const known = (version: string | null) => ({
  version,
  source: version === null ? null : ('cpe' as const),
  isConflicting: false,
});
const judge = (criterionVersion: string, bounds: Partial<VersionBounds>, version: string | null) =>
  judgeVersion(
    parseCpeValue(criterionVersion) as CpeValue,
    { ...none, ...bounds },
    known(version),
    compareDotted,
  ).outcome;

describe('judgeVersion (NVD cpeMatch version semantics)', () => {
  it.each<[string, Partial<VersionBounds>, string | null, string]>([
    ['*', { versionStartIncluding: '1.0' }, '1.0', 'in-range'],
    ['*', { versionStartExcluding: '1.0' }, '1.0', 'no-match'],
    ['*', { versionStartExcluding: '1.0' }, '1.0.1', 'in-range'],
    ['*', { versionEndIncluding: '1.2.12' }, '1.2.12', 'in-range'],
    ['*', { versionEndIncluding: '1.2.12' }, '1.2.13', 'no-match'],
    ['*', { versionEndExcluding: '2.0' }, '2.0', 'no-match'],
    ['*', { versionStartIncluding: '1.0', versionEndExcluding: '2.0' }, '0.9', 'no-match'],
    ['*', {}, '7.0', 'all-versions'],
    ['*', {}, null, 'all-versions'],
    ['*', { versionEndExcluding: '2.0' }, null, 'undecided'],
    ['1.5', {}, '1.5', 'equal'],
    ['1.5', {}, '1.5.0', 'equal'],
    ['1.5', {}, '1.6', 'no-match'],
    ['1.5', {}, null, 'undecided'],
    // Bounds apply only when the criterion's version is ANY (NVD CVE API 2.0).
    ['1.5', { versionEndExcluding: '9.0' }, '1.6', 'no-match'],
    ['1.5.*', {}, '1.5.10', 'equal'],
    ['1.5.*', {}, '1.6.0', 'no-match'],
    ['-', {}, null, 'undecided'],
    ['-', {}, '1.0', 'no-match'],
    ['-', { versionEndExcluding: '2.0' }, '1.0', 'no-match'],
    ['*', { versionEndExcluding: '2.0' }, '1.0-beta', 'no-match'],
  ])('criterion %j %j vs %j → %s', (criterionVersion, bounds, version, expected) => {
    expect(judge(criterionVersion, bounds, version)).toBe(expected);
  });

  it('compares a concrete criterion version after CPE unquoting', () => {
    const criterion = (parseCpeName('cpe:2.3:o:cisco:ios:15.2\\(4\\)m:*:*:*:*:*:*:*') as CpeName).version;
    const throwing = () => {
      throw new Error('no order');
    };
    expect(judgeVersion(criterion, none, known('15.2(4)M'), throwing).outcome).toBe('equal');
  });
});

describe('resolveComponentVersion', () => {
  const name = (cpe: string) => parseCpeName(cpe) as CpeName;

  it.each<[string, string | null, ReturnType<typeof resolveComponentVersion>]>([
    ['cpe:2.3:a:v:p:4.8.1', null, { version: '4.8.1', source: 'cpe', isConflicting: false }],
    ['cpe:2.3:a:v:p:4.8.1', '4.8.1', { version: '4.8.1', source: 'cpe', isConflicting: false }],
    ['cpe:2.3:a:v:p:4.8.1', '5.0', { version: '4.8.1', source: 'cpe', isConflicting: true }],
    ['cpe:2.3:a:v:p:*', ' 4.8.1 ', { version: '4.8.1', source: 'component', isConflicting: false }],
    ['cpe:2.3:a:v:p:-', '4.8.1', { version: '4.8.1', source: 'component', isConflicting: false }],
    ['cpe:2.3:a:v:p:*', '', { version: null, source: null, isConflicting: false }],
    ['cpe:2.3:a:v:p:5.0\\(1\\)', null, { version: '5.0(1)', source: 'cpe', isConflicting: false }],
  ])('%s with field %j', (cpe, field, expected) => {
    expect(resolveComponentVersion(name(cpe), field)).toEqual(expected);
  });
});
