import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const incidentsIncidents = pgTable(
  'incidents_incidents',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    kind: text().notNull().default('unauthorized_access'),
    status: text().notNull(),
    ownerUserId: uuid(),
    productIds: uuid().array().notNull(),
    productVersionIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Linked vulnerabilities (store ids); their findings in the linked versions come with them. */
    vulnerabilityIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    detectedAt: timestamp({ withTimezone: true }).notNull(),
    /** The facts as they stand now (the latest revision); null until first set. */
    facts: jsonb(),
    factsRevision: integer().notNull().default(0),
    createdByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('incidents_incidents_organization_idx').on(t.organizationId, t.createdAt),
    check(
      'incidents_incidents_status_check',
      sql`${t.status} in ('triage','assessing','reporting','monitoring','closed')`,
    ),
    check(
      'incidents_incidents_kind_check',
      sql`${t.kind} in ('unauthorized_access','data_breach','ransomware','malware','denial_of_service','exploited_vulnerability','device_tampering','supply_chain')`,
    ),
  ],
);

/** Every version of an incident's facts, append-only: the facts as they stood at any past moment. */
export const incidentsFactRevisions = pgTable(
  'incidents_fact_revisions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    incidentId: uuid()
      .notNull()
      .references(() => incidentsIncidents.id),
    revision: integer().notNull(),
    facts: jsonb().notNull(),
    note: text().notNull().default(''),
    changedByUserId: uuid(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique('incidents_fact_revisions_unique').on(t.incidentId, t.revision)],
);

/** What happened when: entries people write, and entries Candor adds for status, facts and reports. */
export const incidentsTimeline = pgTable(
  'incidents_timeline',
  {
    id: uuid().primaryKey(),
    incidentId: uuid()
      .notNull()
      .references(() => incidentsIncidents.id),
    organizationId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    text: text().notNull(),
    createdByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('incidents_timeline_incident_idx').on(t.incidentId, t.at)],
);

/**
 * A mandatory report or disclosure an incident's facts call for (one evaluated obligation, keyed by
 * rule id and jurisdiction), and where its task stands. Deadlines as computed are kept, every one, in
 * incidents_obligation_deadlines.
 */
export const incidentsObligations = pgTable(
  'incidents_obligations',
  {
    id: uuid().primaryKey(),
    incidentId: uuid()
      .notNull()
      .references(() => incidentsIncidents.id),
    organizationId: uuid().notNull(),
    key: text().notNull(),
    ruleId: text().notNull(),
    title: text().notNull(),
    regime: text().notNull(),
    jurisdiction: text().notNull(),
    recipient: text().notNull(),
    /** The evaluation as it stands (dueAt, dueRule, basis, source, confirmed, public, provisional, …). */
    evaluation: jsonb().notNull(),
    dueAt: timestamp({ withTimezone: true }),
    /** False once later facts made it not apply (the row and its history stay). */
    applicable: boolean().notNull(),
    status: text().notNull(),
    statusReason: text(),
    ownerUserId: uuid(),
    remindedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('incidents_obligations_key_unique').on(t.incidentId, t.key),
    index('incidents_obligations_organization_idx').on(t.organizationId, t.dueAt),
    check(
      'incidents_obligations_status_check',
      sql`${t.status} in ('due','drafted','submitted','waived','not_applicable')`,
    ),
  ],
);

/** Every deadline an obligation has had, with the facts revision that produced it (append-only). */
export const incidentsObligationDeadlines = pgTable('incidents_obligation_deadlines', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  obligationId: uuid()
    .notNull()
    .references(() => incidentsObligations.id),
  factsRevision: integer().notNull(),
  dueAt: timestamp({ withTimezone: true }),
  dueDate: text(),
  dueRule: text().notNull(),
  applicable: boolean().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull(),
});

/** A report as submitted: immutable; a correction is the next version (append-only). */
export const incidentsSubmissions = pgTable(
  'incidents_submissions',
  {
    id: uuid().primaryKey(),
    obligationId: uuid()
      .notNull()
      .references(() => incidentsObligations.id),
    version: integer().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    reference: text().notNull(),
    /** The draft as it was submitted (Markdown and JSON). */
    content: jsonb().notNull(),
    note: text().notNull().default(''),
    submittedByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique('incidents_submissions_version_unique').on(t.obligationId, t.version)],
);
