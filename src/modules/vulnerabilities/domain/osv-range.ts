/**
 * Whether a package version is affected by one OSV `affected[]` entry, by the OSV schema's evaluation
 * algorithm (https://ossf.github.io/osv-schema/#evaluation, docs/matching.md "OSV schema"). Pure.
 */
import type { AffectedPackage, AffectedRange, RangeEvent, VersionComparator } from './advisory-model.ts';

export interface AffectedVerdict {
  affected: boolean;
  /**
   * Why: the list entry or the range and events that matched (`SEMVER range 1: introduced 1.0.0,
   * fixed 1.2.3`). When not affected: null, or a note on what could not be evaluated (GIT ranges,
   * versions the comparator rejected).
   */
  reason: string | null;
}

type Bound = { kind: 'introduced' | 'fixed' | 'last_affected'; version: string };

// On equal versions an opening event sorts before a closing one, so `introduced X, fixed X` is empty.
const kindOrder: Record<Bound['kind'], number> = { introduced: 0, last_affected: 1, fixed: 2 };

/**
 * Evaluates `version` against `affected`: affected when it is in the explicit `versions[]` list or
 * inside any SEMVER/ECOSYSTEM range (ranges are OR'ed).
 *
 * A range is evaluated by the event sweep: events sorted by `compare` (`introduced: "0"` is below every
 * version and is never passed to the comparator), then `introduced` opens, `fixed` closes exclusively
 * (fixed ≤ version is outside), `last_affected` closes inclusively (last_affected < version is
 * outside). `limit` only bounds GIT commit walks and is ignored. GIT ranges need the commit graph and
 * are never evaluated here; the reason says so when nothing else matched.
 *
 * `compare` is the ecosystem's order (injected: SEMVER ranges must get a SemVer 2.0 comparator whatever
 * the ecosystem). A comparator that throws on a version makes that range unevaluable (noted in the
 * reason), never the whole call.
 */
export function isAffected(
  affected: AffectedPackage,
  version: string,
  compare: VersionComparator,
): AffectedVerdict {
  const listed = affected.versions.find((candidate) => isSameVersion(candidate, version, compare));
  if (listed !== undefined) return { affected: true, reason: `listed in versions: ${listed}` };

  const notes: string[] = [];
  for (const [index, range] of affected.ranges.entries()) {
    const label = `${range.type} range ${index + 1}`;
    if (range.type === 'GIT') {
      notes.push(`${label} not evaluated (GIT commit range)`);
      continue;
    }
    try {
      const match = sweep(range, version, compare);
      if (match) return { affected: true, reason: `${label}: ${match}` };
    } catch (error) {
      notes.push(`${label} not evaluated (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { affected: false, reason: notes.length > 0 ? notes.join('; ') : null };
}

function isSameVersion(candidate: string, version: string, compare: VersionComparator): boolean {
  if (candidate === version) return true;
  try {
    return compare(candidate, version) === 0;
  } catch {
    return false;
  }
}

/** The matched events as text (`introduced 0, fixed 1.18.6`), or null when outside the range. */
function sweep(range: AffectedRange, version: string, compare: VersionComparator): string | null {
  const bounds = range.events.flatMap(toBound);
  // Below-everything check: `introduced: "0"` is the minimum, not a version the comparator must know.
  const order = (a: string, b: string): number => {
    if (a === b) return 0;
    if (a === '0') return -1;
    if (b === '0') return 1;
    return compare(a, b);
  };
  bounds.sort((a, b) => order(a.version, b.version) || kindOrder[a.kind] - kindOrder[b.kind]);

  let opened: number | null = null;
  for (const [index, bound] of bounds.entries()) {
    const relation = bound.version === '0' && bound.kind === 'introduced' ? 1 : order(version, bound.version);
    if (bound.kind === 'introduced' && relation >= 0) opened = index;
    else if (bound.kind === 'fixed' && relation >= 0) opened = null;
    else if (bound.kind === 'last_affected' && relation > 0) opened = null;
  }
  if (opened === null) return null;
  const start = bounds[opened];
  const end = bounds.slice(opened + 1).find((bound) => bound.kind !== 'introduced');
  const opening = `introduced ${start?.version}`;
  return end ? `${opening}, ${end.kind} ${end.version}` : `${opening} (no fix)`;
}

function toBound(event: RangeEvent): Bound[] {
  if ('introduced' in event) return [{ kind: 'introduced', version: event.introduced }];
  if ('fixed' in event) return [{ kind: 'fixed', version: event.fixed }];
  if ('last_affected' in event) return [{ kind: 'last_affected', version: event.last_affected }];
  return [];
}
