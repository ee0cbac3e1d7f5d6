import semver from 'semver';
import { describe, expect, it } from 'vitest';
import type { AffectedPackage, AffectedRange, RangeEvent, VersionComparator } from './advisory-model.ts';
import { isAffected } from './osv-range.ts';

const semverOrder: VersionComparator = (a, b) => semver.compare(a, b, { loose: false });

/** Test-only ECOSYSTEM order: numeric runs compare as numbers, others as text (`1.10 > 1.9`). */
const genericOrder: VersionComparator = (a, b) => {
  const parts = (value: string) => value.split(/[.\-+~_]/);
  const left = parts(a);
  const right = parts(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index] ?? '0';
    const y = right[index] ?? '0';
    const byNumber = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (byNumber !== 0) return Math.sign(byNumber);
  }
  return 0;
};

const range = (type: AffectedRange['type'], ...events: RangeEvent[]): AffectedRange => ({ type, events });
const pkg = (ranges: AffectedRange[], versions: string[] = []): AffectedPackage => ({
  ecosystem: 'Go',
  name: 'example.com/m',
  purl: null,
  ranges,
  versions,
});

// GO-2022-0969 (stdlib): two introduced/fixed pairs in one range, the second with a pre-release bound.
const goStdlib = pkg([
  range('SEMVER', { introduced: '0' }, { fixed: '1.18.6' }, { introduced: '1.19.0-0' }, { fixed: '1.19.1' }),
]);
// GO-2022-0969 (golang.org/x/net): fixed at a Go pseudo-version.
const goPseudo = pkg([range('SEMVER', { introduced: '0' }, { fixed: '0.0.0-20220906165146-f3363e06e74c' })]);
const lastAffected = pkg([range('SEMVER', { introduced: '1.0.0' }, { last_affected: '1.4.2' })]);
const unsorted = pkg([
  range('SEMVER', { fixed: '2.2.0' }, { introduced: '2.0.0' }, { fixed: '1.2.3' }, { introduced: '1.0.0' }),
]);
const orRanges = pkg([
  range('SEMVER', { introduced: '1.0.0' }, { fixed: '1.1.0' }),
  range('SEMVER', { introduced: '3.0.0' }, { limit: '3.5.0' }),
]);
// MAL-2023-995 (Dependency-Track fixture osv-vulnerability-exact-version): introduced 0 plus one listed version.
const exactVersion = pkg([range('SEMVER', { introduced: '0' })], ['103.99.99']);
// Versions list only (PYSEC-style enumerated list without ranges).
const listOnly = pkg([], ['3.1', '3.1.1', '3.2']);
// OSS-Fuzz: GIT range only, versions are tags.
const gitOnly = pkg(
  [range('GIT', { introduced: '7ee59512f875604eb468fb6f3d26e39290f781c9' }, { fixed: 'ab6eb2ec0744' })],
  ['curl-7_57_0'],
);
const ecosystemRange = pkg([range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.2.1-2.2+wheezy3' })]);

const cases: [string, AffectedPackage, string, VersionComparator, boolean, string | null][] = [
  [
    'introduced 0: lowest version',
    goStdlib,
    '0.0.1',
    semverOrder,
    true,
    'SEMVER range 1: introduced 0, fixed 1.18.6',
  ],
  ['below first fix', goStdlib, '1.18.5', semverOrder, true, 'SEMVER range 1: introduced 0, fixed 1.18.6'],
  ['fixed is exclusive', goStdlib, '1.18.6', semverOrder, false, null],
  ['between pairs', goStdlib, '1.18.10', semverOrder, false, null],
  [
    'pre-release lower bound 1.19.0-0 opens for rc',
    goStdlib,
    '1.19.0-rc.1',
    semverOrder,
    true,
    'SEMVER range 1: introduced 1.19.0-0, fixed 1.19.1',
  ],
  ['second pair', goStdlib, '1.19.0', semverOrder, true, 'SEMVER range 1: introduced 1.19.0-0, fixed 1.19.1'],
  ['second fix', goStdlib, '1.19.1', semverOrder, false, null],
  ['after everything', goStdlib, '1.20.0', semverOrder, false, null],
  [
    'older pseudo-version',
    goPseudo,
    '0.0.0-20220101000000-abcdefabcdef',
    semverOrder,
    true,
    'SEMVER range 1: introduced 0, fixed 0.0.0-20220906165146-f3363e06e74c',
  ],
  ['the fixing pseudo-version', goPseudo, '0.0.0-20220906165146-f3363e06e74c', semverOrder, false, null],
  ['tagged release after the pseudo-version', goPseudo, '0.1.0', semverOrder, false, null],
  [
    'last_affected is inclusive',
    lastAffected,
    '1.4.2',
    semverOrder,
    true,
    'SEMVER range 1: introduced 1.0.0, last_affected 1.4.2',
  ],
  ['after last_affected', lastAffected, '1.4.3', semverOrder, false, null],
  ['before introduced', lastAffected, '0.9.9', semverOrder, false, null],
  [
    'events given out of order are sorted',
    unsorted,
    '1.2.0',
    semverOrder,
    true,
    'SEMVER range 1: introduced 1.0.0, fixed 1.2.3',
  ],
  ['out of order, gap', unsorted, '1.5.0', semverOrder, false, null],
  [
    'out of order, second pair',
    unsorted,
    '2.1.0',
    semverOrder,
    true,
    'SEMVER range 1: introduced 2.0.0, fixed 2.2.0',
  ],
  ['ranges are OR-ed', orRanges, '1.0.5', semverOrder, true, 'SEMVER range 1: introduced 1.0.0, fixed 1.1.0'],
  [
    'limit is ignored: open-ended',
    orRanges,
    '9.0.0',
    semverOrder,
    true,
    'SEMVER range 2: introduced 3.0.0 (no fix)',
  ],
  ['exact version listed', exactVersion, '103.99.99', semverOrder, true, 'listed in versions: 103.99.99'],
  [
    'exact record: introduced 0 covers the rest',
    exactVersion,
    '1.0.0',
    semverOrder,
    true,
    'SEMVER range 1: introduced 0 (no fix)',
  ],
  ['versions list only: hit', listOnly, '3.1.1', genericOrder, true, 'listed in versions: 3.1.1'],
  ['versions list only: comparator-equal', listOnly, '3.2.0', genericOrder, true, 'listed in versions: 3.2'],
  ['versions list only: miss', listOnly, '3.3', genericOrder, false, null],
  [
    'GIT range is not evaluated',
    gitOnly,
    '7.85.0',
    genericOrder,
    false,
    'GIT range 1 not evaluated (GIT commit range)',
  ],
  [
    'GIT record still matches its tag list',
    gitOnly,
    'curl-7_57_0',
    genericOrder,
    true,
    'listed in versions: curl-7_57_0',
  ],
  [
    'ECOSYSTEM order (Debian-like revision)',
    ecosystemRange,
    '1.2.1-2.2+wheezy2',
    genericOrder,
    true,
    'ECOSYSTEM range 1: introduced 0, fixed 1.2.1-2.2+wheezy3',
  ],
  ['ECOSYSTEM order: fixed', ecosystemRange, '1.2.1-2.2+wheezy3', genericOrder, false, null],
];

describe('isAffected (OSV evaluation)', () => {
  it.each(cases)('%s', (_name, affected, version, compare, expected, reason) => {
    expect(isAffected(affected, version, compare)).toEqual({ affected: expected, reason });
  });

  it('treats an empty introduced/fixed pair at one version as empty', () => {
    const empty = pkg([range('SEMVER', { fixed: '1.0.0' }, { introduced: '1.0.0' })]);
    expect(isAffected(empty, '1.0.0', semverOrder).affected).toBe(false);
  });

  it('never hands introduced "0" to the comparator', () => {
    const seen: string[] = [];
    const spy: VersionComparator = (a, b) => {
      seen.push(a, b);
      return semverOrder(a, b);
    };
    isAffected(goStdlib, '1.19.0', spy);
    expect(seen).not.toContain('0');
  });

  it('reports a range the comparator rejects instead of throwing', () => {
    const verdict = isAffected(goStdlib, 'not-a-version', semverOrder);
    expect(verdict.affected).toBe(false);
    expect(verdict.reason).toMatch(/^SEMVER range 1 not evaluated \(Invalid Version: not-a-version\)$/);
  });

  it('a record with no ranges and no versions affects nothing', () => {
    expect(isAffected(pkg([], []), '1.0.0', semverOrder)).toEqual({ affected: false, reason: null });
  });
});
