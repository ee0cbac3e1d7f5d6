import type {
  DisclosureVulnerability,
  ProductStatusEntry,
  Remediation,
} from '../../disclosures.contracts.ts';
import type { CsafProductStatusGroup } from './csaf-types.ts';

/** A vulnerability's product statuses after resolution, by registry product version id. */
export interface ResolvedProductStatus {
  /** Each known product version's group, first statement winning; in statement order. */
  groupOf: Map<string, CsafProductStatusGroup>;
  /** The not-affected statements (with their justification and impact), known versions only, once each. */
  notAffected: ProductStatusEntry[];
}

/** Whether a remediation is about this vulnerability: it names no CVE (all of them) or this one. */
export function remediationAppliesTo(
  remediation: Remediation,
  vulnerability: DisclosureVulnerability,
): boolean {
  return (
    remediation.cves.length === 0 ||
    (vulnerability.cve !== null && remediation.cves.includes(vulnerability.cve))
  );
}

/**
 * The product statuses a vulnerability states, limited to `known` product versions (an unknown id would be a
 * dangling product reference, 6.1.1), plus the fixed versions of the vendor fixes that apply to it.
 * A version is in one group only (6.1.6): the first statement about it counts, and a fixed version the
 * record already states another status for keeps that status.
 */
export function resolveProductStatus(
  vulnerability: DisclosureVulnerability,
  remediations: Remediation[],
  known: ReadonlySet<string>,
): ResolvedProductStatus {
  const groupOf = new Map<string, CsafProductStatusGroup>();
  const notAffected: ProductStatusEntry[] = [];
  for (const entry of vulnerability.productStatus) {
    if (!known.has(entry.productVersionId) || groupOf.has(entry.productVersionId)) continue;
    groupOf.set(entry.productVersionId, entry.status);
    if (entry.status === 'known_not_affected') notAffected.push(entry);
  }
  for (const remediation of remediations) {
    const fixedId = remediation.fixedVersionId;
    if (remediation.category !== 'vendor_fix' || fixedId === null) continue;
    if (!known.has(fixedId) || groupOf.has(fixedId) || !remediationAppliesTo(remediation, vulnerability))
      continue;
    groupOf.set(fixedId, 'fixed');
  }
  return { groupOf, notAffected };
}

/** The registry ids in one group, in resolution order. */
export function idsInGroup(status: ResolvedProductStatus, group: CsafProductStatusGroup): string[] {
  return [...status.groupOf].filter(([, g]) => g === group).map(([id]) => id);
}
