import { withTransaction } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PageQuery } from '../../shared/contract-helpers.ts';
import { DomainError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../shared/pagination.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { assertOwnProducts } from '../devices/index.ts';
import type { CreateIncidentInput, Incident } from './incidents.contracts.ts';
import { findIncident, type IncidentRow, insertIncident, listIncidentsPage } from './incidents.repository.ts';

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    organizationId: row.organizationId,
    title: row.title,
    description: row.description,
    status: row.status as Incident['status'],
    productIds: row.productIds,
    detectedAt: row.detectedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Records an incident. Detection cannot lie in the future (clocks for mandatory reports start there);
 * the products must be the organisation's own.
 */
export async function recordIncident(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  input: CreateIncidentInput,
): Promise<Incident> {
  const now = deps.clock.now();
  const detectedAt = new Date(input.detectedAt);
  if (detectedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new DomainError('invalid', 'detectedAt lies in the future.');
  }
  await assertOwnProducts(deps, organizationId, input.productIds);
  return withTransaction(deps.db, async (tx) => {
    const row: IncidentRow = {
      id: newId(),
      organizationId,
      title: input.title,
      description: input.description,
      status: 'open',
      productIds: [...new Set(input.productIds)],
      detectedAt,
      createdByUserId: actor.kind === 'user' ? actor.userId : null,
      createdAt: now,
      updatedAt: now,
    };
    await insertIncident(tx, row);
    const incident = toIncident(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'incident.recorded',
      organizationId,
      entityType: 'incident',
      entityId: row.id,
      after: incident,
    });
    return incident;
  });
}

export async function getIncident(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  incidentId: string,
): Promise<Incident> {
  const row = await findIncident(deps.db, organizationId, incidentId);
  if (!row) throw new DomainError('not_found', 'No such incident.');
  return toIncident(row);
}

export async function listIncidents(deps: Pick<Deps, 'db'>, organizationId: string, page: PageQuery) {
  const rows = await listIncidentsPage(deps.db, organizationId, decodeCursor(page.cursor), page.limit + 1);
  return pageFrom(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }), toIncident);
}
