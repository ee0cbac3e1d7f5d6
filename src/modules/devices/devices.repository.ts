import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import { devicesProducts } from './devices.tables.ts';

export type ProductRow = typeof devicesProducts.$inferSelect;

export async function insertProduct(db: DbOrTx, row: ProductRow): Promise<void> {
  await db.insert(devicesProducts).values(row);
}

export async function findProductByName(
  db: DbOrTx,
  organizationId: string,
  name: string,
): Promise<ProductRow | null> {
  const rows = await db
    .select()
    .from(devicesProducts)
    .where(and(eq(devicesProducts.organizationId, organizationId), eq(devicesProducts.name, name)));
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
