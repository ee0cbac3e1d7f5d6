/**
 * OpenVEX (v0.2.0, and the string-valued products of v0.0.x) → VEX statements. Pure: no I/O.
 */
import type { VexDocument, VexStatement } from '../vex-model.ts';
import {
  isRecord,
  type JsonRecord,
  productFromIdentifiers,
  records,
  strings,
  text,
  type VexProduct,
} from './vex-json.ts';
import { isVexJustification, isVexStatus } from './vex-vocabulary.ts';

/** The IRI scheme Candor's OpenVEX export uses for a product with neither purl nor CPE. */
export const candorProductIriPrefix = 'urn:candor:product:';

/** `urn:candor:product:<name>@<version>` (both percent-encoded; `@` and version absent when unknown). */
export function candorProductIri(name: string, version: string | null): string {
  return `${candorProductIriPrefix}${encodeURIComponent(name)}${version === null ? '' : `@${encodeURIComponent(version)}`}`;
}

/**
 * One statement per (statement, product, subcomponent) — OpenVEX spec §Statement, §Product Data Structure.
 *
 * - vulnerabilityId = `vulnerability.name` (a bare string in v0.0.x).
 * - A product is identified by `@id` and `identifiers` (`purl`, `cpe23`, `cpe22`); OpenVEX has no product
 *   name or version field, so they come from the purl, else the CPE, else Candor's own product IRI, else
 *   the `@id` itself (version null). Each `subcomponents[]` entry (or v0.0.x statement-level
 *   `subcomponents` strings) gives one statement with that subcomponent's purl.
 * - timestamp = the statement's `timestamp`, else the document's (§Inheritance Flow).
 *
 * Statements without vulnerability, a valid status or products are skipped with a warning; an unknown
 * justification is dropped with a warning.
 */
export function parseOpenVex(document: JsonRecord, warnings: string[]): VexDocument {
  const documentTimestamp = text(document.timestamp);
  const statements: VexStatement[] = [];
  (Array.isArray(document.statements) ? document.statements : []).forEach((statement, i) => {
    const path = `statements[${i}]`;
    if (!isRecord(statement)) {
      warnings.push(`${path}: not an object, skipped`);
      return;
    }
    const vulnerability = statement.vulnerability;
    const id = isRecord(vulnerability) ? text(vulnerability.name) : text(vulnerability);
    if (!id) {
      warnings.push(`${path}.vulnerability: no name, skipped`);
      return;
    }
    if (!isVexStatus(statement.status)) {
      warnings.push(`${path}.status: unknown value ${String(statement.status)}, skipped`);
      return;
    }
    const status = statement.status;
    let justification: VexStatement['justification'] = null;
    if (statement.justification !== undefined) {
      if (isVexJustification(statement.justification)) justification = statement.justification;
      else warnings.push(`${path}.justification: unknown value ${String(statement.justification)}, ignored`);
    }
    const base = {
      vulnerabilityId: id,
      status,
      justification: status === 'not_affected' ? justification : null,
      impactStatement: text(statement.impact_statement),
      actionStatement: text(statement.action_statement),
      timestamp: text(statement.timestamp) ?? documentTimestamp,
    };
    const products = Array.isArray(statement.products) ? statement.products : [];
    if (products.length === 0) {
      warnings.push(`${path}.products: none, skipped`);
      return;
    }
    const sharedSubcomponents = strings(statement.subcomponents);
    products.forEach((entry, j) => {
      const here = `${path}.products[${j}]`;
      const product = isRecord(entry) ? productOf(entry) : text(entry) ? productOf({ '@id': entry }) : null;
      if (!product) {
        warnings.push(`${here}: no @id or identifiers, skipped`);
        return;
      }
      const subcomponents = isRecord(entry) ? records(entry.subcomponents) : [];
      const purls = [...sharedSubcomponents.filter((s) => s.startsWith('pkg:'))];
      subcomponents.forEach((sub, k) => {
        const ids = isRecord(sub.identifiers) ? sub.identifiers : {};
        const purl = text(ids.purl) ?? [text(sub['@id'])].find((x) => x?.startsWith('pkg:')) ?? null;
        if (purl) purls.push(purl);
        else warnings.push(`${here}.subcomponents[${k}]: no purl, skipped`);
      });
      if (purls.length === 0 && subcomponents.length === 0) {
        statements.push({ ...base, product, subcomponentPurl: null });
      }
      for (const purl of purls) statements.push({ ...base, product, subcomponentPurl: purl });
    });
  });
  return { format: 'openvex', author: text(document.author), statements };
}

function productOf(entry: JsonRecord): VexProduct | null {
  const id = text(entry['@id']);
  const ids = isRecord(entry.identifiers) ? entry.identifiers : {};
  const purl = text(ids.purl) ?? (id?.startsWith('pkg:') ? id : null);
  const cpe = text(ids.cpe23) ?? text(ids.cpe22) ?? (id?.startsWith('cpe:') ? id : null);
  if (purl || cpe) return productFromIdentifiers(purl, cpe, id ?? purl ?? cpe ?? '');
  if (!id) return null;
  if (!id.startsWith(candorProductIriPrefix)) return { name: id, version: null, purl: null, cpe: null };
  const [name = '', version] = id.slice(candorProductIriPrefix.length).split('@');
  return {
    name: decodeURIComponent(name),
    version: version === undefined ? null : decodeURIComponent(version),
    purl: null,
    cpe: null,
  };
}
