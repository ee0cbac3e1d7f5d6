import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.ts';
import { devicesProducts, devicesProductVersions, devicesSboms } from '../devices.tables.ts';

/** A product version as a disclosure names it: enough to build a CSAF product tree and a public page. */
export interface DisclosedProductVersion {
  productVersionId: string;
  productId: string;
  productName: string;
  productSlug: string;
  versionLabel: string;
  modelNumbers: string[];
  udiDi: string | null;
  /** The newest SBOM of the version, when one was uploaded. */
  latestSbomId: string | null;
}

export interface DisclosedProduct {
  productId: string;
  productName: string;
  productSlug: string;
  modelNumbers: string[];
  udiDi: string | null;
}

/** The organisation's product versions among `versionIds` (others' and unknown ids are left out). */
export async function describeVersionsForDisclosure(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  versionIds: string[],
): Promise<DisclosedProductVersion[]> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return [];
  const rows = await deps.db
    .select({
      productVersionId: devicesProductVersions.id,
      productId: devicesProducts.id,
      productName: devicesProducts.name,
      productSlug: devicesProducts.slug,
      versionLabel: devicesProductVersions.label,
      modelNumbers: devicesProducts.modelNumbers,
      udiDi: devicesProducts.udiDi,
    })
    .from(devicesProductVersions)
    .innerJoin(devicesProducts, eq(devicesProducts.id, devicesProductVersions.productId))
    .where(
      and(eq(devicesProductVersions.organizationId, organizationId), inArray(devicesProductVersions.id, ids)),
    );
  const sboms = await deps.db
    .select({ id: devicesSboms.id, productVersionId: devicesSboms.productVersionId })
    .from(devicesSboms)
    .where(inArray(devicesSboms.productVersionId, ids))
    .orderBy(desc(devicesSboms.createdAt));
  const latest = new Map<string, string>();
  for (const s of sboms) if (!latest.has(s.productVersionId)) latest.set(s.productVersionId, s.id);
  return rows.map((r) => ({ ...r, latestSbomId: latest.get(r.productVersionId) ?? null }));
}

/** The organisation's products among `productIds`. */
export async function describeProductsForDisclosure(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  productIds: string[],
): Promise<DisclosedProduct[]> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return [];
  return deps.db
    .select({
      productId: devicesProducts.id,
      productName: devicesProducts.name,
      productSlug: devicesProducts.slug,
      modelNumbers: devicesProducts.modelNumbers,
      udiDi: devicesProducts.udiDi,
    })
    .from(devicesProducts)
    .where(and(eq(devicesProducts.organizationId, organizationId), inArray(devicesProducts.id, ids)));
}
