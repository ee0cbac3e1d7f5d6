import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import {
  riskAssessmentRevisions,
  riskAssessments,
  riskSettings,
  riskTriage,
  riskVersionProfiles,
} from './risk.tables.ts';

export type RiskSettingsRow = typeof riskSettings.$inferSelect;
export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type AssessmentRevisionRow = typeof riskAssessmentRevisions.$inferSelect;
export type TriageRow = typeof riskTriage.$inferSelect;
export type VersionProfileRow = typeof riskVersionProfiles.$inferSelect;

export async function findRiskSettings(db: DbOrTx, organizationId: string): Promise<RiskSettingsRow | null> {
  const [row] = await db.select().from(riskSettings).where(eq(riskSettings.organizationId, organizationId));
  return row ?? null;
}

export async function upsertRiskSettings(db: DbOrTx, row: RiskSettingsRow): Promise<void> {
  await db
    .insert(riskSettings)
    .values(row)
    .onConflictDoUpdate({ target: riskSettings.organizationId, set: row });
}

export async function findAssessment(
  db: DbOrTx,
  productVersionId: string,
  vulnerabilityId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AssessmentRow | null> {
  const query = db
    .select()
    .from(riskAssessments)
    .where(
      and(
        eq(riskAssessments.productVersionId, productVersionId),
        eq(riskAssessments.vulnerabilityId, vulnerabilityId),
      ),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Writes the current assessment and appends its revision (the history is append-only). */
export async function saveAssessmentRevision(db: DbOrTx, row: AssessmentRow, isNew: boolean): Promise<void> {
  if (isNew) await db.insert(riskAssessments).values(row);
  else await db.update(riskAssessments).set(row).where(eq(riskAssessments.id, row.id));
  await db.insert(riskAssessmentRevisions).values({
    assessmentId: row.id,
    revision: row.revision,
    inputs: row.inputs,
    results: row.results,
    decidedByUserId: row.decidedByUserId,
    decidedAt: row.decidedAt,
  });
}

export async function listAssessmentRevisions(
  db: DbOrTx,
  assessmentId: string,
): Promise<AssessmentRevisionRow[]> {
  return db
    .select()
    .from(riskAssessmentRevisions)
    .where(eq(riskAssessmentRevisions.assessmentId, assessmentId))
    .orderBy(desc(riskAssessmentRevisions.revision));
}

export async function listAssessmentsOfOrganization(
  db: DbOrTx,
  organizationId: string,
): Promise<AssessmentRow[]> {
  return db.select().from(riskAssessments).where(eq(riskAssessments.organizationId, organizationId));
}

export async function findTriage(
  db: DbOrTx,
  productVersionId: string,
  vulnerabilityId: string,
): Promise<TriageRow | null> {
  const [row] = await db
    .select()
    .from(riskTriage)
    .where(
      and(eq(riskTriage.productVersionId, productVersionId), eq(riskTriage.vulnerabilityId, vulnerabilityId)),
    );
  return row ?? null;
}

export async function upsertTriage(db: DbOrTx, row: TriageRow): Promise<void> {
  await db
    .insert(riskTriage)
    .values(row)
    .onConflictDoUpdate({ target: [riskTriage.productVersionId, riskTriage.vulnerabilityId], set: row });
}

export async function listTriageOfOrganization(db: DbOrTx, organizationId: string): Promise<TriageRow[]> {
  return db.select().from(riskTriage).where(eq(riskTriage.organizationId, organizationId));
}

export async function findVersionProfile(
  db: DbOrTx,
  productVersionId: string,
): Promise<VersionProfileRow | null> {
  const [row] = await db
    .select()
    .from(riskVersionProfiles)
    .where(eq(riskVersionProfiles.productVersionId, productVersionId));
  return row ?? null;
}

export async function upsertVersionProfile(db: DbOrTx, row: VersionProfileRow): Promise<void> {
  await db
    .insert(riskVersionProfiles)
    .values(row)
    .onConflictDoUpdate({ target: riskVersionProfiles.productVersionId, set: row });
}
