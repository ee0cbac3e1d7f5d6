/**
 * CSAF 2.0 VEX (`document.category` = `csaf_vex`, CSAF 2.0 §4.5) → VEX statements. Pure: no I/O.
 */
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
  const targets = resolveProductTree(tree, warnings);
  const groups = new Map(
    records(tree.product_groups).map((g) => [text(g.group_id) ?? '', strings(g.product_ids)] as const),
  );
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

/** product_id → product (and subcomponent), per CSAF 2.0 §3.2.2. */
function resolveProductTree(tree: JsonRecord, warnings: string[]): Map<string, Target | string> {
  const products = new Map<string, VexProduct>();
  const define = (productId: string | null, product: VexProduct, path: string): void => {
    if (!productId) {
      warnings.push(`${path}: no product_id, ignored`);
      return;
    }
    if (products.has(productId)) {
      warnings.push(`${path}: product_id ${productId} defined twice`);
      return;
    }
    products.set(productId, product);
  };
  const walk = (branches: unknown, path: string, name: string | null, version: string | null): void => {
    records(branches).forEach((branch, i) => {
      const here = `${path}[${i}]`;
      const category = text(branch.category);
      const branchName = text(branch.name);
      const nextName = category === 'product_name' ? branchName : name;
      const nextVersion = category === 'product_version' ? branchName : version;
      if (isRecord(branch.product)) {
        const full = fromFullProductName(branch.product);
        const product =
          category === 'product_version_range'
            ? { ...full, version: null }
            : { ...full, name: nextName ?? full.name, version: nextVersion };
        define(text(branch.product.product_id), product, `${here}.product`);
      }
      walk(branch.branches, `${here}.branches`, nextName, nextVersion);
    });
  };
  walk(tree.branches, 'product_tree.branches', null, null);
  records(tree.full_product_names).forEach((p, i) => {
    define(text(p.product_id), fromFullProductName(p), `product_tree.full_product_names[${i}]`);
  });

  // A string value says why the product_id cannot be used.
  const targets = new Map<string, Target | string>();
  for (const [id, product] of products) targets.set(id, { product, subcomponentPurl: null });
  const relationships = records(tree.relationships);
  // Relationships may build on each other (§3.2.2.4): resolve until nothing changes; cycles stay unresolved.
  for (let pass = 0; pass <= relationships.length; pass++) {
    let changed = false;
    relationships.forEach((relationship, i) => {
      const full = isRecord(relationship.full_product_name) ? relationship.full_product_name : {};
      const id = text(full.product_id);
      if (!id || targets.has(id)) return;
      const parent = targets.get(text(relationship.relates_to_product_reference) ?? '');
      const component = targets.get(text(relationship.product_reference) ?? '');
      if (parent === undefined || component === undefined) return;
      const here = `product_tree.relationships[${i}]`;
      // A relationship of relationships would need two subcomponents; the model holds one.
      let value: Target | string;
      if (typeof parent === 'string' || typeof component === 'string')
        value = `${here} builds on an unusable product_id`;
      else if (parent.subcomponentPurl || component.subcomponentPurl) value = `${here} is nested`;
      else if (!component.product.purl) value = `${here} names a component without purl`;
      else value = { product: parent.product, subcomponentPurl: component.product.purl };
      targets.set(id, value);
      changed = true;
    });
    if (!changed) break;
  }
  return targets;
}

function fromFullProductName(full: JsonRecord): VexProduct {
  const helper = isRecord(full.product_identification_helper) ? full.product_identification_helper : {};
  return {
    name: text(full.name) ?? text(full.product_id) ?? 'unnamed product',
    version: null,
    purl: text(helper.purl),
    cpe: text(helper.cpe),
  };
}
