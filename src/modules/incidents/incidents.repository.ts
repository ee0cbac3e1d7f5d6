import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { afterPosition, newestFirst } from '../../platform/db/keyset.ts';
import type { KeysetPosition } from '../../shared/pagination.ts';
import { incidentsIncidents } from './incidents.tables.ts';

export type IncidentRow = typeof incidentsIncidents.$inferSelect;

export async function insertIncident(db: DbOrTx, row: IncidentRow): Promise<void> {
  await db.insert(incidentsIncidents).values(row);
}

export async function findIncident(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<IncidentRow | null> {
  const rows = await db
    .select()
    .from(incidentsIncidents)
    .where(and(eq(incidentsIncidents.organizationId, organizationId), eq(incidentsIncidents.id, id)));
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
