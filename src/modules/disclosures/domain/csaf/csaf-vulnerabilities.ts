import type { DisclosureVulnerability, Remediation } from '../../disclosures.contracts.ts';
import { cvssV3Score } from './csaf-cvss.ts';
import {
  idsInGroup,
  type ResolvedProductStatus,
  remediationAppliesTo,
  resolveProductStatus,
} from './csaf-product-status.ts';
import { csafProductIdOfVersion } from './csaf-product-tree.ts';
import {
  type CsafFlag,
  type CsafNote,
  type CsafProductStatus,
  type CsafRemediation,
  type CsafThreat,
  type CsafVulnerability,
  csafProductStatusGroups,
} from './csaf-types.ts';

/**
 * One CSAF vulnerability (§3.2.3) per vulnerability of the record. Product ids are limited to `known`
 * product versions, so nothing references a product the tree does not define (6.1.1).
 * @throws DomainError('invalid') for a malformed CVSS v3 vector (see {@link cvssV3Score}).
 */
export function buildVulnerabilities(
  vulnerabilities: DisclosureVulnerability[],
  remediations: Remediation[],
  known: ReadonlySet<string>,
): CsafVulnerability[] {
  return vulnerabilities.map((vulnerability) => {
    const status = resolveProductStatus(vulnerability, remediations, known);
    const affected = idsInGroup(status, 'known_affected').map(csafProductIdOfVersion);
    const productStatus = csafProductStatus(status);
    const flags = vexFlags(status);
    const threats = impactThreats(status);
    const itemRemediations = remediationsFor(vulnerability, remediations, status);
    const scores =
      vulnerability.cvssV3 !== null && affected.length > 0
        ? [{ cvss_v3: cvssV3Score(vulnerability.cvssV3), products: affected }]
        : [];
    return {
      ...(vulnerability.cve ? { cve: vulnerability.cve } : {}),
      ...(vulnerability.cwe ? { cwe: { id: vulnerability.cwe.id, name: vulnerability.cwe.name } } : {}),
      ...(flags.length > 0 ? { flags } : {}),
      ...(vulnerability.ids.length > 0
        ? { ids: vulnerability.ids.map((id) => ({ system_name: id.systemName, text: id.text })) }
        : {}),
      notes: vulnerabilityNotes(vulnerability),
      ...(productStatus ? { product_status: productStatus } : {}),
      ...(itemRemediations.length > 0 ? { remediations: itemRemediations } : {}),
      ...(scores.length > 0 ? { scores } : {}),
      ...(threats.length > 0 ? { threats } : {}),
      ...(vulnerability.title ? { title: vulnerability.title } : {}),
    };
  });
}

function vulnerabilityNotes(vulnerability: DisclosureVulnerability): CsafNote[] {
  const notes: CsafNote[] = [
    { category: 'description', text: vulnerability.description, title: 'Description' },
  ];
  // CSAF 2.0 scores hold CVSS v2/v3 only (v4.0 arrives with CSAF 2.1): the v4.0 vector travels as a note.
  if (vulnerability.cvssV4) {
    notes.push({
      category: 'other',
      text: `CVSS v4.0 vector: ${vulnerability.cvssV4.trim()}`,
      title: 'CVSS v4.0',
    });
  }
  return notes;
}

/** The product_status object (schema: at least one group, unique ids), or null when nothing is stated. */
function csafProductStatus(status: ResolvedProductStatus): CsafProductStatus | null {
  const result: CsafProductStatus = {};
  for (const group of csafProductStatusGroups) {
    const ids = idsInGroup(status, group);
    if (ids.length > 0) result[group] = ids.map(csafProductIdOfVersion);
  }
  return Object.keys(result).length > 0 ? result : null;
}

/** One VEX justification flag per not-affected product (at most one per product: 6.1.33). */
function vexFlags(status: ResolvedProductStatus): CsafFlag[] {
  return status.notAffected.flatMap((entry) =>
    entry.justification
      ? [{ label: entry.justification, product_ids: [csafProductIdOfVersion(entry.productVersionId)] }]
      : [],
  );
}

/** Impact statements of not-affected products (VEX 6.1.27.9), one threat per distinct text. */
function impactThreats(status: ResolvedProductStatus): CsafThreat[] {
  const byText = new Map<string, string[]>();
  for (const entry of status.notAffected) {
    const text = entry.impact.trim();
    if (text === '') continue;
    byText.set(text, [...(byText.get(text) ?? []), csafProductIdOfVersion(entry.productVersionId)]);
  }
  return [...byText].map(([details, productIds]) => ({
    category: 'impact',
    details,
    product_ids: productIds,
  }));
}

/**
 * The record's remediations that apply to this vulnerability, each naming the products it covers here
 * (6.1.29): those of its versions that have a status in this vulnerability — for a vendor fix, only the
 * affected ones (a fix is not an action for a product that is fixed or not affected). A remediation left
 * with no product is omitted.
 */
function remediationsFor(
  vulnerability: DisclosureVulnerability,
  remediations: Remediation[],
  status: ResolvedProductStatus,
): CsafRemediation[] {
  return remediations.flatMap((remediation): CsafRemediation[] => {
    if (!remediationAppliesTo(remediation, vulnerability)) return [];
    const ids = [...new Set(remediation.productVersionIds)].filter((id) => {
      const group = status.groupOf.get(id);
      return remediation.category === 'vendor_fix' ? group === 'known_affected' : group !== undefined;
    });
    if (ids.length === 0) return [];
    return [
      {
        category: remediation.category,
        details: remediation.details,
        product_ids: ids.map(csafProductIdOfVersion),
        ...(remediation.url ? { url: remediation.url } : {}),
      },
    ];
  });
}
