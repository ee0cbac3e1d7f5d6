import { and, asc, desc, eq, getTableColumns, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
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

export type ProductRow = typeof devicesProducts.$inferSelect;
export type ProductVersionRow = typeof devicesProductVersions.$inferSelect;
export type SbomRow = typeof devicesSboms.$inferSelect;
export type SbomSummaryRow = Omit<SbomRow, 'original'>;
export type ComponentRow = typeof devicesComponents.$inferSelect;
export type ComponentDependencyRow = typeof devicesComponentDependencies.$inferInsert;

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
  const { original, ...rest } = row;
  // The bytes travel as one base64 text parameter that the database decodes. PGlite's own bytea
  // serializer makes a two-character string per byte and joins them: about 70 bytes of heap per byte,
  // a 2.9 GB peak for a 40 MB SBOM. (node-postgres would send binary; base64 costs it one 4/3-size copy.)
  const base64 = Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  await db.insert(devicesSboms).values({ ...rest, original: sql`decode(${base64}, 'base64')` });
}

/** Removes a version's current components and dependency edges (a new SBOM's replace them). */
export async function deleteVersionComponents(db: DbOrTx, versionId: string): Promise<void> {
  await db
    .delete(devicesComponentDependencies)
    .where(eq(devicesComponentDependencies.productVersionId, versionId));
  await db.delete(devicesComponents).where(eq(devicesComponents.productVersionId, versionId));
}

/** Inserts component rows in one statement; callers pass a few thousand at a time. */
export async function insertComponents(db: DbOrTx, rows: ComponentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(devicesComponents).select(unnestRows(devicesComponents, rows));
}

/** Inserts dependency edges in one statement; callers pass a few thousand at a time. */
export async function insertComponentDependencies(db: DbOrTx, rows: ComponentDependencyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(devicesComponentDependencies).select(unnestRows(devicesComponentDependencies, rows));
}

/**
 * `SELECT * FROM unnest(…)` of rows, one array parameter per column in the table's order: a statement
 * of as many parameters as columns however many rows. A multi-row VALUES costs Drizzle a parameter
 * object per value to build (about 4× the time of the whole insert on 300,000 rows), and PostgreSQL
 * caps a statement at 65,535 parameters. Values go through each column's own encoder (JSON for jsonb),
 * so the rows stored are those `insert().values()` would store.
 */
function unnestRows<T extends PgTable>(table: T, rows: T['$inferInsert'][]): SQL {
  const arrays = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    const type = column.getSQLType();
    // jsonb values travel as text[]: for a jsonb[] parameter PGlite would encode the JSON again.
    return type === 'jsonb'
      ? sql`${sql.param(values)}::text[]::jsonb[]`
      : sql`${sql.param(values)}::${sql.raw(type)}[]`;
  });
  return sql`SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`;
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

/** What matching reads of a component, with every version (of the batch) that holds it. */
export interface ComponentMatchingRow {
  organizationId: string;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  productVersionIds: string[];
}

/**
 * The distinct components of versions, as matching reads them: one row per (organisation, name,
 * version, purl, CPE) with the versions holding it (once per occurrence). Versions of one product share
 * most components, so a re-match of a portfolio reads (and matches) far fewer rows than it has.
 */
export async function listComponentsOfVersions(
  db: DbOrTx,
  versionIds: string[],
): Promise<ComponentMatchingRow[]> {
  if (versionIds.length === 0) return [];
  const result = await db.execute(sql`
    SELECT organization_id AS "organizationId", name, version, purl, cpe,
      array_agg(product_version_id)::text[] AS "productVersionIds"
    FROM devices_components WHERE product_version_id = ANY(${sql.param(versionIds)}::uuid[])
    GROUP BY organization_id, name, version, purl, cpe`);
  return result.rows as unknown as ComponentMatchingRow[];
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

export async function listVersionIdsOfOrganization(db: DbOrTx, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: devicesProductVersions.id })
    .from(devicesProductVersions)
    .where(eq(devicesProductVersions.organizationId, organizationId));
  return rows.map((r) => r.id);
}

/**
 * Versions of these organisations holding a component with neither purl nor CPE whose lower-cased name
 * (or that name with spaces as underscores, as name matching compares it) is one of `names`: where a
 * changed advisory may concern organisations that match by name.
 */
export async function findVersionIdsByBareNames(
  db: DbOrTx,
  organizationIds: string[],
  names: string[],
): Promise<string[]> {
  if (organizationIds.length === 0 || names.length === 0) return [];
  const result = await db.execute(sql`
    SELECT DISTINCT product_version_id AS id FROM devices_components
    WHERE organization_id = ANY(${sql.param(organizationIds)}::uuid[])
      AND purl IS NULL AND cpe IS NULL
      AND (lower(name) = ANY(${sql.param(names)}::text[])
           OR replace(lower(name), ' ', '_') = ANY(${sql.param(names)}::text[]))`);
  return result.rows.map((row) => String(row.id));
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
