import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { userNamesById } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { parseObligationFacts } from '../domain/obligations/index.ts';
import {
  findFactsRevisionAt,
  findIncident,
  type IncidentRow,
  insertFactsRevision,
  insertTimelineEntry,
  listFactsRevisions,
  listTimeline,
  updateIncidentRow,
} from '../incidents.repository.ts';
import { getIncidentRow } from './incidents.ts';
import { listObligationTasks, reconcileObligations } from './obligations.ts';

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * Records a new revision of the incident's facts (checked against the engine's schema) and recomputes
 * its obligations in the same transaction: a later fact (a patient died, materiality determined) adds
 * or moves deadlines, and the earlier ones stay in each obligation's history.
 */
export async function setIncidentFacts(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  incidentId: string,
  input: { facts: Record<string, unknown>; note: string },
) {
  parseObligationFacts(input.facts);
  return withTransaction(deps.db, async (tx) => {
    const before = await findIncident(tx, organizationId, incidentId, { forUpdate: true });
    if (!before) throw new DomainError('not_found', 'No such incident.');
    const now = deps.clock.now();
    const row: IncidentRow = {
      ...before,
      facts: input.facts,
      factsRevision: before.factsRevision + 1,
      updatedAt: now,
    };
    await updateIncidentRow(tx, row);
    await insertFactsRevision(tx, {
      incidentId,
      revision: row.factsRevision,
      facts: input.facts,
      note: input.note,
      changedByUserId: userIdOf(actor),
      changedAt: now,
    });
    const outcome = await reconcileObligations(deps, tx, row);
    await insertTimelineEntry(tx, {
      id: newId(),
      incidentId,
      organizationId,
      at: now,
      kind: 'facts',
      text: `Facts revision ${row.factsRevision}${input.note ? `: ${input.note}` : ''} (${outcome.added} new obligation(s), ${outcome.changed} deadline(s) moved, ${outcome.withdrawn} no longer applicable)`,
      createdByUserId: userIdOf(actor),
      createdAt: now,
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'incident.facts_set',
      organizationId,
      entityType: 'incident',
      entityId: incidentId,
      before: before.facts ? { revision: before.factsRevision } : null,
      after: { revision: row.factsRevision, note: input.note, ...outcome },
    });
    return {
      revision: row.factsRevision,
      ...outcome,
      obligations: await listObligationTasks(joinTransaction(deps, tx), incidentId),
    };
  });
}

/** The facts as they stood at an instant (the latest by default), with who changed them and why. */
export async function getIncidentFacts(
  deps: Pick<Deps, 'db' | 'clock'>,
  organizationId: string,
  incidentId: string,
  at?: string,
) {
  await getIncidentRow(deps, organizationId, incidentId);
  const revision = await findFactsRevisionAt(deps.db, incidentId, at ? new Date(at) : deps.clock.now());
  if (!revision)
    throw new DomainError('not_found', at ? `No facts were recorded by ${at}.` : 'No facts recorded yet.');
  const names = await userNamesById(deps, revision.changedByUserId ? [revision.changedByUserId] : []);
  return {
    revision: revision.revision,
    facts: revision.facts as Record<string, unknown>,
    note: revision.note,
    changedBy: revision.changedByUserId ? (names.get(revision.changedByUserId) ?? null) : null,
    changedAt: revision.changedAt.toISOString(),
  };
}

export async function listIncidentFactsRevisions(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  incidentId: string,
) {
  await getIncidentRow(deps, organizationId, incidentId);
  const rows = await listFactsRevisions(deps.db, incidentId);
  const names = await userNamesById(
    deps,
    rows.flatMap((r) => (r.changedByUserId ? [r.changedByUserId] : [])),
  );
  return rows.map((r) => ({
    revision: r.revision,
    facts: r.facts as Record<string, unknown>,
    note: r.note,
    changedBy: r.changedByUserId ? (names.get(r.changedByUserId) ?? null) : null,
    changedAt: r.changedAt.toISOString(),
  }));
}

export async function addTimelineEntry(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  incidentId: string,
  input: { at: string; text: string },
) {
  await getIncidentRow(deps, organizationId, incidentId);
  const now = deps.clock.now();
  const row = {
    id: newId(),
    incidentId,
    organizationId,
    at: new Date(input.at),
    kind: 'note',
    text: input.text,
    createdByUserId: userIdOf(actor),
    createdAt: now,
  };
  await withTransaction(deps.db, async (tx) => {
    await insertTimelineEntry(tx, row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'incident.timeline_added',
      organizationId,
      entityType: 'incident',
      entityId: incidentId,
      after: { at: input.at, text: input.text },
    });
  });
  const entry = (await listIncidentTimeline(deps, organizationId, incidentId)).find((e) => e.id === row.id);
  if (!entry) throw new Error('timeline entry vanished after insert');
  return entry;
}

export async function listIncidentTimeline(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  incidentId: string,
) {
  await getIncidentRow(deps, organizationId, incidentId);
  const rows = await listTimeline(deps.db, incidentId);
  const names = await userNamesById(
    deps,
    rows.flatMap((r) => (r.createdByUserId ? [r.createdByUserId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    text: r.text,
    createdBy: r.createdByUserId ? (names.get(r.createdByUserId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}
