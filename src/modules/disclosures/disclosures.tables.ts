import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const disclosuresDisclosures = pgTable(
  'disclosures_disclosures',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    incidentId: uuid(),
    title: text().notNull(),
    summary: text().notNull(),
    body: text().notNull(),
    severity: text().notNull(),
    productIds: uuid().array().notNull(),
    status: text().$type<'draft' | 'approved' | 'published'>().notNull(),
    revision: integer().notNull(),
    authorUserId: uuid(),
    approvedByUserId: uuid(),
    approvedAt: timestamp({ withTimezone: true }),
    publishedByUserId: uuid(),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('disclosures_disclosures_organization_idx').on(t.organizationId, t.createdAt),
    index('disclosures_disclosures_published_idx').on(t.publishedAt),
    check('disclosures_disclosures_status_check', sql`${t.status} in ('draft','approved','published')`),
    check(
      'disclosures_disclosures_severity_check',
      sql`${t.severity} in ('none','low','medium','high','critical')`,
    ),
  ],
);
