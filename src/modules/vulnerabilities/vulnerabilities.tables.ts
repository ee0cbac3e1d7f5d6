import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One vulnerability, whatever feeds describe it: advisories whose ids or aliases overlap (CVE ↔ GHSA,
 * PYSEC, GO, OSV) belong to the same row. `ids` holds every id and alias seen.
 */
export const vulnerabilitiesVulnerabilities = pgTable(
  'vulnerabilities_vulnerabilities',
  {
    id: uuid().primaryKey(),
    /** The id to show: the CVE when there is one, else the first id seen. */
    displayId: text().notNull(),
    ids: text().array().notNull(),
    summary: text(),
    /** Highest CVSS base score any advisory states, with its vector. */
    cvssScore: real(),
    cvssVector: text(),
    published: timestamp({ withTimezone: true }),
    modified: timestamp({ withTimezone: true }).notNull(),
    /** Set when every advisory of it is withdrawn/rejected: it then matches nothing. */
    withdrawn: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('vulnerabilities_vulnerabilities_ids_idx').using('gin', t.ids),
    index('vulnerabilities_vulnerabilities_display_idx').on(t.displayId),
  ],
);

/** One record of one feed, as normalised; re-imports compare `contentHash` to skip unchanged records. */
export const vulnerabilitiesAdvisories = pgTable(
  'vulnerabilities_advisories',
  {
    id: uuid().primaryKey(),
    vulnerabilityId: uuid()
      .notNull()
      .references(() => vulnerabilitiesVulnerabilities.id),
    source: text().notNull(),
    sourceId: text().notNull(),
    modified: timestamp({ withTimezone: true }).notNull(),
    withdrawn: timestamp({ withTimezone: true }),
    contentHash: text().notNull(),
    record: jsonb().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('vulnerabilities_advisories_source_id_unique').on(t.source, t.sourceId),
    index('vulnerabilities_advisories_vulnerability_idx').on(t.vulnerabilityId),
  ],
);

/**
 * The reverse index from what a component can be identified by to the advisories that may concern it:
 * (`purl`, ecosystem, package name) for package advisories, (`cpe`, vendor, product) for CPE and CVE 5
 * vendor/product data. Matching a component or re-matching an advisory is a lookup here, never a scan.
 */
export const vulnerabilitiesAdvisoryKeys = pgTable(
  'vulnerabilities_advisory_keys',
  {
    advisoryId: uuid()
      .notNull()
      .references(() => vulnerabilitiesAdvisories.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    namespace: text().notNull(),
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.advisoryId, t.kind, t.namespace, t.name] }),
    index('vulnerabilities_advisory_keys_lookup_idx').on(t.kind, t.namespace, t.name),
    // Name-only lookups, for organisations that turn on name matching (components with no purl/CPE).
    index('vulnerabilities_advisory_keys_name_idx').on(t.name),
    check('vulnerabilities_advisory_keys_kind_check', sql`${t.kind} in ('purl','cpe')`),
  ],
);

export const vulnerabilitiesKev = pgTable('vulnerabilities_kev', {
  cveId: text().primaryKey(),
  vendorProject: text().notNull(),
  product: text().notNull(),
  vulnerabilityName: text().notNull(),
  dateAdded: text().notNull(),
  dueDate: text(),
  requiredAction: text().notNull(),
  knownRansomwareCampaignUse: text().notNull(),
});

export const vulnerabilitiesEpss = pgTable('vulnerabilities_epss', {
  cveId: text().primaryKey(),
  epss: doublePrecision().notNull(),
  percentile: doublePrecision().notNull(),
  scoreDate: text().notNull(),
});

/**
 * A component of a product version that a vulnerability affects, with why. Components are replaced
 * when a new SBOM arrives, so a finding is keyed by the component's identity (purl, or name@version),
 * not by its row: re-imports keep open findings open and close the ones whose component left.
 */
export const vulnerabilitiesFindings = pgTable(
  'vulnerabilities_findings',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productVersionId: uuid().notNull(),
    vulnerabilityId: uuid()
      .notNull()
      .references(() => vulnerabilitiesVulnerabilities.id),
    componentKey: text().notNull(),
    componentName: text().notNull(),
    componentVersion: text(),
    componentPurl: text(),
    componentCpe: text(),
    matchedBy: text().notNull(),
    confidence: text().notNull(),
    /** Which advisory, which range or criterion, which identifier: enough to explain the match. */
    reasons: jsonb().notNull(),
    status: text().notNull(),
    firstSeen: timestamp({ withTimezone: true }).notNull(),
    lastSeen: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    closeReason: text(),
  },
  (t) => [
    unique('vulnerabilities_findings_identity_unique').on(
      t.productVersionId,
      t.vulnerabilityId,
      t.componentKey,
    ),
    index('vulnerabilities_findings_organization_idx').on(t.organizationId, t.status),
    index('vulnerabilities_findings_vulnerability_idx').on(t.vulnerabilityId),
    check('vulnerabilities_findings_status_check', sql`${t.status} in ('open','closed')`),
    check('vulnerabilities_findings_confidence_check', sql`${t.confidence} in ('high','medium','low')`),
  ],
);

/** What the manufacturer states about a vulnerability in a product version (set by people or imported). */
export const vulnerabilitiesVexStatements = pgTable(
  'vulnerabilities_vex_statements',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productVersionId: uuid().notNull(),
    vulnerabilityId: uuid()
      .notNull()
      .references(() => vulnerabilitiesVulnerabilities.id),
    status: text().notNull(),
    justification: text(),
    impactStatement: text(),
    actionStatement: text(),
    source: text().notNull(),
    updatedByUserId: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('vulnerabilities_vex_statements_unique').on(t.productVersionId, t.vulnerabilityId),
    check(
      'vulnerabilities_vex_statements_status_check',
      sql`${t.status} in ('not_affected','affected','fixed','under_investigation')`,
    ),
  ],
);

/** In-app notices for an organisation (new findings, closed findings). */
export const vulnerabilitiesNotifications = pgTable(
  'vulnerabilities_notifications',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
    /** When the e-mail about it went out, and how the last attempt ended ('sent', or the error). */
    emailedAt: timestamp({ withTimezone: true }),
    emailStatus: text(),
  },
  (t) => [index('vulnerabilities_notifications_organization_idx').on(t.organizationId, t.createdAt)],
);

/**
 * Where an organisation wants its notices POSTed. The secret signs each delivery (HMAC-SHA256); it is
 * kept in clear because signing needs it, and shown to the organisation only when it is created.
 */
export const vulnerabilitiesWebhooks = pgTable('vulnerabilities_webhooks', {
  organizationId: uuid().primaryKey(),
  url: text().notNull(),
  secret: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  lastDeliveryAt: timestamp({ withTimezone: true }),
  lastDeliveryStatus: text(),
});

/** An organisation's vulnerability settings; an organisation without a row has the defaults. */
export const vulnerabilitiesSettings = pgTable('vulnerabilities_settings', {
  organizationId: uuid().primaryKey(),
  /** Match components that have neither purl nor CPE by their bare name (low confidence, flagged). */
  allowNameMatching: boolean().notNull().default(false),
  /** Addresses that receive notices by e-mail (a PSIRT mailbox, say); empty: no e-mail. */
  notificationEmails: text().array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The state of a feed read from a URL (CANDOR_FEED_URLS): the validators of the last response, so the
 * next poll is a conditional GET, and how the last poll ended.
 */
export const vulnerabilitiesFeedSources = pgTable(
  'vulnerabilities_feed_sources',
  {
    kind: text().notNull(),
    url: text().notNull(),
    etag: text(),
    lastModified: text(),
    /** SHA-256 of the last body imported: an unchanged body is not re-imported even without validators. */
    contentSha256: text(),
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastChangedAt: timestamp({ withTimezone: true }),
    lastStatus: text(),
    lastError: text(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.url] })],
);
