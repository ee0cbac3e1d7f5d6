import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The working copy of a disclosure: what its authors edit and approve. The public never reads this
 * table: what was published lives in `disclosures_revisions`, append-only.
 */
export const disclosuresDisclosures = pgTable(
  'disclosures_disclosures',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    incidentId: uuid(),
    /** `advisory` (vulnerabilities in products) or `incident_notice` (a cyber incident). */
    kind: text().notNull().default('advisory'),
    /** CSAF `document.tracking.id`, unique in the installation: `<SLUG>-<YYYY>-<NNNN>`. */
    trackingId: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    body: text().notNull(),
    severity: text().notNull(),
    /** TLP 2.0 label of the record: CLEAR is public; GREEN and AMBER go only to the customer channel. */
    tlp: text().notNull().default('CLEAR'),
    productIds: uuid().array().notNull(),
    productVersionIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Structured content (DisclosureContent): vulnerabilities, remediations, acknowledgements, ... */
    content: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** Approved disclosures whose embargo ends are published by the `disclosures.publish-due` job. */
    embargoUntil: timestamp({ withTimezone: true }),
    status: text().$type<'draft' | 'approved' | 'published' | 'withdrawn'>().notNull(),
    /** The revision being worked on: publishedRevision + 1 while a change is pending, else equal. */
    revision: integer().notNull(),
    /** The latest published revision's number; 0 while never published. */
    publishedRevision: integer().notNull().default(0),
    /** What the pending revision changes, in a sentence (CSAF revision_history summary). */
    revisionSummary: text().notNull().default(''),
    authorUserId: uuid(),
    approvedByUserId: uuid(),
    approvedAt: timestamp({ withTimezone: true }),
    publishedByUserId: uuid(),
    /** First publication (CSAF initial_release_date). */
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('disclosures_disclosures_organization_idx').on(t.organizationId, t.createdAt),
    index('disclosures_disclosures_published_idx').on(t.publishedAt),
    index('disclosures_disclosures_embargo_idx').on(t.embargoUntil),
    unique('disclosures_disclosures_tracking_id_unique').on(t.trackingId),
    check(
      'disclosures_disclosures_status_check',
      sql`${t.status} in ('draft','approved','published','withdrawn')`,
    ),
    check('disclosures_disclosures_kind_check', sql`${t.kind} in ('advisory','incident_notice')`),
    check('disclosures_disclosures_tlp_check', sql`${t.tlp} in ('CLEAR','GREEN','AMBER')`),
    check(
      'disclosures_disclosures_severity_check',
      sql`${t.severity} in ('none','low','medium','high','critical')`,
    ),
  ],
);

/**
 * Every published revision of a disclosure, append-only (a trigger refuses UPDATE and DELETE): the
 * public record as it was published, with its filter columns. Withdrawal is a revision too.
 */
export const disclosuresRevisions = pgTable(
  'disclosures_revisions',
  {
    id: uuid().primaryKey(),
    disclosureId: uuid().notNull(),
    organizationId: uuid().notNull(),
    number: integer().notNull(),
    action: text().$type<'published' | 'revised' | 'withdrawn'>().notNull(),
    summary: text().notNull(),
    kind: text().notNull(),
    tlp: text().notNull(),
    severity: text().notNull(),
    title: text().notNull(),
    cves: text().array().notNull(),
    productIds: uuid().array().notNull(),
    /** The public record (PublicDisclosure without url) exactly as published. */
    record: jsonb().notNull(),
    /** SHA-256 of the record's canonical content, as the transparency log holds it. */
    contentSha256: text().notNull(),
    initialReleaseAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedByUserId: uuid(),
    approvedByUserId: uuid(),
  },
  (t) => [
    unique('disclosures_revisions_number_unique').on(t.disclosureId, t.number),
    index('disclosures_revisions_published_idx').on(t.publishedAt),
    check('disclosures_revisions_action_check', sql`${t.action} in ('published','revised','withdrawn')`),
  ],
);

/**
 * The CSAF documents of each published revision (one per TLP label: the public TLP:CLEAR document and,
 * when the record carries customer-only content, its TLP:GREEN/AMBER companion), stored as the exact
 * bytes served, with hashes and the detached OpenPGP signature. Append-only.
 */
export const disclosuresCsafDocuments = pgTable(
  'disclosures_csaf_documents',
  {
    id: uuid().primaryKey(),
    revisionId: uuid().notNull(),
    disclosureId: uuid().notNull(),
    organizationId: uuid().notNull(),
    revisionNumber: integer().notNull(),
    /** TLP label as CSAF 2.0 writes it: WHITE (TLP:CLEAR), GREEN or AMBER. */
    tlp: text().notNull(),
    trackingId: text().notNull(),
    /** `<YYYY of initial release>/<§5.1 file name>`, relative to the TLP folder. */
    path: text().notNull(),
    document: text().notNull(),
    sha256: text().notNull(),
    sha512: text().notNull(),
    /** ASCII-armored detached OpenPGP signature by the organisation's key. */
    signature: text().notNull(),
    currentReleaseAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('disclosures_csaf_documents_revision_tlp_unique').on(t.revisionId, t.tlp),
    index('disclosures_csaf_documents_path_idx').on(t.tlp, t.path, t.revisionNumber),
    index('disclosures_csaf_documents_release_idx').on(t.tlp, t.currentReleaseAt),
    check('disclosures_csaf_documents_tlp_check', sql`${t.tlp} in ('WHITE','GREEN','AMBER')`),
  ],
);

/**
 * Each organisation's OpenPGP signing key for its CSAF documents, made on first publication. The private
 * key never leaves the server: no route or CLI command returns it.
 */
export const disclosuresSigningKeys = pgTable('disclosures_signing_keys', {
  organizationId: uuid().primaryKey(),
  fingerprint: text().notNull(),
  publicKey: text().notNull(),
  privateKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/** Organisations a manufacturer lets read its TLP:AMBER documents (the customer channel). */
export const disclosuresCustomerGrants = pgTable(
  'disclosures_customer_grants',
  {
    publisherOrganizationId: uuid().notNull(),
    recipientOrganizationId: uuid().notNull(),
    createdByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.publisherOrganizationId, t.recipientOrganizationId] }),
    index('disclosures_customer_grants_recipient_idx').on(t.recipientOrganizationId),
  ],
);

/**
 * CSAF advisories of other publishers (CISA's ICSMA, ...) imported with `candor import csaf`, kept
 * verbatim and shown on the portal as republished, with their source; never re-signed or re-served
 * through this installation's CSAF provider.
 */
export const disclosuresExternalAdvisories = pgTable(
  'disclosures_external_advisories',
  {
    id: uuid().primaryKey(),
    publisherName: text().notNull(),
    publisherNamespace: text().notNull(),
    trackingId: text().notNull(),
    version: text().notNull(),
    title: text().notNull(),
    severity: text().notNull(),
    cves: text().array().notNull(),
    productNames: text().array().notNull(),
    summary: text().notNull(),
    initialReleaseAt: timestamp({ withTimezone: true }).notNull(),
    currentReleaseAt: timestamp({ withTimezone: true }).notNull(),
    sourceUrl: text(),
    document: jsonb().notNull(),
    sha256: text().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('disclosures_external_advisories_identity_unique').on(t.publisherNamespace, t.trackingId),
    index('disclosures_external_advisories_release_idx').on(t.currentReleaseAt),
  ],
);
