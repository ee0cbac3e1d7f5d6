import { and, asc, desc, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import {
  disclosuresCsafDocuments,
  disclosuresCustomerGrants,
  disclosuresSigningKeys,
} from './disclosures.tables.ts';

export type CsafDocumentRow = typeof disclosuresCsafDocuments.$inferSelect;
export type SigningKeyRow = typeof disclosuresSigningKeys.$inferSelect;
export type CustomerGrantRow = typeof disclosuresCustomerGrants.$inferSelect;

/** A served document without its bytes: what feeds, index.txt, changes.csv and listings need. */
export interface CsafDocumentSummary {
  organizationId: string;
  disclosureId: string;
  revisionNumber: number;
  trackingId: string;
  path: string;
  currentReleaseAt: Date;
  /** `document.title` and `document.tracking.initial_release_date`, read from the stored JSON. */
  title: string | null;
  initialReleaseDate: string | null;
}

const documents = disclosuresCsafDocuments;

export async function insertCsafDocument(db: DbOrTx, row: CsafDocumentRow): Promise<void> {
  await db.insert(documents).values(row);
}

/**
 * Only the latest revision of each disclosure is served (its revisions share one path); a revision
 * without a document of some TLP label withdraws that label's earlier document.
 */
const isLatestRevision = sql`${documents.revisionNumber} = (
  SELECT max(m.revision_number) FROM disclosures_csaf_documents m
  WHERE m.disclosure_id = ${documents.disclosureId})`;

function servedWhere(tlp: string, publisherIds: readonly string[] | null, ...more: SQL[]): SQL | undefined {
  return and(
    eq(documents.tlp, tlp),
    isLatestRevision,
    publisherIds ? inArray(documents.organizationId, [...publisherIds]) : undefined,
    ...more,
  );
}

/**
 * The served documents of a TLP label, newest first; `publisherIds` limits them to those publishers
 * (null: every publisher).
 */
export async function listServedCsafDocuments(
  db: DbOrTx,
  tlp: string,
  publisherIds: readonly string[] | null,
): Promise<CsafDocumentSummary[]> {
  if (publisherIds && publisherIds.length === 0) return [];
  return db
    .select({
      organizationId: documents.organizationId,
      disclosureId: documents.disclosureId,
      revisionNumber: documents.revisionNumber,
      trackingId: documents.trackingId,
      path: documents.path,
      currentReleaseAt: documents.currentReleaseAt,
      title: sql<string | null>`(${documents.document}::jsonb) #>> '{document,title}'`,
      initialReleaseDate: sql<
        string | null
      >`(${documents.document}::jsonb) #>> '{document,tracking,initial_release_date}'`,
    })
    .from(documents)
    .where(servedWhere(tlp, publisherIds))
    .orderBy(desc(documents.currentReleaseAt), asc(documents.path));
}

/** The served document at `path` in a TLP folder, bytes included; null when none (or not visible). */
export async function findServedCsafDocument(
  db: DbOrTx,
  tlp: string,
  path: string,
  publisherIds: readonly string[] | null,
): Promise<CsafDocumentRow | null> {
  if (publisherIds && publisherIds.length === 0) return null;
  const rows = await db
    .select()
    .from(documents)
    .where(servedWhere(tlp, publisherIds, eq(documents.path, path)))
    .orderBy(desc(documents.revisionNumber))
    .limit(1);
  return rows[0] ?? null;
}

/** The newest current release of any stored document, for the provider metadata's last_updated. */
export async function findNewestCsafRelease(db: DbOrTx): Promise<Date | null> {
  const rows = await db.select({ at: max(documents.currentReleaseAt) }).from(documents);
  return rows[0]?.at ?? null;
}

/** The whole key row, private key included: only the signing-keys service may call this. */
export async function findSigningKey(db: DbOrTx, organizationId: string): Promise<SigningKeyRow | null> {
  const rows = await db
    .select()
    .from(disclosuresSigningKeys)
    .where(eq(disclosuresSigningKeys.organizationId, organizationId));
  return rows[0] ?? null;
}

/** Stores the organisation's key unless it has one (a concurrent first publication won): true if stored. */
export async function insertSigningKeyIfAbsent(db: DbOrTx, row: SigningKeyRow): Promise<boolean> {
  const inserted = await db
    .insert(disclosuresSigningKeys)
    .values(row)
    .onConflictDoNothing({ target: disclosuresSigningKeys.organizationId })
    .returning({ organizationId: disclosuresSigningKeys.organizationId });
  return inserted.length > 0;
}

/** Public halves only: the private key column is never selected here. */
export async function listPublicSigningKeys(
  db: DbOrTx,
): Promise<{ organizationId: string; fingerprint: string; createdAt: Date }[]> {
  return db
    .select({
      organizationId: disclosuresSigningKeys.organizationId,
      fingerprint: disclosuresSigningKeys.fingerprint,
      createdAt: disclosuresSigningKeys.createdAt,
    })
    .from(disclosuresSigningKeys)
    .orderBy(asc(disclosuresSigningKeys.createdAt), asc(disclosuresSigningKeys.fingerprint));
}

export async function findPublicSigningKeyByFingerprint(
  db: DbOrTx,
  fingerprint: string,
): Promise<{ organizationId: string; fingerprint: string; publicKey: string } | null> {
  const rows = await db
    .select({
      organizationId: disclosuresSigningKeys.organizationId,
      fingerprint: disclosuresSigningKeys.fingerprint,
      publicKey: disclosuresSigningKeys.publicKey,
    })
    .from(disclosuresSigningKeys)
    .where(eq(disclosuresSigningKeys.fingerprint, fingerprint));
  return rows[0] ?? null;
}

export async function insertCustomerGrantIfAbsent(db: DbOrTx, row: CustomerGrantRow): Promise<boolean> {
  const inserted = await db
    .insert(disclosuresCustomerGrants)
    .values(row)
    .onConflictDoNothing()
    .returning({ recipient: disclosuresCustomerGrants.recipientOrganizationId });
  return inserted.length > 0;
}

export async function deleteCustomerGrant(
  db: DbOrTx,
  publisherOrganizationId: string,
  recipientOrganizationId: string,
): Promise<CustomerGrantRow | null> {
  const deleted = await db
    .delete(disclosuresCustomerGrants)
    .where(
      and(
        eq(disclosuresCustomerGrants.publisherOrganizationId, publisherOrganizationId),
        eq(disclosuresCustomerGrants.recipientOrganizationId, recipientOrganizationId),
      ),
    )
    .returning();
  return deleted[0] ?? null;
}

export async function listCustomerGrantsOf(
  db: DbOrTx,
  publisherOrganizationId: string,
): Promise<CustomerGrantRow[]> {
  return db
    .select()
    .from(disclosuresCustomerGrants)
    .where(eq(disclosuresCustomerGrants.publisherOrganizationId, publisherOrganizationId))
    .orderBy(
      asc(disclosuresCustomerGrants.createdAt),
      asc(disclosuresCustomerGrants.recipientOrganizationId),
    );
}

/** The publishers that granted any of these organisations access to their TLP:AMBER documents. */
export async function listPublishersGrantingTo(
  db: DbOrTx,
  recipientOrganizationIds: readonly string[],
): Promise<string[]> {
  if (recipientOrganizationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ publisher: disclosuresCustomerGrants.publisherOrganizationId })
    .from(disclosuresCustomerGrants)
    .where(inArray(disclosuresCustomerGrants.recipientOrganizationId, [...recipientOrganizationIds]));
  return rows.map((r) => r.publisher);
}
