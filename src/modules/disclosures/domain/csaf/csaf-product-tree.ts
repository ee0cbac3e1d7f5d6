import type { CsafBuildInput, CsafProduct, CsafProductVersion } from './csaf-input.ts';
import { productIdentificationHelper } from './csaf-product-identity.ts';
import type { CsafBranch, CsafProductTree } from './csaf-types.ts';

/**
 * CSAF product ids derived from registry ids, so the same product version has the same id in every
 * revision of every document (consumers diff revisions by product id). Registry ids are UUIDs, unique
 * across products and versions, so the two never collide (6.1.2).
 */
export function csafProductIdOfVersion(productVersionId: string): string {
  return `CSAFPID-${productVersionId}`;
}

export function csafProductIdOfProduct(productId: string): string {
  return `CSAFPID-${productId}`;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The record's product versions, each once (first occurrence wins), keyed by registry id. */
export function knownProductVersions(input: CsafBuildInput): Map<string, CsafProductVersion> {
  const known = new Map<string, CsafProductVersion>();
  for (const version of input.productVersions) {
    if (!known.has(version.productVersionId)) known.set(version.productVersionId, version);
  }
  return known;
}

/**
 * The product tree (CSAF 2.0 §3.2.2) along the recommended path vendor → product_name → product_version
 * (informative test 6.3.9): one vendor branch (the publisher), one product_name branch per registry product,
 * one product_version leaf per version named "<product> <version>". Products the record names without any
 * version (incident notices may) are product_name leaves. Every product carries an identification helper.
 * Null when the record names no product (the schema needs at least one branch).
 */
export function buildProductTree(input: CsafBuildInput): CsafProductTree | null {
  const versionsByProduct = new Map<string, CsafProductVersion[]>();
  for (const version of knownProductVersions(input).values()) {
    versionsByProduct.set(version.productId, [...(versionsByProduct.get(version.productId) ?? []), version]);
  }
  const productBranches: CsafBranch[] = [...versionsByProduct.values()].map((versions) =>
    versionedProductBranch(input, versions),
  );
  const seen = new Set<string>();
  for (const product of input.products) {
    if (versionsByProduct.has(product.productId) || seen.has(product.productId)) continue;
    seen.add(product.productId);
    productBranches.push(productLeaf(input, product));
  }
  if (productBranches.length === 0) return null;
  productBranches.sort((a, b) => byName.compare(a.name, b.name));
  return {
    branches: [{ branches: productBranches, category: 'vendor', name: input.publisher.name }],
  };
}

function versionedProductBranch(input: CsafBuildInput, versions: CsafProductVersion[]): CsafBranch {
  const first = versions[0] as CsafProductVersion;
  const leaves = [...versions]
    .sort((a, b) => byName.compare(a.versionLabel, b.versionLabel))
    .map(
      (version): CsafBranch => ({
        category: 'product_version',
        name: version.versionLabel,
        product: {
          name: `${version.productName} ${version.versionLabel}`,
          product_id: csafProductIdOfVersion(version.productVersionId),
          product_identification_helper: productIdentificationHelper({
            publisherSlug: input.publisher.slug,
            productSlug: version.productSlug,
            versionLabel: version.versionLabel,
            modelNumbers: version.modelNumbers,
            udiDi: version.udiDi,
            sbomUrl: version.sbomUrl,
          }),
        },
      }),
    );
  return { branches: leaves, category: 'product_name', name: first.productName };
}

function productLeaf(input: CsafBuildInput, product: CsafProduct): CsafBranch {
  return {
    category: 'product_name',
    name: product.productName,
    product: {
      name: product.productName,
      product_id: csafProductIdOfProduct(product.productId),
      product_identification_helper: productIdentificationHelper({
        publisherSlug: input.publisher.slug,
        productSlug: product.productSlug,
        versionLabel: null,
        modelNumbers: product.modelNumbers,
        udiDi: product.udiDi,
        sbomUrl: null,
      }),
    },
  };
}
