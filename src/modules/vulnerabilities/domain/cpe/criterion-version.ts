import type { VersionComparator } from '../advisory-model.ts';
import { type CpeName, type CpeValue, concreteText } from './cpe-name.ts';
import { isWildcardMatch } from './cpe-name-match.ts';

/**
 * The version half of matching a component against one NVD criterion: which version the component
 * has, and whether the criterion's version attribute and bounds cover it. NVD semantics (CVE API 2.0
 * `cpeMatch`): bounds apply only when the criterion's version is ANY; a concrete version matches that
 * version only; NA (`-`) means NVD did not name a version — "version unknown", never "every version"
 * (DependencyTrack/dependency-track#3268). Versions are compared with the injected ecosystem comparator.
 */

/** The version bounds of a criterion, as published (NVD CVE API 2.0 `versionStart…`/`versionEnd…`). */
export interface VersionBounds {
  versionStartIncluding: string | null;
  versionStartExcluding: string | null;
  versionEndIncluding: string | null;
  versionEndExcluding: string | null;
}

/** The version the component is known to have, and where it came from. */
export interface ComponentVersion {
  /** Null when neither the CPE nor the component states a version. */
  version: string | null;
  /** 'cpe': explicit in the component CPE; 'component': the SBOM component's version field. */
  source: 'cpe' | 'component' | null;
  /** The CPE's version and the component's version field both exist and differ. */
  isConflicting: boolean;
}

/**
 * The component's effective version: the CPE's concrete version (NISTIR 7695 §5.3 value, already
 * unquoted: `5.0\(1\)` → `5.0(1)`) when it has one, otherwise the component's own version field.
 * A CPE version of ANY or NA carries no version, so the field is used then.
 */
export function resolveComponentVersion(component: CpeName, fieldVersion: string | null): ComponentVersion {
  const field = fieldVersion?.trim() ? fieldVersion.trim() : null;
  const fromCpe = concreteText(component.version);
  if (fromCpe !== null) {
    return {
      version: fromCpe,
      source: 'cpe',
      isConflicting: field !== null && field.toLowerCase() !== fromCpe,
    };
  }
  return { version: field, source: field === null ? null : 'component', isConflicting: false };
}

/** How a criterion's version requirement relates to the component's version. */
export type VersionVerdict =
  /** Concrete criterion version equal to the component's (comparator says 0, or NISTIR wildcard hit). */
  | { outcome: 'equal' }
  /** Criterion version ANY, bounds given, component version within them. */
  | { outcome: 'in-range' }
  /** Criterion version ANY with no bounds: NVD says every version. */
  | { outcome: 'all-versions' }
  /** The component's version is unknown, or the criterion's is NA: cannot be decided. */
  | { outcome: 'undecided'; reason: 'component-version-unknown' | 'criterion-version-unspecified' }
  /** Out of range, different version, or the comparator rejected a version. */
  | { outcome: 'no-match' };

export function hasBounds(bounds: VersionBounds): boolean {
  return (
    bounds.versionStartIncluding !== null ||
    bounds.versionStartExcluding !== null ||
    bounds.versionEndIncluding !== null ||
    bounds.versionEndExcluding !== null
  );
}

/** Inclusive/exclusive bound check with the injected comparator; throws if the comparator throws. */
export function isWithinBounds(version: string, bounds: VersionBounds, compare: VersionComparator): boolean {
  const { versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding } = bounds;
  if (versionStartIncluding !== null && compare(version, versionStartIncluding) < 0) return false;
  if (versionStartExcluding !== null && compare(version, versionStartExcluding) <= 0) return false;
  if (versionEndIncluding !== null && compare(version, versionEndIncluding) > 0) return false;
  if (versionEndExcluding !== null && compare(version, versionEndExcluding) >= 0) return false;
  return true;
}

/**
 * Judges one criterion's version attribute and bounds against the component's effective version.
 * A comparator that throws (a version its ecosystem cannot parse) yields 'no-match': an unparseable
 * version is not evidence of being affected.
 */
export function judgeVersion(
  criterionVersion: CpeValue,
  bounds: VersionBounds,
  component: ComponentVersion,
  compare: VersionComparator,
): VersionVerdict {
  const version = component.version;
  if (criterionVersion.kind === 'na') {
    // NA only equals NA (NISTIR 7696 Table 6-2); a component with a real version is not "unknown".
    return version === null
      ? { outcome: 'undecided', reason: 'criterion-version-unspecified' }
      : { outcome: 'no-match' };
  }
  if (criterionVersion.kind === 'any' && !hasBounds(bounds)) return { outcome: 'all-versions' };
  if (version === null) return { outcome: 'undecided', reason: 'component-version-unknown' };
  try {
    if (criterionVersion.kind === 'any') {
      return isWithinBounds(version, bounds, compare) ? { outcome: 'in-range' } : { outcome: 'no-match' };
    }
    const exact = concreteText(criterionVersion);
    if (exact === null) {
      return isWildcardMatch(criterionVersion, version.toLowerCase())
        ? { outcome: 'equal' }
        : { outcome: 'no-match' };
    }
    const isEqual = exact === version.toLowerCase() || compare(version, exact) === 0;
    return isEqual ? { outcome: 'equal' } : { outcome: 'no-match' };
  } catch {
    return { outcome: 'no-match' };
  }
}
