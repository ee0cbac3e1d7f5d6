import { and, asc, desc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import {
  devicesComponentDependencies,
  devicesComponents,
  devicesProducts,
  devicesProductVersions,
  devicesSboms,
} from './devices.tables.ts';

const COMPONENT_BATCH = 500;

export type ProductRow = typeof devicesProducts.$inferSelect;
export type ProductVersionRow = typeof devicesProductVersions.$inferSelect;
export type SbomRow = typeof devicesSboms.$inferSelect;
export type SbomSummaryRow = Omit<SbomRow, 'original'>;
export type ComponentRow = typeof devicesComponents.$inferSelect;

export async function insertProduct(db: DbOrTx, row: ProductRow): Promise<void> {
  await db.insert(devicesProducts).values(row);
}

export async function updateProductRow(db: DbOrTx, row: ProductRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(devicesProducts).set(rest).where(eq(devicesProducts.id, id));
}

export async function findProductByNameOrSlug(
  db: DbOrTx,
  organizationId: string,
  name: string,
  slug: string,
): Promise<ProductRow | null> {
  const rows = await db
    .select()
    .from(devicesProducts)
    .where(
      and(
        eq(devicesProducts.organizationId, organizationId),
        or(eq(devicesProducts.name, name), eq(devicesProducts.slug, slug)),
      ),
    );
  return rows[0] ?? null;
}

export async function findProduct(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<ProductRow | null> {
  const rows = await db
    .select()
    .from(devicesProducts)
    .where(and(eq(devicesProducts.organizationId, organizationId), eq(devicesProducts.id, id)));
  return rows[0] ?? null;
}

export async function findProductBySlug(
  db: DbOrTx,
  organizationId: string,
  slug: string,
): Promise<ProductRow | null> {
  const rows = await db
    .select()
    .from(devicesProducts)
    .where(and(eq(devicesProducts.organizationId, organizationId), eq(devicesProducts.slug, slug)));
  return rows[0] ?? null;
}

export async function listProductsByIds(db: DbOrTx, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(devicesProducts).where(inArray(devicesProducts.id, ids));
}

export async function listProductsPage(
  db: DbOrTx,
  organizationId: string,
  after: KeysetPosition | null,
  limit: number,
): Promise<ProductRow[]> {
  return db
    .select()
    .from(devicesProducts)
    .where(
      and(
        eq(devicesProducts.organizationId, organizationId),
        afterPosition(devicesProducts.createdAt, devicesProducts.id, after),
      ),
    )
    .orderBy(...newestFirst(devicesProducts.createdAt, devicesProducts.id))
    .limit(limit);
}

export async function insertProductVersion(db: DbOrTx, row: ProductVersionRow): Promise<void> {
  await db.insert(devicesProductVersions).values(row);
}

export async function findProductVersion(
  db: DbOrTx,
  organizationId: string,
  productId: string,
  versionId: string,
): Promise<ProductVersionRow | null> {
  const rows = await db
    .select()
    .from(devicesProductVersions)
    .where(
      and(
        eq(devicesProductVersions.organizationId, organizationId),
        eq(devicesProductVersions.productId, productId),
        eq(devicesProductVersions.id, versionId),
      ),
    );
  return rows[0] ?? null;
}

export async function findProductVersionByLabel(
  db: DbOrTx,
  productId: string,
  label: string,
): Promise<ProductVersionRow | null> {
  const rows = await db
    .select()
    .from(devicesProductVersions)
    .where(and(eq(devicesProductVersions.productId, productId), eq(devicesProductVersions.label, label)));
  return rows[0] ?? null;
}

export async function listProductVersionRows(db: DbOrTx, productId: string): Promise<ProductVersionRow[]> {
  return db
    .select()
    .from(devicesProductVersions)
    .where(eq(devicesProductVersions.productId, productId))
    .orderBy(desc(devicesProductVersions.createdAt), desc(devicesProductVersions.id));
}

/** Component counts and newest SBOM per version, for version lists. */
export async function summariseVersions(db: DbOrTx, versionIds: string[]) {
  if (versionIds.length === 0)
    return { counts: new Map<string, number>(), latest: new Map<string, SbomSummaryRow>() };
  const counts = await db
    .select({ versionId: devicesComponents.productVersionId, n: sql<number>`count(*)::int` })
    .from(devicesComponents)
    .where(inArray(devicesComponents.productVersionId, versionIds))
    .groupBy(devicesComponents.productVersionId);
  const sboms = await listSbomSummaries(db, versionIds);
  const latest = new Map<string, SbomSummaryRow>();
  for (const sbom of sboms) if (!latest.has(sbom.productVersionId)) latest.set(sbom.productVersionId, sbom);
  return { counts: new Map(counts.map((c) => [c.versionId, Number(c.n)])), latest };
}

const sbomSummaryColumns = {
  id: devicesSboms.id,
  organizationId: devicesSboms.organizationId,
  productVersionId: devicesSboms.productVersionId,
  format: devicesSboms.format,
  specVersion: devicesSboms.specVersion,
  author: devicesSboms.author,
  documentCreatedAt: devicesSboms.documentCreatedAt,
  sha256: devicesSboms.sha256,
  byteSize: devicesSboms.byteSize,
  componentCount: devicesSboms.componentCount,
  warnings: devicesSboms.warnings,
  skipped: devicesSboms.skipped,
  uploadedByUserId: devicesSboms.uploadedByUserId,
  createdAt: devicesSboms.createdAt,
};

/** SBOM documents of versions, newest first, without their bytes. */
export async function listSbomSummaries(db: DbOrTx, versionIds: string[]): Promise<SbomSummaryRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .select(sbomSummaryColumns)
    .from(devicesSboms)
    .where(inArray(devicesSboms.productVersionId, versionIds))
    .orderBy(desc(devicesSboms.createdAt), desc(devicesSboms.id));
}

export async function findSbomByHash(
  db: DbOrTx,
  versionId: string,
  sha256: string,
): Promise<SbomSummaryRow | null> {
  const rows = await db
    .select(sbomSummaryColumns)
    .from(devicesSboms)
    .where(and(eq(devicesSboms.productVersionId, versionId), eq(devicesSboms.sha256, sha256)));
  return rows[0] ?? null;
}

export async function findSbomWithBytes(
  db: DbOrTx,
  organizationId: string,
  sbomId: string,
): Promise<SbomRow | null> {
  const rows = await db
    .select()
    .from(devicesSboms)
    .where(and(eq(devicesSboms.organizationId, organizationId), eq(devicesSboms.id, sbomId)));
  return rows[0] ?? null;
}

export async function insertSbom(db: DbOrTx, row: SbomRow): Promise<void> {
  await db.insert(devicesSboms).values(row);
}

/** Replaces a version's current components and dependency edges with those of a new SBOM. */
export async function replaceVersionComponents(
  db: DbOrTx,
  versionId: string,
  components: ComponentRow[],
  dependencies: { productVersionId: string; sbomId: string; fromRef: string; toRef: string }[],
): Promise<void> {
  await db
    .delete(devicesComponentDependencies)
    .where(eq(devicesComponentDependencies.productVersionId, versionId));
  await db.delete(devicesComponents).where(eq(devicesComponents.productVersionId, versionId));
  // Batches keep each statement well under PostgreSQL's 65,535 bind parameters, and its memory small.
  for (let i = 0; i < components.length; i += COMPONENT_BATCH) {
    await db.insert(devicesComponents).values(components.slice(i, i + COMPONENT_BATCH));
  }
  for (let i = 0; i < dependencies.length; i += COMPONENT_BATCH * 4) {
    await db.insert(devicesComponentDependencies).values(dependencies.slice(i, i + COMPONENT_BATCH * 4));
  }
}

export async function listVersionComponents(db: DbOrTx, versionId: string): Promise<ComponentRow[]> {
  return db
    .select()
    .from(devicesComponents)
    .where(eq(devicesComponents.productVersionId, versionId))
    .orderBy(asc(sql`lower(${devicesComponents.name})`), asc(devicesComponents.id));
}

export async function listVersionDependencies(db: DbOrTx, versionId: string) {
  return db
    .select({ from: devicesComponentDependencies.fromRef, to: devicesComponentDependencies.toRef })
    .from(devicesComponentDependencies)
    .where(eq(devicesComponentDependencies.productVersionId, versionId));
}

export interface ComponentSearch {
  organizationId: string;
  productVersionId?: string | undefined;
  productId?: string | undefined;
  q?: string | undefined;
  purlType?: string | undefined;
  /** Keyset position: (lower(name), id). */
  after: { name: string; id: string } | null;
  limit: number;
}

/** Components matching a name/purl search, in (lower(name), id) order, with their product and version. */
export async function searchComponents(db: DbOrTx, search: ComponentSearch) {
  const conditions = [eq(devicesComponents.organizationId, search.organizationId)];
  if (search.productVersionId)
    conditions.push(eq(devicesComponents.productVersionId, search.productVersionId));
  if (search.productId) conditions.push(eq(devicesProductVersions.productId, search.productId));
  if (search.purlType) conditions.push(eq(devicesComponents.purlType, search.purlType));
  if (search.q) {
    const pattern = `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      ilike(devicesComponents.name, pattern),
      ilike(devicesComponents.purl, pattern),
      ilike(devicesComponents.cpe, pattern),
    );
    if (match) conditions.push(match);
  }
  if (search.after) {
    const position = or(
      gt(sql`lower(${devicesComponents.name})`, search.after.name),
      and(
        eq(sql`lower(${devicesComponents.name})`, search.after.name),
        gt(devicesComponents.id, search.after.id),
      ),
    );
    if (position) conditions.push(position);
  }
  return db
    .select({
      component: devicesComponents,
      product: { id: devicesProducts.id, name: devicesProducts.name, slug: devicesProducts.slug },
      productVersion: { id: devicesProductVersions.id, label: devicesProductVersions.label },
    })
    .from(devicesComponents)
    .innerJoin(devicesProductVersions, eq(devicesProductVersions.id, devicesComponents.productVersionId))
    .innerJoin(devicesProducts, eq(devicesProducts.id, devicesProductVersions.productId))
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${devicesComponents.name})`), asc(devicesComponents.id))
    .limit(search.limit);
}

const matchingColumns = {
  organizationId: devicesComponents.organizationId,
  productVersionId: devicesComponents.productVersionId,
  name: devicesComponents.name,
  version: devicesComponents.version,
  purl: devicesComponents.purl,
  cpe: devicesComponents.cpe,
};

export async function listComponentsOfVersions(db: DbOrTx, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select(matchingColumns)
    .from(devicesComponents)
    .where(inArray(devicesComponents.productVersionId, versionIds));
}

/** Product versions holding a component under any of these (purl type, name) or (CPE vendor, product) keys. */
export async function findVersionIdsByKeys(
  db: DbOrTx,
  keys: { kind: 'purl' | 'cpe'; namespace: string; name: string }[],
): Promise<string[]> {
  const ids = new Set<string>();
  // Keys travel as two array parameters joined with unnest(): one short statement however many keys
  // (an OR of thousands of conditions costs more to build than to run).
  for (const kind of ['purl', 'cpe'] as const) {
    const wanted = keys.filter((k) => k.kind === kind);
    for (let i = 0; i < wanted.length; i += 5000) {
      const batch = wanted.slice(i, i + 5000);
      const namespaces = sql.param(batch.map((k) => k.namespace));
      const names = sql.param(batch.map((k) => k.name));
      const [namespaceColumn, nameColumn] =
        kind === 'purl' ? [sql`purl_type`, sql`purl_name`] : [sql`cpe_vendor`, sql`cpe_product`];
      const result = await db.execute(sql`
        SELECT DISTINCT product_version_id AS id FROM devices_components
        WHERE (${namespaceColumn}, ${nameColumn}) IN (SELECT * FROM unnest(${namespaces}::text[], ${names}::text[]))`);
      for (const row of result.rows) ids.add(String(row.id));
    }
  }
  return [...ids];
}

export async function describeVersions(db: DbOrTx, organizationId: string, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      versionId: devicesProductVersions.id,
      label: devicesProductVersions.label,
      unitsInField: devicesProductVersions.unitsInField,
      productId: devicesProducts.id,
      productName: devicesProducts.name,
      productSlug: devicesProducts.slug,
    })
    .from(devicesProductVersions)
    .innerJoin(devicesProducts, eq(devicesProducts.id, devicesProductVersions.productId))
    .where(
      and(
        eq(devicesProductVersions.organizationId, organizationId),
        inArray(devicesProductVersions.id, versionIds),
      ),
    );
}
