import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const incidentsIncidents = pgTable(
  'incidents_incidents',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    status: text().notNull(),
    productIds: uuid().array().notNull(),
    detectedAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('incidents_incidents_organization_idx').on(t.organizationId, t.createdAt),
    check('incidents_incidents_status_check', sql`${t.status} in ('open','contained','closed')`),
  ],
);
