/**
 * CycloneDX VEX (a BOM with `vulnerabilities[]`, CycloneDX 1.4–1.6 §vulnerabilities) → VEX statements.
 * Pure: no I/O. The vocabulary mapping is in ./vex-vocabulary.ts.
 */
import type { VexDocument, VexStatement } from '../vex-model.ts';
import {
  isRecord,
  type JsonRecord,
  productFromIdentifiers,
  records,
  text,
  type VexProduct,
} from './vex-json.ts';
import {
  isVexJustification,
  justificationFromCycloneDx,
  justificationPropertyName,
  statusFromCycloneDx,
} from './vex-vocabulary.ts';

const falsePositiveText =
  'CycloneDX analysis state false_positive: the vulnerability was falsely associated.';

/**
 * One statement per (vulnerability, `affects[].ref`).
 *
 * - The product is `metadata.component` when the BOM has one; an affected ref naming another component of
 *   the BOM makes that component the statement's subcomponent (its purl). Without `metadata.component` (a
 *   stand-alone VEX such as CycloneDX's bom-examples VEX/vex.json) the affected component is the product.
 * - A ref that is a BOM-link (CycloneDX 1.5 §BOM-Link, `urn:cdx:<serial>/<version>#<bom-ref>`) is resolved
 *   by its fragment; an unresolvable ref whose fragment is a purl becomes a product known by that purl.
 * - No `affects` means the statement is about `metadata.component`.
 * - Timestamp: `analysis.lastUpdated`, `firstIssued` (1.5+), then `updated`, `published`, `created`, and
 *   the BOM's `metadata.timestamp`. Author: `metadata.authors[0]`, `manufacturer`, `supplier`, `manufacture`.
 *
 * Vulnerabilities without an id or `analysis.state`, and refs that cannot be resolved to something with
 * an identity, are skipped with a warning naming their JSON path.
 */
export function parseCycloneDxVex(bom: JsonRecord, warnings: string[]): VexDocument {
  const metadata = isRecord(bom.metadata) ? bom.metadata : {};
  const root = isRecord(metadata.component) ? metadata.component : null;
  const byRef = new Map<string, JsonRecord>();
  const index = (component: JsonRecord): void => {
    const ref = text(component['bom-ref']);
    if (ref && !byRef.has(ref)) byRef.set(ref, component);
    for (const child of records(component.components)) index(child);
  };
  if (root) index(root);
  for (const component of records(bom.components)) index(component);

  const statements: VexStatement[] = [];
  (Array.isArray(bom.vulnerabilities) ? bom.vulnerabilities : []).forEach((vulnerability, i) => {
    const path = `vulnerabilities[${i}]`;
    if (!isRecord(vulnerability)) {
      warnings.push(`${path}: not an object, skipped`);
      return;
    }
    const id = text(vulnerability.id);
    if (!id) {
      warnings.push(`${path}: no id, skipped`);
      return;
    }
    const analysis = isRecord(vulnerability.analysis) ? vulnerability.analysis : {};
    const status = statusFromCycloneDx(analysis.state);
    if (!status) {
      warnings.push(`${path}.analysis.state: missing or unknown (${String(analysis.state)}), skipped`);
      return;
    }
    const justification = justificationOf(vulnerability, analysis, path, warnings);
    const detail = text(analysis.detail);
    const base = {
      vulnerabilityId: id,
      status,
      justification: status === 'not_affected' ? justification : null,
      impactStatement: detail ?? (analysis.state === 'false_positive' ? falsePositiveText : null),
      actionStatement: text(vulnerability.recommendation) ?? text(vulnerability.workaround),
      timestamp:
        text(analysis.lastUpdated) ??
        text(analysis.firstIssued) ??
        text(vulnerability.updated) ??
        text(vulnerability.published) ??
        text(vulnerability.created) ??
        text(metadata.timestamp),
    };
    const affects = records(vulnerability.affects);
    if (affects.length === 0) {
      if (!root) {
        warnings.push(`${path}.affects: empty and no metadata.component, skipped`);
        return;
      }
      statements.push({ ...base, product: productOf(root), subcomponentPurl: null });
      return;
    }
    affects.forEach((affect, j) => {
      const target = resolveAffect(text(affect.ref), root, byRef);
      if (typeof target === 'string') {
        warnings.push(`${path}.affects[${j}].ref: ${target}, skipped`);
        return;
      }
      statements.push({ ...base, ...target });
    });
  });
  return { format: 'cyclonedx', author: authorOf(metadata), statements };
}

function justificationOf(
  vulnerability: JsonRecord,
  analysis: JsonRecord,
  path: string,
  warnings: string[],
): VexStatement['justification'] {
  const exact = records(vulnerability.properties).find((p) => p.name === justificationPropertyName)?.value;
  if (isVexJustification(exact)) return exact;
  if (analysis.justification === undefined) return null;
  const mapped = justificationFromCycloneDx(analysis.justification);
  if (!mapped)
    warnings.push(`${path}.analysis.justification: unknown value ${String(analysis.justification)}`);
  return mapped;
}

type Target = Pick<VexStatement, 'product' | 'subcomponentPurl'>;

function resolveAffect(
  ref: string | null,
  root: JsonRecord | null,
  byRef: Map<string, JsonRecord>,
): Target | string {
  if (!ref) return 'missing';
  const fragment =
    ref.startsWith('urn:cdx:') && ref.includes('#') ? safeDecode(ref.slice(ref.indexOf('#') + 1)) : null;
  const component = byRef.get(ref) ?? (fragment === null ? undefined : byRef.get(fragment));
  if (component) {
    if (!root || component === root) return { product: productOf(component), subcomponentPurl: null };
    const purl = text(component.purl);
    if (!purl) return `component "${ref}" has no purl to name it as a subcomponent`;
    return { product: productOf(root), subcomponentPurl: purl };
  }
  const purl = [fragment, ref].find((candidate) => candidate?.startsWith('pkg:')) ?? null;
  if (!purl) return `"${ref}" names no component of this BOM`;
  if (!root) return { product: productFromIdentifiers(purl, null, purl), subcomponentPurl: null };
  return { product: productOf(root), subcomponentPurl: purl };
}

function productOf(component: JsonRecord): VexProduct {
  const purl = text(component.purl);
  const cpe = text(component.cpe);
  const fromIds = productFromIdentifiers(purl, cpe, 'unnamed component');
  return {
    ...fromIds,
    name: text(component.name) ?? fromIds.name,
    version: text(component.version) ?? fromIds.version,
  };
}

function authorOf(metadata: JsonRecord): string | null {
  const first = records(metadata.authors)[0];
  const candidates = [first, metadata.manufacturer, metadata.supplier, metadata.manufacture];
  for (const candidate of candidates) {
    const name = isRecord(candidate) ? text(candidate.name) : null;
    if (name) return name;
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
