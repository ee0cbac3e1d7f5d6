/**
 * Package-level evidence: a purl-identified component against an advisory's `affected[]` entries (OSV
 * records, CVE 5 entries with a registry package), evaluated with the OSV algorithm (osv-range.ts) in
 * the ecosystem's own version order (docs/matching.md "OSV schema", "Version orderings"). Pure.
 */
import type { Advisory, AffectedPackage, VersionComparator } from '../advisory-model.ts';
import { isAffected } from '../osv-range.ts';
import { purlTypeForEcosystem } from '../package-identity.ts';
import { comparatorFor } from '../versions/comparator-for-ecosystem.ts';
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

/** Names the component may carry in the advisory: its own, and for distro packages the source package. */
function candidateNames(identity: PurlIdentity): { name: string; via: string | null }[] {
  const names: { name: string; via: string | null }[] = [{ name: identity.ecosystemName, via: null }];
  const upstream = identity.qualifiers.upstream?.split(/[@ (]/)[0]?.trim();
  if (distroTypes.has(identity.purlType) && upstream && upstream !== identity.name) {
    names.push({ name: upstream, via: `source package '${upstream}' (purl qualifier upstream)` });
  }
  return names;
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

/**
 * `isAffected` with the right order per range type: SEMVER ranges always in SemVer 2.0 (OSV schema),
 * ECOSYSTEM ranges and the `versions[]` list in the ecosystem's order.
 */
function evaluate(
  affected: AffectedPackage,
  version: string,
  ecosystemCompare: VersionComparator,
  scheme: string,
): Evaluation {
  const semverCompare = semverSchemes.has(scheme) ? ecosystemCompare : comparatorFor('npm').compare;
  const semverRanges = affected.ranges.filter((range) => range.type === 'SEMVER');
  const otherRanges = affected.ranges.filter((range) => range.type !== 'SEMVER');
  const parts: [AffectedPackage, VersionComparator, boolean][] = [
    [{ ...affected, ranges: otherRanges }, ecosystemCompare, false],
    [{ ...affected, ranges: semverRanges, versions: [] }, semverCompare, true],
  ];
  for (const [part, compare, isSemverRange] of parts) {
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
  const evidence: MatchEvidence[] = [];
  for (const [index, affected] of advisory.affected.entries()) {
    if (affectedPurlType(affected) !== identity.purlType) continue;
    const wanted = comparableName(identity.purlType, affected.name);
    const via = candidateNames(identity).find(
      (candidate) => comparableName(identity.purlType, candidate.name) === wanted,
    );
    if (via === undefined) continue;
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
    const ordering = comparatorFor(affected.ecosystem);
    const result = evaluate(affected, identity.version, ordering.compare, ordering.scheme);
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
  return evidence;
}
