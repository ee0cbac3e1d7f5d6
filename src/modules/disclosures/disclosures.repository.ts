import { and, arrayContains, asc, desc, eq, gte, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import { disclosuresDisclosures, disclosuresRevisions } from './disclosures.tables.ts';

export type DisclosureRow = typeof disclosuresDisclosures.$inferSelect;
export type RevisionRow = typeof disclosuresRevisions.$inferSelect;

export async function insertDisclosure(db: DbOrTx, row: DisclosureRow): Promise<void> {
  await db.insert(disclosuresDisclosures).values(row);
}

export async function updateDisclosure(db: DbOrTx, row: DisclosureRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(disclosuresDisclosures).set(rest).where(eq(disclosuresDisclosures.id, id));
}

/** How many disclosures the organisation created in a year (for the next tracking number). */
export async function countDisclosuresInYear(db: DbOrTx, organizationId: string, year: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(disclosuresDisclosures)
    .where(
      and(
        eq(disclosuresDisclosures.organizationId, organizationId),
        gte(disclosuresDisclosures.createdAt, new Date(Date.UTC(year, 0, 1))),
        lt(disclosuresDisclosures.createdAt, new Date(Date.UTC(year + 1, 0, 1))),
      ),
    );
  return row?.n ?? 0;
}

export async function trackingIdTaken(db: DbOrTx, trackingId: string): Promise<boolean> {
  const rows = await db
    .select({ id: disclosuresDisclosures.id })
    .from(disclosuresDisclosures)
    .where(eq(disclosuresDisclosures.trackingId, trackingId));
  return rows.length > 0;
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

/** Approved disclosures whose embargo has ended, for the scheduler (oldest first). */
export async function listDueDisclosures(db: DbOrTx, now: Date, limit: number) {
  return db
    .select({ id: disclosuresDisclosures.id, organizationId: disclosuresDisclosures.organizationId })
    .from(disclosuresDisclosures)
    .where(
      and(
        eq(disclosuresDisclosures.status, 'approved'),
        isNotNull(disclosuresDisclosures.embargoUntil),
        lte(disclosuresDisclosures.embargoUntil, now),
      ),
    )
    .orderBy(asc(disclosuresDisclosures.embargoUntil))
    .limit(limit);
}

export async function insertRevision(db: DbOrTx, row: RevisionRow): Promise<void> {
  await db.insert(disclosuresRevisions).values(row);
}

export async function listRevisions(db: DbOrTx, disclosureId: string): Promise<RevisionRow[]> {
  return db
    .select()
    .from(disclosuresRevisions)
    .where(eq(disclosuresRevisions.disclosureId, disclosureId))
    .orderBy(asc(disclosuresRevisions.number));
}

export interface PublicRevisionFilter {
  organizationId?: string;
  productId?: string;
  cve?: string;
  severity?: string;
  kind?: string;
  from?: Date;
  to?: Date;
}

/** The latest published revision of each public (TLP:CLEAR) disclosure: the public record. */
function currentPublicRevision(filter: PublicRevisionFilter): SQL | undefined {
  return and(
    eq(disclosuresRevisions.number, disclosuresDisclosures.publishedRevision),
    eq(disclosuresRevisions.tlp, 'CLEAR'),
    filter.organizationId ? eq(disclosuresRevisions.organizationId, filter.organizationId) : undefined,
    filter.productId ? arrayContains(disclosuresRevisions.productIds, [filter.productId]) : undefined,
    filter.cve ? arrayContains(disclosuresRevisions.cves, [filter.cve]) : undefined,
    filter.severity ? eq(disclosuresRevisions.severity, filter.severity) : undefined,
    filter.kind ? eq(disclosuresRevisions.kind, filter.kind) : undefined,
    filter.from ? gte(disclosuresRevisions.initialReleaseAt, filter.from) : undefined,
    filter.to ? lt(disclosuresRevisions.initialReleaseAt, filter.to) : undefined,
  );
}

/** Public reads: the current revision of published TLP:CLEAR records, newest activity first. */
export async function listPublicRevisionsPage(
  db: DbOrTx,
  filter: PublicRevisionFilter,
  after: KeysetPosition | null,
  limit: number,
): Promise<RevisionRow[]> {
  const rows = await db
    .select({ revision: disclosuresRevisions })
    .from(disclosuresRevisions)
    .innerJoin(disclosuresDisclosures, eq(disclosuresDisclosures.id, disclosuresRevisions.disclosureId))
    .where(
      and(
        currentPublicRevision(filter),
        afterPosition(disclosuresRevisions.publishedAt, disclosuresRevisions.disclosureId, after),
      ),
    )
    .orderBy(desc(disclosuresRevisions.publishedAt), desc(disclosuresRevisions.disclosureId))
    .limit(limit);
  return rows.map((r) => r.revision);
}

export async function findPublicRevision(db: DbOrTx, disclosureId: string): Promise<RevisionRow | null> {
  const rows = await db
    .select({ revision: disclosuresRevisions })
    .from(disclosuresRevisions)
    .innerJoin(disclosuresDisclosures, eq(disclosuresDisclosures.id, disclosuresRevisions.disclosureId))
    .where(and(eq(disclosuresRevisions.disclosureId, disclosureId), currentPublicRevision({})))
    .limit(1);
  return rows[0]?.revision ?? null;
}
