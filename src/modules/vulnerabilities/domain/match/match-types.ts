/**
 * Shapes shared by the matching steps (purl/OSV, CPE/NVD, CVE 5 vendor/product) and the merge. Pure
 * types and the confidence order.
 */
import type { AdvisorySource, VersionComparator } from '../advisory-model.ts';
import { comparatorFor } from '../versions/comparator-for-ecosystem.ts';
import { compareGeneric } from '../versions/generic-version.ts';
import type { PurlIdentity } from './purl-identity.ts';

export type MatchConfidence = 'high' | 'medium' | 'low';
export type MatchedBy = 'purl' | 'cpe' | 'cve5';

/** What the matcher reads of a component (the devices module's SbomComponent has these fields). */
export interface MatchableComponent {
  key: string;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
}

export interface MatchOptions {
  /** CPEs of what the component runs on (hardware, OS); see nvd-configuration-match.ts. */
  platformCpes?: string[];
  /**
   * Off by default. When true, a component WITHOUT a CPE is also matched by its exact lower-cased
   * name against CVE 5 products and NVD criterion products, always with confidence `low` — the
   * fuzzy matching behind Dependency-Track's false positives (docs/matching.md, DT #2945, #3063).
   */
  allowNameMatching?: boolean;
  /**
   * CVE 5 vendor names (lower-cased, spaces as `_`) → CPE vendors the caller holds equivalent, e.g.
   * `{ curl: ['haxx'] }` (the curl CNA writes vendor `curl`, NVD's CPEs say `haxx`). Empty by default:
   * no built-in table, equality is strict.
   */
  cve5VendorAliases?: Record<string, string[]>;
}

/** One advisory that affects one component. */
export interface ComponentMatch {
  componentKey: string;
  advisorySource: AdvisorySource;
  advisoryId: string;
  aliases: string[];
  /** The identifier behind the highest-confidence evidence. */
  matchedBy: MatchedBy;
  confidence: MatchConfidence;
  /** Human-readable: which record, which range or criterion, which identifier. */
  reasons: string[];
  /** First fixed version above the component's, when the record states one. */
  fixedIn: string | null;
  /** True when the only evidence is the component's name (`allowNameMatching`). */
  isNameMatch: boolean;
}

/** One piece of evidence for an (advisory, component) pair, before the per-advisory merge. */
export interface MatchEvidence {
  matchedBy: MatchedBy;
  confidence: MatchConfidence;
  reasons: string[];
  fixedIn: string | null;
  isNameMatch: boolean;
}

const ranks: Record<MatchConfidence, number> = { low: 0, medium: 1, high: 2 };
const byRank: MatchConfidence[] = ['low', 'medium', 'high'];

export function confidenceRank(confidence: MatchConfidence): number {
  return ranks[confidence];
}

export function lowerConfidence(confidence: MatchConfidence): MatchConfidence {
  return byRank[Math.max(0, ranks[confidence] - 1)] as MatchConfidence;
}

export function capConfidence(confidence: MatchConfidence, cap: MatchConfidence): MatchConfidence {
  return ranks[confidence] <= ranks[cap] ? confidence : cap;
}

/**
 * The order for versions that are not ecosystem-typed (CPE bounds, CVE 5 `custom` versions): the
 * component's purl ecosystem when it has an exact comparator (a NuGet component's CPE bounds are
 * NuGet versions), falling back to the generic order for strings that ecosystem rejects; otherwise
 * the generic order.
 */
export function untypedComparator(identity: PurlIdentity | null): VersionComparator {
  const ecosystem = identity === null ? null : comparatorFor(identity.purlType);
  if (ecosystem === null || ecosystem.confidence !== 'exact') return compareGeneric;
  return (a, b) => {
    try {
      return ecosystem.compare(a, b);
    } catch {
      return compareGeneric(a, b);
    }
  };
}
