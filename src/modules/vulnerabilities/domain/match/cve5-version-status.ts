/**
 * The status of one version under a CVE JSON 5 `affected[]` product entry (CVE Record Format 5.x,
 * `versions[]` and `defaultStatus`; read by feeds/cve5-affected.ts into VendorProductRange). Pure.
 */
import type { VendorProductRange, VersionComparator } from '../advisory-model.ts';

type VersionEntry = VendorProductRange['versions'][number];

export interface Cve5Verdict {
  status: 'affected' | 'unaffected' | 'unknown';
  /** The deciding entry as text (`8.8.0 ≤ v ≤ 8.8.0 affected`) or `defaultStatus affected`. */
  reason: string;
  /** The `lessThan` of the deciding affected range, else the lowest unaffected start above the version. */
  fixedIn: string | null;
}

// Placeholders CNAs write where a version is unknown; as a range start they mean "from the beginning".
const unspecified = new Set(['0', '*', 'n/a', 'unspecified', '-', '']);

/** Whether `version` lies below (or within, when `inclusive`) an upper bound that may end in `*`. */
function isBelow(version: string, upper: string, inclusive: boolean, compare: VersionComparator): boolean {
  if (upper.includes('*')) {
    // `5.15.*`: every 5.15.x is within; a bare `*` is no bound at all.
    const prefix = upper.slice(0, upper.indexOf('*')).replace(/\.$/, '');
    if (prefix === '') return true;
    return version === prefix || version.startsWith(`${prefix}.`) || compare(version, prefix) < 0;
  }
  const relation = compare(version, upper);
  return inclusive ? relation <= 0 : relation < 0;
}

interface Covering {
  entry: VersionEntry;
  isExact: boolean;
  start: string | null;
}

/** Whether `entry` covers `version`; throws when the comparator rejects a bound. */
function covers(entry: VersionEntry, version: string, compare: VersionComparator): Covering | null {
  const upper = entry.lessThan ?? entry.lessThanOrEqual;
  if (upper === null) {
    if (unspecified.has(entry.version)) return null;
    return entry.version === version || compare(entry.version, version) === 0
      ? { entry, isExact: true, start: entry.version }
      : null;
  }
  const start = unspecified.has(entry.version) ? null : entry.version;
  if (start !== null && compare(version, start) < 0) return null;
  if (!isBelow(version, upper, entry.lessThan === null, compare)) return null;
  return { entry, isExact: false, start };
}

function safeCompare(a: string, b: string, compare: VersionComparator): number {
  try {
    return compare(a, b);
  } catch {
    return 0;
  }
}

function describe(entry: VersionEntry): string {
  const from = unspecified.has(entry.version) ? '' : `${entry.version} ≤ `;
  if (entry.lessThan !== null) return `${from}v < ${entry.lessThan} ${entry.status}`;
  if (entry.lessThanOrEqual !== null) return `${from}v ≤ ${entry.lessThanOrEqual} ${entry.status}`;
  return `version ${entry.version} ${entry.status}`;
}

function lowestUnaffectedAbove(
  range: VendorProductRange,
  version: string,
  compare: VersionComparator,
): string | null {
  let lowest: string | null = null;
  for (const entry of range.versions) {
    if (entry.status !== 'unaffected' || unspecified.has(entry.version)) continue;
    try {
      if (compare(entry.version, version) > 0 && (lowest === null || compare(entry.version, lowest) < 0)) {
        lowest = entry.version;
      }
    } catch {
      // An unorderable entry says nothing about the fix.
    }
  }
  return lowest;
}

/**
 * Evaluates `version` against one CVE 5 product entry. An entry with `lessThan`/`lessThanOrEqual` is
 * the range [version, bound) / [version, bound] (a start of `0`, `*`, `n/a`, `unspecified` = from the
 * beginning; a bound `5.15.*` covers every 5.15.x); an entry without a bound is that version exactly.
 * Precedence when several cover the version: an exact entry over any range, then the range with the
 * highest start (the innermost: a backport's `unaffected` inside a wider `affected` range), then
 * `unaffected` over `affected`. No entry covers it: `defaultStatus` (missing = `unknown`). `git`
 * entries and entries the comparator rejects are skipped. Never throws.
 */
export function evaluateCve5Version(
  range: VendorProductRange,
  version: string,
  compare: VersionComparator,
): Cve5Verdict {
  const covering: Covering[] = [];
  for (const entry of range.versions) {
    if (entry.versionType === 'git' || entry.status === 'unknown') continue;
    try {
      const hit = covers(entry, version, compare);
      if (hit) covering.push(hit);
    } catch {
      // Unorderable against this version: the entry cannot decide.
    }
  }
  const order = (a: Covering, b: Covering): number => {
    if (a.isExact !== b.isExact) return a.isExact ? -1 : 1;
    if (a.start !== b.start) {
      if (a.start === null) return 1;
      if (b.start === null) return -1;
      const relation = safeCompare(b.start, a.start, compare);
      if (relation !== 0) return relation;
    }
    return a.entry.status === b.entry.status ? 0 : a.entry.status === 'unaffected' ? -1 : 1;
  };
  const deciding = covering.sort(order)[0];
  if (deciding === undefined) {
    const fixedIn =
      range.defaultStatus === 'affected' ? lowestUnaffectedAbove(range, version, compare) : null;
    return { status: range.defaultStatus, reason: `defaultStatus ${range.defaultStatus}`, fixedIn };
  }
  const { entry } = deciding;
  let fixedIn: string | null = null;
  if (entry.status === 'affected') {
    fixedIn =
      entry.lessThan !== null && !entry.lessThan.includes('*')
        ? entry.lessThan
        : lowestUnaffectedAbove(range, version, compare);
  }
  return { status: entry.status, reason: describe(entry), fixedIn };
}
