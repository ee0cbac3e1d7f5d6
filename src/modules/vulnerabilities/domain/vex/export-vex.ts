/**
 * VEX exports of one product version in the three formats Candor speaks. Pure: no I/O.
 * CycloneDX 1.6 → ./export-cyclonedx-vex.ts, CSAF 2.0 → ./export-csaf-vex.ts, OpenVEX v0.2.0 here.
 */
import type { VexStatement } from '../vex-model.ts';
import { candorProductIri } from './parse-openvex.ts';
import { checkVexExportInput, toDateTime, type VexExportInput } from './vex-export-input.ts';

export { exportCsafVex } from './export-csaf-vex.ts';
export { exportCycloneDxVex } from './export-cyclonedx-vex.ts';
export type { VexExportInput } from './vex-export-input.ts';

/** OpenVEX v0.2.0 JSON-LD context (OpenVEX spec §Document, `@context`). */
export const openVexContext = 'https://openvex.dev/ns/v0.2.0';

export interface OpenVexDocument {
  '@context': string;
  '@id': string;
  author: string;
  timestamp: string;
  version: number;
  tooling: string;
  statements: OpenVexStatement[];
}

export interface OpenVexComponent {
  '@id': string;
  identifiers?: { purl?: string; cpe23?: string; cpe22?: string };
}

export interface OpenVexStatement {
  vulnerability: { name: string };
  timestamp?: string;
  products: (OpenVexComponent & { subcomponents?: OpenVexComponent[] })[];
  status: VexStatement['status'];
  justification?: NonNullable<VexStatement['justification']>;
  impact_statement?: string;
  action_statement?: string;
}

/**
 * The statements as an OpenVEX v0.2.0 document (OpenVEX spec §Document, §Statement, §Product Data Structure).
 *
 * - `@id` = documentId when it is already an IRI (has a scheme), else `urn:candor:vex:<documentId>`;
 *   author = manufacturer; timestamp = generatedAt; version 1.
 * - One statement per model statement. The product's `@id` is its purl, else its CPE, else Candor's product
 *   IRI `urn:candor:product:<name>@<version>` (OpenVEX has no name/version field); `identifiers` repeat purl
 *   and CPE (`cpe23` or `cpe22`). A subcomponent is `subcomponents[0]` with `@id` and `identifiers.purl`.
 * - Both `justification` and `impact_statement` are written when both are known — the spec's recommended
 *   pattern (§Note on justification and impact_statement), although one revision of the repository's JSON
 *   schema demands exactly one of them.
 *
 * @throws DomainError `invalid` when {@link checkVexExportInput} fails.
 */
export function exportOpenVex(input: VexExportInput): OpenVexDocument {
  checkVexExportInput(input);
  const { product } = input;
  const identifiers: OpenVexComponent['identifiers'] = {
    ...(product.purl ? { purl: product.purl } : {}),
    ...(product.cpe ? { [product.cpe.startsWith('cpe:2.3:') ? 'cpe23' : 'cpe22']: product.cpe } : {}),
  };
  const productId = product.purl ?? product.cpe ?? candorProductIri(product.name, product.version);
  return {
    '@context': openVexContext,
    '@id': /^[a-z][a-z0-9+.-]*:/i.test(input.documentId)
      ? input.documentId
      : `urn:candor:vex:${encodeURIComponent(input.documentId)}`,
    author: product.manufacturer,
    timestamp: toDateTime(input.generatedAt),
    version: 1,
    tooling: 'Candor',
    statements: input.statements.map((statement) => ({
      vulnerability: { name: statement.vulnerabilityId },
      ...(statement.timestamp ? { timestamp: toDateTime(statement.timestamp) } : {}),
      products: [
        {
          '@id': productId,
          ...(Object.keys(identifiers).length > 0 ? { identifiers } : {}),
          ...(statement.subcomponentPurl
            ? {
                subcomponents: [
                  { '@id': statement.subcomponentPurl, identifiers: { purl: statement.subcomponentPurl } },
                ],
              }
            : {}),
        },
      ],
      status: statement.status,
      ...(statement.justification ? { justification: statement.justification } : {}),
      ...(statement.impactStatement ? { impact_statement: statement.impactStatement } : {}),
      ...(statement.actionStatement ? { action_statement: statement.actionStatement } : {}),
    })),
  };
}
