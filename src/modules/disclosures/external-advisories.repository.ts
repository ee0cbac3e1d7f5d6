import { and, arrayContains, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import { disclosuresExternalAdvisories } from './disclosures.tables.ts';

export type ExternalAdvisoryRow = typeof disclosuresExternalAdvisories.$inferSelect;
/** A row without its document (lists never need it, and documents are large). */
export type ExternalAdvisoryListRow = Omit<ExternalAdvisoryRow, 'document'>;

const { document: _document, ...listColumns } = getTableColumns(disclosuresExternalAdvisories);

export interface ExternalAdvisoryFilter {
  /** Publisher name (any case) or namespace URL. */
  publisher?: string;
  cve?: string;
  /** Words in the title, tracking id, summary or product names. */
  q?: string;
}

/** Row-locked read of an advisory's identity, so that two imports of it settle one after the other. */
export async function findExternalAdvisoryForUpdate(
  db: DbOrTx,
  publisherNamespace: string,
  trackingId: string,
): Promise<ExternalAdvisoryRow | null> {
  const rows = await db
    .select()
    .from(disclosuresExternalAdvisories)
    .where(
      and(
        eq(disclosuresExternalAdvisories.publisherNamespace, publisherNamespace),
        eq(disclosuresExternalAdvisories.trackingId, trackingId),
      ),
    )
    .for('update');
  return rows[0] ?? null;
}

/** Inserts unless a concurrent import inserted the same identity first; true when this one did. */
export async function insertExternalAdvisory(db: DbOrTx, row: ExternalAdvisoryRow): Promise<boolean> {
  const inserted = await db
    .insert(disclosuresExternalAdvisories)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: disclosuresExternalAdvisories.id });
  return inserted.length > 0;
}

export async function updateExternalAdvisory(db: DbOrTx, row: ExternalAdvisoryRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(disclosuresExternalAdvisories).set(rest).where(eq(disclosuresExternalAdvisories.id, id));
}

export async function findExternalAdvisory(db: DbOrTx, id: string): Promise<ExternalAdvisoryRow | null> {
  const rows = await db
    .select()
    .from(disclosuresExternalAdvisories)
    .where(eq(disclosuresExternalAdvisories.id, id));
  return rows[0] ?? null;
}

/** `%`, `_` and `\` match themselves in the LIKE pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterConditions(filter: ExternalAdvisoryFilter): (SQL | undefined)[] {
  const t = disclosuresExternalAdvisories;
  const publisher = filter.publisher?.trim();
  const q = filter.q?.trim();
  return [
    publisher
      ? or(sql`lower(${t.publisherName}) = lower(${publisher})`, eq(t.publisherNamespace, publisher))
      : undefined,
    filter.cve ? arrayContains(t.cves, [filter.cve]) : undefined,
    q
      ? or(
          ilike(t.title, likePattern(q)),
          ilike(t.trackingId, likePattern(q)),
          ilike(t.summary, likePattern(q)),
          sql`array_to_string(${t.productNames}, ' ') ilike ${likePattern(q)}`,
        )
      : undefined,
  ];
}

/** Newest current release first; `limit` rows after `after`. */
export async function listExternalAdvisoriesPage(
  db: DbOrTx,
  filter: ExternalAdvisoryFilter,
  after: KeysetPosition | null,
  limit: number,
): Promise<ExternalAdvisoryListRow[]> {
  const t = disclosuresExternalAdvisories;
  return db
    .select(listColumns)
    .from(t)
    .where(and(...filterConditions(filter), afterPosition(t.currentReleaseAt, t.id, after)))
    .orderBy(...newestFirst(t.currentReleaseAt, t.id))
    .limit(limit);
}
