/**
 * The CSAF product tree (CSAF 2.0 §3.2.2; 2.1 §3.2.3) resolved into one record per product_id, shared
 * by the CSAF advisory feed (csaf.ts) and the CSAF VEX reader (../vex/parse-csaf-vex.ts). Pure, no I/O;
 * reads untrusted JSON without throwing.
 */
import { isObject, type JsonObject, list, text } from './feed-json.ts';

/** One product as the tree defines it: a branch leaf, a `full_product_names` entry or a relationship. */
export interface CsafProduct {
  productId: string;
  /** `full_product_name.name`, else the product_id. */
  name: string;
  /** Category of the branch that holds the product (`product_version`, `product_version_range`, …); null outside `branches`. */
  category: string | null;
  /** Name of the nearest `product_name` branch at or above a branch leaf, else null. */
  productName: string | null;
  /** Name of the nearest `product_version` branch at or above a branch leaf (null for a range leaf). */
  version: string | null;
  /** Name of the nearest `product_version_range` branch at or above the leaf (`vers:…` or free text). */
  versionRange: string | null;
  /** `product_identification_helper.purl` (2.0) or `.purls[]` (2.1), trimmed. */
  purls: string[];
  /** `product_identification_helper.cpe`, trimmed. */
  cpe: string | null;
  /** JSON path of the definition, for warnings. */
  path: string;
  /** Set for a `relationships[]` product (§3.2.2.4): `component` (product_reference) related to `parent`. */
  relationship: { category: string | null; component: CsafProduct; parent: CsafProduct } | null;
}

export interface CsafProductTree {
  products: Map<string, CsafProduct>;
  /** group_id → product_ids (`product_groups`, §3.2.2.3). */
  groups: Map<string, string[]>;
}

/** A trimmed non-empty string, else null (product ids are compared trimmed). */
export function trimmedText(value: unknown): string | null {
  return text(value)?.trim() ?? null;
}

/** Trimmed non-empty strings of a list; anything else in it is dropped. */
export function trimmedTexts(value: unknown): string[] {
  return list(value).flatMap((item) => trimmedText(item) ?? []);
}

function readHelper(full: JsonObject): Pick<CsafProduct, 'purls' | 'cpe'> {
  const helper = isObject(full.product_identification_helper) ? full.product_identification_helper : {};
  const purls = [
    ...new Set([
      ...(trimmedText(helper.purl) ? [trimmedText(helper.purl) as string] : []),
      ...trimmedTexts(helper.purls),
    ]),
  ];
  return { purls, cpe: trimmedText(helper.cpe) };
}

/**
 * Resolves every product_id of `tree` (the document's `product_tree`; anything else reads as empty).
 *
 * - A leaf of `branches` inherits the names of the `product_name`, `product_version` and
 *   `product_version_range` branches above it; a `product_version_range` leaf has version null, so a
 *   range never reads as one version.
 * - `relationships` may build on each other; they are resolved until nothing changes, so a cycle
 *   (forbidden by §6.1.3) leaves its product_ids undefined.
 * - A product without product_id, or a product_id defined twice (§6.1.2), is reported in `warnings`;
 *   the first definition wins.
 */
export function resolveCsafProductTree(tree: unknown, warnings: string[]): CsafProductTree {
  const root = isObject(tree) ? tree : {};
  const products = new Map<string, CsafProduct>();
  const define = (product: Omit<CsafProduct, 'productId'>, productId: string | null): void => {
    if (!productId) {
      warnings.push(`${product.path}: no product_id, ignored`);
      return;
    }
    if (products.has(productId)) {
      warnings.push(`${product.path}: product_id ${productId} defined twice`);
      return;
    }
    products.set(productId, { ...product, productId });
  };
  const fromFull = (full: JsonObject, path: string): Omit<CsafProduct, 'productId'> => ({
    name: trimmedText(full.name) ?? trimmedText(full.product_id) ?? 'unnamed product',
    category: null,
    productName: null,
    version: null,
    versionRange: null,
    ...readHelper(full),
    path,
    relationship: null,
  });

  type Inherited = { productName: string | null; version: string | null; versionRange: string | null };
  const walk = (branches: unknown, path: string, inherited: Inherited, depth: number): void => {
    // The schema allows any depth; 30 levels is far beyond any real tree and keeps the stack safe.
    if (depth > 30) {
      warnings.push(`${path}: branches nested deeper than 30 levels, ignored`);
      return;
    }
    list(branches).forEach((branch, i) => {
      if (!isObject(branch)) return;
      const here = `${path}[${i}]`;
      const category = trimmedText(branch.category);
      const name = trimmedText(branch.name);
      const next: Inherited = {
        productName: category === 'product_name' ? name : inherited.productName,
        version: category === 'product_version' ? name : inherited.version,
        versionRange: category === 'product_version_range' ? name : inherited.versionRange,
      };
      if (isObject(branch.product)) {
        const full = fromFull(branch.product, `${here}.product`);
        define(
          {
            ...full,
            category,
            productName: next.productName,
            version: category === 'product_version_range' ? null : next.version,
            versionRange: next.versionRange,
          },
          trimmedText(branch.product.product_id),
        );
      }
      walk(branch.branches, `${here}.branches`, next, depth + 1);
    });
  };
  walk(root.branches, 'product_tree.branches', { productName: null, version: null, versionRange: null }, 0);
  list(root.full_product_names).forEach((full, i) => {
    if (!isObject(full)) return;
    const path = `product_tree.full_product_names[${i}]`;
    define(fromFull(full, path), trimmedText(full.product_id));
  });

  const relationships = list(root.relationships);
  const done = new Set<number>();
  for (let pass = 0; pass <= relationships.length; pass++) {
    let changed = false;
    relationships.forEach((relationship, i) => {
      if (done.has(i) || !isObject(relationship)) return;
      const path = `product_tree.relationships[${i}]`;
      const full = isObject(relationship.full_product_name) ? relationship.full_product_name : null;
      const component = products.get(trimmedText(relationship.product_reference) ?? '');
      const parent = products.get(trimmedText(relationship.relates_to_product_reference) ?? '');
      if (!full || component === undefined || parent === undefined) return;
      done.add(i);
      changed = true;
      define(
        {
          ...fromFull(full, path),
          relationship: { category: trimmedText(relationship.category), component, parent },
        },
        trimmedText(full.product_id),
      );
    });
    if (!changed) break;
  }

  const groups = new Map<string, string[]>();
  for (const group of list(root.product_groups)) {
    if (!isObject(group)) continue;
    groups.set(trimmedText(group.group_id) ?? '', trimmedTexts(group.product_ids));
  }
  return { products, groups };
}
