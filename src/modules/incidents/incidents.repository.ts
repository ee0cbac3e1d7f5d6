import { and, asc, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import {
  incidentsFactRevisions,
  incidentsIncidents,
  incidentsObligationDeadlines,
  incidentsObligations,
  incidentsSubmissions,
  incidentsTimeline,
} from './incidents.tables.ts';

export type IncidentRow = typeof incidentsIncidents.$inferSelect;
export type FactsRevisionRow = typeof incidentsFactRevisions.$inferSelect;
export type TimelineRow = typeof incidentsTimeline.$inferSelect;
export type ObligationRow = typeof incidentsObligations.$inferSelect;
export type DeadlineRow = typeof incidentsObligationDeadlines.$inferSelect;
export type SubmissionRow = typeof incidentsSubmissions.$inferSelect;

export async function insertIncident(db: DbOrTx, row: IncidentRow): Promise<void> {
  await db.insert(incidentsIncidents).values(row);
}

export async function updateIncidentRow(db: DbOrTx, row: IncidentRow): Promise<void> {
  await db.update(incidentsIncidents).set(row).where(eq(incidentsIncidents.id, row.id));
}

export async function findIncident(
  db: DbOrTx,
  organizationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<IncidentRow | null> {
  const query = db
    .select()
    .from(incidentsIncidents)
    .where(and(eq(incidentsIncidents.organizationId, organizationId), eq(incidentsIncidents.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0] ?? null;
}

export async function listIncidentsPage(
  db: DbOrTx,
  organizationId: string,
  after: KeysetPosition | null,
  limit: number,
): Promise<IncidentRow[]> {
  return db
    .select()
    .from(incidentsIncidents)
    .where(
      and(
        eq(incidentsIncidents.organizationId, organizationId),
        afterPosition(incidentsIncidents.createdAt, incidentsIncidents.id, after),
      ),
    )
    .orderBy(...newestFirst(incidentsIncidents.createdAt, incidentsIncidents.id))
    .limit(limit);
}

export async function insertFactsRevision(db: DbOrTx, row: Omit<FactsRevisionRow, 'id'>): Promise<void> {
  await db.insert(incidentsFactRevisions).values(row);
}

export async function listFactsRevisions(db: DbOrTx, incidentId: string): Promise<FactsRevisionRow[]> {
  return db
    .select()
    .from(incidentsFactRevisions)
    .where(eq(incidentsFactRevisions.incidentId, incidentId))
    .orderBy(asc(incidentsFactRevisions.revision));
}

/** The revision in force at an instant: the last one changed at or before it. */
export async function findFactsRevisionAt(
  db: DbOrTx,
  incidentId: string,
  at: Date,
): Promise<FactsRevisionRow | null> {
  const [row] = await db
    .select()
    .from(incidentsFactRevisions)
    .where(and(eq(incidentsFactRevisions.incidentId, incidentId), lte(incidentsFactRevisions.changedAt, at)))
    .orderBy(desc(incidentsFactRevisions.revision))
    .limit(1);
  return row ?? null;
}

export async function insertTimelineEntry(db: DbOrTx, row: TimelineRow): Promise<void> {
  await db.insert(incidentsTimeline).values(row);
}

export async function listTimeline(db: DbOrTx, incidentId: string): Promise<TimelineRow[]> {
  return db
    .select()
    .from(incidentsTimeline)
    .where(eq(incidentsTimeline.incidentId, incidentId))
    .orderBy(asc(incidentsTimeline.at), asc(incidentsTimeline.createdAt));
}

export async function listObligationsOfIncident(db: DbOrTx, incidentId: string): Promise<ObligationRow[]> {
  return db
    .select()
    .from(incidentsObligations)
    .where(eq(incidentsObligations.incidentId, incidentId))
    .orderBy(asc(incidentsObligations.dueAt), asc(incidentsObligations.key));
}

export async function findObligation(
  db: DbOrTx,
  organizationId: string,
  incidentId: string,
  obligationId: string,
): Promise<ObligationRow | null> {
  const [row] = await db
    .select()
    .from(incidentsObligations)
    .where(
      and(
        eq(incidentsObligations.organizationId, organizationId),
        eq(incidentsObligations.incidentId, incidentId),
        eq(incidentsObligations.id, obligationId),
      ),
    );
  return row ?? null;
}

export async function insertObligation(db: DbOrTx, row: ObligationRow): Promise<void> {
  await db.insert(incidentsObligations).values(row);
}

export async function updateObligationRow(db: DbOrTx, row: ObligationRow): Promise<void> {
  await db.update(incidentsObligations).set(row).where(eq(incidentsObligations.id, row.id));
}

export async function insertDeadline(db: DbOrTx, row: Omit<DeadlineRow, 'id'>): Promise<void> {
  await db.insert(incidentsObligationDeadlines).values(row);
}

export async function listDeadlines(db: DbOrTx, obligationIds: string[]): Promise<DeadlineRow[]> {
  if (obligationIds.length === 0) return [];
  return db
    .select()
    .from(incidentsObligationDeadlines)
    .where(inArray(incidentsObligationDeadlines.obligationId, obligationIds))
    .orderBy(asc(incidentsObligationDeadlines.id));
}

export async function insertSubmission(db: DbOrTx, row: SubmissionRow): Promise<void> {
  await db.insert(incidentsSubmissions).values(row);
}

export async function listSubmissions(db: DbOrTx, obligationIds: string[]): Promise<SubmissionRow[]> {
  if (obligationIds.length === 0) return [];
  return db
    .select()
    .from(incidentsSubmissions)
    .where(inArray(incidentsSubmissions.obligationId, obligationIds))
    .orderBy(asc(incidentsSubmissions.version));
}

/** Open obligations (due or drafted, still applicable) with a deadline at or before `before`. */
export async function listOpenObligationsDueBy(db: DbOrTx, before: Date): Promise<ObligationRow[]> {
  return db
    .select()
    .from(incidentsObligations)
    .where(
      and(
        eq(incidentsObligations.applicable, true),
        inArray(incidentsObligations.status, ['due', 'drafted']),
        isNotNull(incidentsObligations.dueAt),
        lte(incidentsObligations.dueAt, before),
      ),
    );
}

export async function listObligationsOfOrganization(
  db: DbOrTx,
  organizationId: string,
): Promise<ObligationRow[]> {
  return db
    .select()
    .from(incidentsObligations)
    .where(eq(incidentsObligations.organizationId, organizationId))
    .orderBy(asc(incidentsObligations.dueAt));
}
