/**
 * Matches one SBOM component against advisories: purl → OSV-style `affected[]`, CPE → NVD
 * configurations and CVE 5 vendor/product entries (docs/matching.md "Recommendations" 2–3: normalise
 * identity first, per-ecosystem comparators, strict CPE rules, explicit confidence, never fuzzy by
 * default). Pure: the caller selects candidate advisories (package-identity.ts lookup keys).
 */
import type { Advisory } from '../advisory-model.ts';
import { matchByName, matchCve5VendorProducts, matchNvdConfigurations } from './match-cpe.ts';
import { matchAffectedPackages } from './match-osv-package.ts';
import {
  type ComponentMatch,
  confidenceRank,
  type MatchableComponent,
  type MatchEvidence,
  type MatchOptions,
  untypedComparator,
} from './match-types.ts';
import { readPurlIdentity } from './purl-identity.ts';

export type {
  ComponentMatch,
  MatchableComponent,
  MatchConfidence,
  MatchedBy,
  MatchOptions,
} from './match-types.ts';

/** The one match of an advisory: highest confidence wins `matchedBy` and `fixedIn`; reasons are kept. */
function mergeEvidence(
  advisory: Advisory,
  componentKey: string,
  evidence: MatchEvidence[],
  compare: (a: string, b: string) => number,
): ComponentMatch | null {
  const best = [...evidence].sort((a, b) => confidenceRank(b.confidence) - confidenceRank(a.confidence))[0];
  if (best === undefined) return null;
  const fixes = evidence
    .filter((item) => item.confidence === best.confidence && item.fixedIn !== null)
    .map((item) => item.fixedIn as string);
  // Several ranges of one record matched (e.g. one per distro release): the lowest fix is the nearest.
  const fixedIn = fixes.reduce<string | null>((lowest, fix) => {
    if (lowest === null) return fix;
    try {
      return compare(fix, lowest) < 0 ? fix : lowest;
    } catch {
      return lowest;
    }
  }, null);
  return {
    componentKey,
    advisorySource: advisory.source,
    advisoryId: advisory.id,
    aliases: [...advisory.aliases],
    matchedBy: best.matchedBy,
    confidence: best.confidence,
    reasons: [...new Set(evidence.flatMap((item) => item.reasons))],
    fixedIn,
    isNameMatch: evidence.every((item) => item.isNameMatch),
  };
}

/**
 * Every advisory of `advisories` that affects `component`, at most one match per advisory (evidence
 * from purl, CPE and CVE 5 merged: reasons kept, highest confidence), in the advisories' order.
 *
 * - Withdrawn or rejected advisories never match.
 * - purl: `affected[]` entries in the component's ecosystem with the same package name, evaluated
 *   with `isAffected` in the ecosystem's order (match-osv-package.ts; distro releases must agree).
 * - CPE: `matchConfigurations` over the NVD configurations, versions ordered by the component's purl
 *   ecosystem when it has an exact order, else the generic order; CVE 5 vendor/product entries
 *   for products no configuration names, `medium` at most (match-cpe.ts).
 * - Neither purl nor CPE: nothing, unless `options.allowNameMatching` (then `low`, `isNameMatch`).
 *   Name matching also applies to a purl-only component, never to one with a CPE.
 *
 * Never throws; an unreadable purl or CPE counts as absent.
 */
export function matchComponent(
  component: MatchableComponent,
  advisories: Advisory[],
  options: MatchOptions = {},
): ComponentMatch[] {
  const identity = component.purl === null ? null : readPurlIdentity(component.purl, component.version);
  const compare = untypedComparator(identity);
  const cpe = component.cpe?.trim() || null;
  // The component's own version field, as matchConfigurations expects (the CPE's version wins there).
  const version = component.version ?? identity?.version ?? null;
  const matches: ComponentMatch[] = [];
  // Indexed loops here and below: a scan matches thousands of pairs before this code is optimised.
  for (let i = 0; i < advisories.length; i++) {
    const advisory = advisories[i] as Advisory;
    if (advisory.withdrawn !== null) continue;
    let evidence: MatchEvidence[] =
      identity !== null && component.purl !== null
        ? matchAffectedPackages(advisory, identity, component.purl)
        : [];
    if (cpe !== null) {
      evidence = [
        ...evidence,
        ...matchNvdConfigurations(advisory, cpe, version, compare, options.platformCpes),
        ...matchCve5VendorProducts(advisory, cpe, version, compare, options.cve5VendorAliases ?? {}),
      ];
    } else if (options.allowNameMatching === true) {
      evidence = [...evidence, ...matchByName(advisory, component.name, version, compare)];
    }
    // Most candidates of a component are other packages filed under the same coarse key.
    if (evidence.length === 0) continue;
    const match = mergeEvidence(advisory, component.key, evidence, compare);
    if (match !== null) matches.push(match);
  }
  return matches;
}
