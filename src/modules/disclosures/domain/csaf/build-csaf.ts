import { buildDocumentSection } from './csaf-document-section.ts';
import type { CsafBuildInput } from './csaf-input.ts';
import { idsInGroup, resolveProductStatus } from './csaf-product-status.ts';
import { buildProductTree, knownProductVersions } from './csaf-product-tree.ts';
import type { CsafCategory, CsafDocument } from './csaf-types.ts';
import { buildVulnerabilities } from './csaf-vulnerabilities.ts';

export type { CsafDocument } from './csaf-types.ts';
export { csafFileName, csafTlpLabel } from './file-name.ts';
export { serializeCsaf } from './serialize.ts';

/**
 * The CSAF profile of a record (CSAF 2.0 §4):
 * - an incident notice → `csaf_security_incident_response`;
 * - an advisory that only states products not affected or fixed (no product affected or under
 *   investigation, at least one status) → `csaf_vex`, a VEX statement;
 * - any other advisory → `csaf_security_advisory`.
 * Statuses are counted as the document will carry them (unknown product versions dropped, vendor fixes'
 * fixed versions added).
 */
export function csafCategoryOf(input: CsafBuildInput): CsafCategory {
  if (input.kind === 'incident_notice') return 'csaf_security_incident_response';
  // An advisory without vulnerabilities (a text-only notice about products) is informational: that
  // profile forbids a vulnerabilities section and reads its listed products as the affected ones.
  if (input.content.vulnerabilities.length === 0) return 'csaf_informational_advisory';
  const known = new Set(knownProductVersions(input).keys());
  const statuses = input.content.vulnerabilities.map((vulnerability) =>
    resolveProductStatus(vulnerability, input.content.remediations, known),
  );
  const statesSomething = statuses.some((status) => status.groupOf.size > 0);
  const onlyVex = statuses.every(
    (status) =>
      idsInGroup(status, 'known_affected').length === 0 &&
      idsInGroup(status, 'under_investigation').length === 0,
  );
  return statesSomething && onlyVex ? 'csaf_vex' : 'csaf_security_advisory';
}

/**
 * The CSAF 2.0 document of one revision of a disclosure record. Pure: everything comes from `input`.
 * Product versions the content names but `input.productVersions` does not hold are left out rather than
 * referenced without a definition (6.1.1). The result is meant to pass csaf-validator-lib's strict schema
 * and mandatory tests; validate it before publishing (src/shared/csaf-validation.ts).
 * `input.selfUrl` must end in {@link csafFileName}(trackingId) for optional test 6.2.11.
 * @throws DomainError('invalid') for a malformed CVSS v3 vector or a final document without revisions.
 */
export function buildCsafDocument(input: CsafBuildInput): CsafDocument {
  const category = csafCategoryOf(input);
  const productTree = buildProductTree(input);
  const known = new Set(knownProductVersions(input).keys());
  const vulnerabilities = buildVulnerabilities(
    input.content.vulnerabilities,
    input.content.remediations,
    known,
  );
  return {
    document: buildDocumentSection(input, category),
    ...(productTree ? { product_tree: productTree } : {}),
    ...(vulnerabilities.length > 0 ? { vulnerabilities } : {}),
  };
}
