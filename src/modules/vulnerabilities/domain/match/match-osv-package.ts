/**
 * Package-level evidence: a purl-identified component against an advisory's `affected[]` entries (OSV
 * records, CVE 5 entries with a registry package), evaluated with the OSV algorithm (osv-range.ts) in
 * the ecosystem's own version order (docs/matching.md "OSV schema", "Version orderings"). Pure.
 */
import type { Advisory, AffectedPackage, VersionComparator } from '../advisory-model.ts';
import { isAffected } from '../osv-range.ts';
import { purlTypeForEcosystem } from '../package-identity.ts';
import { comparatorFor, type EcosystemComparator } from '../versions/comparator-for-ecosystem.ts';
import { compareDistro } from './distro-release.ts';
import { lowerConfidence, type MatchConfidence, type MatchEvidence } from './match-types.ts';
import { comparableName, type PurlIdentity, readPurlIdentity } from './purl-identity.ts';

const distroTypes = new Set(['deb', 'rpm', 'apk']);
const semverSchemes = new Set(['semver', 'golang']);

/** The purl type an affected entry is in: from its ecosystem, else from its own purl. */
function affectedPurlType(affected: AffectedPackage): string | null {
  const fromEcosystem = purlTypeForEcosystem(affected.ecosystem);
  if (fromEcosystem !== null) return fromEcosystem;
  return affected.purl === null ? null : (readPurlIdentity(affected.purl, null)?.purlType ?? null);
}

/** `candidateNames` of the identities met: a component is matched against many advisories. */
const namesByIdentity = new WeakMap<PurlIdentity, { name: string; via: string | null }[]>();

/**
 * Names the component may carry in the advisory (as `comparableName` spells them): its own, and for
 * distro packages the source package.
 */
function candidateNames(identity: PurlIdentity): { name: string; via: string | null }[] {
  const known = namesByIdentity.get(identity);
  if (known !== undefined) return known;
  const names: { name: string; via: string | null }[] = [
    { name: comparableName(identity.purlType, identity.ecosystemName), via: null },
  ];
  const upstream = identity.qualifiers.upstream?.split(/[@ (]/)[0]?.trim();
  if (distroTypes.has(identity.purlType) && upstream && upstream !== identity.name) {
    names.push({
      name: comparableName(identity.purlType, upstream),
      via: `source package '${upstream}' (purl qualifier upstream)`,
    });
  }
  namesByIdentity.set(identity, names);
  return names;
}

/** One part of an entry's ranges, with the order it is evaluated in (see `rangeParts`). */
interface RangePart {
  affected: AffectedPackage;
  compare: VersionComparator;
  isSemverRange: boolean;
}

/** What matching reads of one `affected[]` entry that does not depend on the component. */
interface PreparedAffected {
  index: number;
  affected: AffectedPackage;
  purlType: string | null;
  /** The entry's package name as `comparableName` spells it in its purl type. */
  name: string;
  /** The entry's order and range parts, once a component of its package is evaluated against it. */
  evaluation: { ordering: EcosystemComparator; parts: RangePart[] } | null;
}

/**
 * SEMVER ranges are always in SemVer 2.0 (OSV schema); ECOSYSTEM ranges and the `versions[]` list in
 * the ecosystem's order: two parts, each evaluated with its own comparator.
 */
function rangeParts(affected: AffectedPackage, ordering: EcosystemComparator): RangePart[] {
  const semverCompare = semverSchemes.has(ordering.scheme) ? ordering.compare : comparatorFor('npm').compare;
  const semverRanges = affected.ranges.filter((range) => range.type === 'SEMVER');
  const otherRanges = affected.ranges.filter((range) => range.type !== 'SEMVER');
  return [
    { affected: { ...affected, ranges: otherRanges }, compare: ordering.compare, isSemverRange: false },
    {
      affected: { ...affected, ranges: semverRanges, versions: [] },
      compare: semverCompare,
      isSemverRange: true,
    },
  ];
}

function evaluationOf(entry: PreparedAffected): NonNullable<PreparedAffected['evaluation']> {
  if (entry.evaluation === null) {
    const ordering = comparatorFor(entry.affected.ecosystem);
    entry.evaluation = { ordering, parts: rangeParts(entry.affected, ordering) };
  }
  return entry.evaluation;
}

/**
 * The entries of each advisory met, read once: a scan meets the same few hundred advisories for
 * thousands of components, most of them another package filed under the same coarse lookup key.
 * Advisories are read-only once stored or parsed; a WeakMap lets them go with their last user.
 */
const preparedByAdvisory = new WeakMap<Advisory, PreparedAffected[]>();

function preparedEntries(advisory: Advisory): PreparedAffected[] {
  let entries = preparedByAdvisory.get(advisory);
  if (entries === undefined) {
    entries = advisory.affected.map((affected, index) => {
      const purlType = affectedPurlType(affected);
      const name = purlType === null ? affected.name : comparableName(purlType, affected.name);
      return { index, affected, purlType, name, evaluation: null };
    });
    preparedByAdvisory.set(advisory, entries);
  }
  return entries;
}

interface Evaluation {
  isAffected: boolean;
  reason: string | null;
  fixedIn: string | null;
}

/** Lowest `fixed` event above `version` in the entry's ranges of `type` (null when none orders). */
function firstFixAbove(
  affected: AffectedPackage,
  version: string,
  compare: VersionComparator,
  isSemverRange: boolean,
): string | null {
  let lowest: string | null = null;
  for (const range of affected.ranges) {
    if (range.type === 'GIT' || (range.type === 'SEMVER') !== isSemverRange) continue;
    for (const event of range.events) {
      if (!('fixed' in event)) continue;
      try {
        if (compare(event.fixed, version) > 0 && (lowest === null || compare(event.fixed, lowest) < 0)) {
          lowest = event.fixed;
        }
      } catch {
        // A fix the order cannot place says nothing.
      }
    }
  }
  return lowest;
}

/** `isAffected` with the right order per range type (the entry's parts, see `rangeParts`). */
function evaluate(parts: RangePart[], affected: AffectedPackage, version: string): Evaluation {
  for (const { affected: part, compare, isSemverRange } of parts) {
    const verdict = isAffected(part, version, compare);
    if (verdict.affected) {
      return {
        isAffected: true,
        reason: verdict.reason,
        fixedIn: firstFixAbove(affected, version, compare, isSemverRange),
      };
    }
  }
  return { isAffected: false, reason: null, fixedIn: null };
}

/**
 * Evidence that `advisory` affects the component `identity` describes: one item per `affected[]`
 * entry whose ecosystem maps to the component's purl type and whose name equals the component's
 * ecosystem name (PEP 503 for PyPI, case-insensitive for NuGet/Composer, exact otherwise).
 * Distro ecosystems (`Debian:11`, `Alpine:v3.16`) apply only when the purl's `distro` agrees
 * (distro-release.ts); when the component names no release the entry still applies, one level lower.
 * A comparator of low confidence lowers one level; a component without a version yields `low`
 * evidence (the range cannot be evaluated). Never throws.
 */
export function matchAffectedPackages(
  advisory: Advisory,
  identity: PurlIdentity,
  purl: string,
): MatchEvidence[] {
  let evidence: MatchEvidence[] | null = null;
  let names: { name: string; via: string | null }[] | null = null;
  const entries = preparedEntries(advisory);
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e] as PreparedAffected;
    // Most candidates of a component are another package under the same coarse lookup key.
    if (entry.purlType !== identity.purlType) continue;
    names ??= candidateNames(identity);
    let via: { name: string; via: string | null } | undefined;
    for (let n = 0; n < names.length && via === undefined; n++) {
      if (names[n]?.name === entry.name) via = names[n];
    }
    if (via === undefined) continue;
    const { affected, index } = entry;
    const notes = [...identity.repairs];
    if (via.via !== null) notes.push(`matched by ${via.via}`);
    let confidence: MatchConfidence = 'high';
    if (distroTypes.has(identity.purlType)) {
      const agreement = compareDistro(affected.ecosystem, identity.distro, identity.namespace);
      if (agreement === 'disagree') continue;
      if (agreement === 'unknown') {
        confidence = lowerConfidence(confidence);
        notes.push(
          `distro not established (purl distro '${identity.distro ?? 'none'}'; entry is for ${affected.ecosystem})`,
        );
      }
    }
    const where = `${advisory.source.toUpperCase()} ${advisory.id} affected[${index}] ${affected.ecosystem} ${affected.name}`;
    evidence ??= [];
    if (identity.version === null) {
      evidence.push({
        matchedBy: 'purl',
        confidence: 'low',
        reasons: [`${where}: component version unknown, ranges not evaluated (${purl})`, ...notes],
        fixedIn: null,
        isNameMatch: false,
      });
      continue;
    }
    const { ordering, parts } = evaluationOf(entry);
    const result = evaluate(parts, affected, identity.version);
    if (!result.isAffected) continue;
    if (ordering.confidence === 'low') {
      confidence = lowerConfidence(confidence);
      notes.push(`no exact version order for ecosystem ${affected.ecosystem} (generic order used)`);
    }
    evidence.push({
      matchedBy: 'purl',
      confidence,
      reasons: [`${where}: version ${identity.version} — ${result.reason} (${purl})`, ...notes],
      fixedIn: result.fixedIn,
      isNameMatch: false,
    });
  }
  return evidence ?? [];
}
