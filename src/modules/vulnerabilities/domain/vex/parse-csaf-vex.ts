/**
 * CSAF 2.0 VEX (`document.category` = `csaf_vex`, CSAF 2.0 §4.5) → VEX statements. Pure: no I/O.
 */
import { type CsafProduct, resolveCsafProductTree } from '../feeds/csaf-product-tree.ts';
import type { VexDocument, VexStatement } from '../vex-model.ts';
import { isRecord, type JsonRecord, records, strings, text, type VexProduct } from './vex-json.ts';
import { isVexJustification, statusByCsafGroup } from './vex-vocabulary.ts';

type Target = Pick<VexStatement, 'product' | 'subcomponentPurl'>;

/**
 * One statement per (vulnerability, product_id listed in a product_status group).
 *
 * - product_ids resolve through the product_tree (§3.2.2): a leaf of `branches` takes its name from the
 *   nearest `product_name` branch and its version from the `product_version` branch (a
 *   `product_version_range` leaf keeps its full product name and has version null, so two ranges never
 *   look like one version); `full_product_names` give the name only; purl and CPE come from
 *   `product_identification_helper` (§3.1.3.3). A `relationships` entry (§3.2.2.4) is the product
 *   `relates_to_product_reference` with `product_reference` as its subcomponent (that product's purl).
 * - justification = the flag (§3.2.3.5) naming the product (directly or through `group_ids`);
 *   impactStatement = the `impact` threats' details (§3.2.3.13); actionStatement = the remediations'
 *   details (§3.2.3.12), several joined by a blank line.
 * - vulnerabilityId = `cve`, else the first `ids[].text`.
 * - timestamp = the date of that flag, threat or remediation, else `document.tracking.current_release_date`.
 *
 * Vulnerabilities with no id and product_ids that resolve to nothing are skipped with a warning.
 */
export function parseCsafVex(document: JsonRecord, warnings: string[]): VexDocument {
  const meta = isRecord(document.document) ? document.document : {};
  const tracking = isRecord(meta.tracking) ? meta.tracking : {};
  const documentDate = text(tracking.current_release_date);
  const tree = isRecord(document.product_tree) ? document.product_tree : {};
  const { targets, groups } = resolveProductTree(tree, warnings);
  const statements: VexStatement[] = [];
  records(document.vulnerabilities).forEach((vulnerability, i) => {
    const path = `vulnerabilities[${i}]`;
    const id = text(vulnerability.cve) ?? text(records(vulnerability.ids)[0]?.text);
    if (!id) {
      warnings.push(`${path}: neither cve nor ids, skipped`);
      return;
    }
    const productsOf = (item: JsonRecord): Set<string> =>
      new Set([...strings(item.product_ids), ...strings(item.group_ids).flatMap((g) => groups.get(g) ?? [])]);
    const flags = records(vulnerability.flags).map((f) => ({ item: f, products: productsOf(f) }));
    const impacts = records(vulnerability.threats)
      .filter((t) => t.category === 'impact')
      .map((t) => ({ item: t, products: productsOf(t) }));
    const remediations = records(vulnerability.remediations).map((r) => ({
      item: r,
      products: productsOf(r),
    }));
    const status = isRecord(vulnerability.product_status) ? vulnerability.product_status : {};
    for (const [group, ids] of Object.entries(status)) {
      const mapped = statusByCsafGroup[group];
      if (!mapped) continue;
      strings(ids).forEach((productId, j) => {
        const target = targets.get(productId) ?? `unknown product_id ${productId}`;
        if (typeof target === 'string') {
          warnings.push(`${path}.product_status.${group}[${j}]: ${target}, skipped`);
          return;
        }
        const flag = flags.find((f) => f.products.has(productId))?.item;
        const label = flag?.label;
        if (flag && !isVexJustification(label)) {
          warnings.push(`${path}.flags: unknown label ${String(label)} for ${productId}, ignored`);
        }
        const threats = impacts.filter((t) => t.products.has(productId)).map((t) => t.item);
        const fixes = remediations.filter((r) => r.products.has(productId)).map((r) => r.item);
        statements.push({
          vulnerabilityId: id,
          ...target,
          status: mapped,
          justification: mapped === 'not_affected' && isVexJustification(label) ? label : null,
          impactStatement: joined(threats.map((t) => text(t.details))),
          actionStatement: joined(fixes.map((r) => text(r.details))),
          timestamp: [flag, ...threats, ...fixes].map((x) => text(x?.date)).find((d) => d) ?? documentDate,
        });
      });
    }
  });
  const publisher = isRecord(meta.publisher) ? meta.publisher : {};
  return { format: 'csaf', author: text(publisher.name), statements };
}

function joined(parts: (string | null)[]): string | null {
  const present = parts.filter((p): p is string => p !== null);
  return present.length > 0 ? present.join('\n\n') : null;
}

/**
 * product_id → product (and subcomponent), per CSAF 2.0 §3.2.2, from the shared product-tree resolver.
 * A string value says why the product_id cannot be used.
 */
function resolveProductTree(
  tree: JsonRecord,
  warnings: string[],
): { targets: Map<string, Target | string>; groups: Map<string, string[]> } {
  const { products, groups } = resolveCsafProductTree(tree, warnings);
  const targets = new Map<string, Target | string>();
  const targetOf = (product: CsafProduct): Target | string => {
    const known = targets.get(product.productId);
    if (known !== undefined) return known;
    let value: Target | string;
    const relationship = product.relationship;
    if (!relationship) value = { product: vexProductOf(product), subcomponentPurl: null };
    else {
      const parent = targetOf(relationship.parent);
      const component = targetOf(relationship.component);
      const here = product.path;
      // A relationship of relationships would need two subcomponents; the model holds one.
      if (typeof parent === 'string' || typeof component === 'string')
        value = `${here} builds on an unusable product_id`;
      else if (parent.subcomponentPurl || component.subcomponentPurl) value = `${here} is nested`;
      else if (!component.product.purl) value = `${here} names a component without purl`;
      else value = { product: parent.product, subcomponentPurl: component.product.purl };
    }
    targets.set(product.productId, value);
    return value;
  };
  for (const product of products.values()) targetOf(product);
  return { targets, groups };
}

/** A `product_version_range` leaf keeps its full product name; other leaves take the product_name branch's. */
function vexProductOf(product: CsafProduct): VexProduct {
  const isRange = product.category === 'product_version_range';
  return {
    name: isRange ? product.name : (product.productName ?? product.name),
    version: isRange ? null : product.version,
    purl: product.purls[0] ?? null,
    cpe: product.cpe,
  };
}
