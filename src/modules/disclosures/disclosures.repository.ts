import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import { disclosuresDisclosures } from './disclosures.tables.ts';

export type DisclosureRow = typeof disclosuresDisclosures.$inferSelect;

export async function insertDisclosure(db: DbOrTx, row: DisclosureRow): Promise<void> {
  await db.insert(disclosuresDisclosures).values(row);
}

export async function updateDisclosure(db: DbOrTx, row: DisclosureRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(disclosuresDisclosures).set(rest).where(eq(disclosuresDisclosures.id, id));
}

/** Row-locked read for a state change, so two approvers cannot race each other. */
export async function findDisclosureForUpdate(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<DisclosureRow | null> {
  const rows = await db
    .select()
    .from(disclosuresDisclosures)
    .where(and(eq(disclosuresDisclosures.organizationId, organizationId), eq(disclosuresDisclosures.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function findDisclosure(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<DisclosureRow | null> {
  const rows = await db
    .select()
    .from(disclosuresDisclosures)
    .where(and(eq(disclosuresDisclosures.organizationId, organizationId), eq(disclosuresDisclosures.id, id)));
  return rows[0] ?? null;
}

export async function listDisclosuresPage(
  db: DbOrTx,
  organizationId: string,
  after: KeysetPosition | null,
  limit: number,
): Promise<DisclosureRow[]> {
  return db
    .select()
    .from(disclosuresDisclosures)
    .where(
      and(
        eq(disclosuresDisclosures.organizationId, organizationId),
        afterPosition(disclosuresDisclosures.createdAt, disclosuresDisclosures.id, after),
      ),
    )
    .orderBy(...newestFirst(disclosuresDisclosures.createdAt, disclosuresDisclosures.id))
    .limit(limit);
}

/** Public reads: only rows whose status is published, whoever asks. */
export async function findPublishedDisclosure(db: DbOrTx, id: string): Promise<DisclosureRow | null> {
  const rows = await db
    .select()
    .from(disclosuresDisclosures)
    .where(and(eq(disclosuresDisclosures.id, id), eq(disclosuresDisclosures.status, 'published')));
  return rows[0] ?? null;
}

export async function listPublishedDisclosuresPage(
  db: DbOrTx,
  after: KeysetPosition | null,
  limit: number,
): Promise<DisclosureRow[]> {
  return db
    .select()
    .from(disclosuresDisclosures)
    .where(
      and(
        eq(disclosuresDisclosures.status, 'published'),
        isNotNull(disclosuresDisclosures.publishedAt),
        afterPosition(disclosuresDisclosures.publishedAt, disclosuresDisclosures.id, after),
      ),
    )
    .orderBy(...newestFirst(disclosuresDisclosures.publishedAt, disclosuresDisclosures.id))
    .limit(limit);
}
