import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained. `seq` is assigned as previous + 1 under an advisory lock (not a sequence,
 * which leaves gaps on rollback), so a deleted row shows as a gap and an edited one as a hash mismatch.
 * A trigger (see the migration) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    id: uuid().notNull().unique(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    actorType: text().notNull(),
    actorId: text().notNull(),
    organizationId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    beforeDigest: text(),
    afterDigest: text(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index('audit_events_organization_idx').on(t.organizationId, t.seq),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
  ],
);
