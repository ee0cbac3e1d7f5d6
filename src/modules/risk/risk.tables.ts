import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * An organisation's risk method: its rubric mapping, its exploitability × severity matrix and its
 * remediation SLA. Null columns mean the shipped defaults (labelled as unconfirmed placeholders).
 */
export const riskSettings = pgTable('risk_settings', {
  organizationId: uuid().primaryKey(),
  rubricMapping: jsonb(),
  controlMatrix: jsonb(),
  /** Days to remediate by severity: { critical, high, medium, low }. */
  remediationSlaDays: jsonb(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The risk assessment of one vulnerability in one product version: the scored vectors, the rubric
 * answers, patient harm, the controlled/uncontrolled decision and SSVC outcomes. Every change writes a
 * revision to risk_assessment_revisions, which keeps the history.
 */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productVersionId: uuid().notNull(),
    vulnerabilityId: uuid().notNull(),
    revision: integer().notNull(),
    /** Everything the assessor entered (vectors, rubric answers, environment, harm, SSVC inputs). */
    inputs: jsonb().notNull(),
    /** What the domain computed from the inputs (scores, decision and why, SSVC outcomes). */
    results: jsonb().notNull(),
    baseVector: text(),
    environmentalVector: text(),
    /** The score that ranks: environmental when given, else base. */
    score: real(),
    severity: text(),
    decision: text(),
    ssvcSupplier: text(),
    ssvcCoordinator: text(),
    decidedByUserId: uuid(),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('risk_assessments_version_vulnerability_unique').on(t.productVersionId, t.vulnerabilityId),
    index('risk_assessments_organization_idx').on(t.organizationId),
    check(
      'risk_assessments_decision_check',
      sql`${t.decision} is null or ${t.decision} in ('controlled','uncontrolled')`,
    ),
  ],
);

/** Append-only history of assessments: one row per saved revision, as it was saved. */
export const riskAssessmentRevisions = pgTable(
  'risk_assessment_revisions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assessmentId: uuid()
      .notNull()
      .references(() => riskAssessments.id),
    revision: integer().notNull(),
    inputs: jsonb().notNull(),
    results: jsonb().notNull(),
    decidedByUserId: uuid(),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique('risk_assessment_revisions_unique').on(t.assessmentId, t.revision)],
);

/**
 * Triage of one vulnerability in one product version (the worklist's unit): its state, risk acceptance
 * and remediation due date. A pair without a row is 'new'.
 */
export const riskTriage = pgTable(
  'risk_triage',
  {
    organizationId: uuid().notNull(),
    productVersionId: uuid().notNull(),
    vulnerabilityId: uuid().notNull(),
    state: text().notNull(),
    /** VEX justification when the state is not_affected. */
    justification: text(),
    note: text(),
    acceptedUntil: date({ mode: 'string' }),
    acceptanceReason: text(),
    compensatingControls: text().array(),
    acceptedByUserId: uuid(),
    updatedByUserId: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('risk_triage_version_vulnerability_unique').on(t.productVersionId, t.vulnerabilityId),
    index('risk_triage_organization_idx').on(t.organizationId, t.state),
    check(
      'risk_triage_state_check',
      sql`${t.state} in ('new','in_analysis','exploitable','not_affected','false_positive','resolved')`,
    ),
  ],
);

/**
 * A product version's exposure as deployed (network reach, privileges, user interaction, the data and
 * functions it touches), as CVSS environmental metrics per CVSS generation. Every assessment of the
 * version starts from it, unless the assessment sets its own.
 */
export const riskVersionProfiles = pgTable('risk_version_profiles', {
  productVersionId: uuid().primaryKey(),
  organizationId: uuid().notNull(),
  /** CVSS v3.x environmental metrics (CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA). */
  environmentV3: jsonb('environment_v3').notNull(),
  /** CVSS v4.0 environmental metrics (CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA). */
  environmentV4: jsonb('environment_v4').notNull(),
  description: text().notNull().default(''),
  updatedByUserId: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});
