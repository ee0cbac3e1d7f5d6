import type { Tx } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../shared/ids.ts';
import { userNamesById } from '../../accounts/index.ts';
import { evaluateObligations, parseObligationFacts } from '../domain/obligations/index.ts';
import type { ObligationTask } from '../incidents.contracts.ts';
import {
  type IncidentRow,
  insertDeadline,
  insertObligation,
  listDeadlines,
  listObligationsOfIncident,
  listSubmissions,
  type ObligationRow,
  updateObligationRow,
} from '../incidents.repository.ts';
import type { Obligation } from '../obligations.contracts.ts';

/** The evaluation stored with an obligation: the engine's output, and why it stopped applying. */
export type StoredEvaluation = Obligation & { notApplicableReason?: string };

/** When each report of the incident was first filed, by obligation key (anchors NIS2/CRA finals). */
async function filedInstants(tx: Tx, obligations: ObligationRow[]): Promise<Record<string, Date>> {
  const submissions = await listSubmissions(
    tx,
    obligations.map((o) => o.id),
  );
  const keyOf = new Map(obligations.map((o) => [o.id, o.key]));
  const filed: Record<string, Date> = {};
  for (const s of submissions) {
    const key = keyOf.get(s.obligationId);
    if (key && (!filed[key] || s.submittedAt < filed[key])) filed[key] = s.submittedAt;
  }
  return filed;
}

/**
 * Brings an incident's obligation tasks in line with its current facts: new obligations become tasks,
 * changed deadlines are updated, and obligations the facts no longer call for are marked not applicable
 * (never deleted). Every deadline an obligation has had is appended to its history.
 */
export async function reconcileObligations(
  deps: Pick<Deps, 'clock'> & Partial<Pick<Deps, 'config'>>,
  tx: Tx,
  incident: IncidentRow,
): Promise<{ added: number; changed: number; withdrawn: number }> {
  if (!incident.facts) return { added: 0, changed: 0, withdrawn: 0 };
  const now = deps.clock.now();
  const existing = await listObligationsOfIncident(tx, incident.id);
  const facts = parseObligationFacts(incident.facts);
  const evaluation = evaluateObligations(facts, {
    now,
    filed: await filedInstants(tx, existing),
    holidays: deps.config?.holidayOverrides ?? {},
  });
  const byKey = new Map(existing.map((o) => [o.key, o]));
  const seen = new Set<string>();
  let added = 0;
  let changed = 0;
  let withdrawn = 0;
  const history = (row: ObligationRow, stored: StoredEvaluation | null, applicable: boolean) =>
    insertDeadline(tx, {
      obligationId: row.id,
      factsRevision: incident.factsRevision,
      dueAt: stored?.dueAt ? new Date(stored.dueAt) : null,
      dueDate: stored?.dueDate ?? null,
      dueRule: stored?.dueRule ?? '',
      applicable,
      computedAt: now,
    });
  for (const obligation of evaluation.obligations) {
    seen.add(obligation.key);
    const before = byKey.get(obligation.key);
    const dueAt = obligation.dueAt ? new Date(obligation.dueAt) : null;
    if (!before) {
      const row: ObligationRow = {
        id: newId(),
        incidentId: incident.id,
        organizationId: incident.organizationId,
        key: obligation.key,
        ruleId: obligation.id,
        title: obligation.title,
        regime: obligation.regime,
        jurisdiction: obligation.jurisdiction,
        recipient: obligation.recipient,
        evaluation: obligation,
        dueAt,
        applicable: true,
        status: 'due',
        statusReason: null,
        ownerUserId: incident.ownerUserId,
        remindedAt: null,
        escalatedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertObligation(tx, row);
      await history(row, obligation, true);
      added++;
      continue;
    }
    const previous = before.evaluation as StoredEvaluation;
    const moved =
      !before.applicable ||
      previous.dueAt !== obligation.dueAt ||
      previous.dueRule !== obligation.dueRule ||
      previous.provisional !== obligation.provisional;
    const row: ObligationRow = {
      ...before,
      title: obligation.title,
      regime: obligation.regime,
      jurisdiction: obligation.jurisdiction,
      recipient: obligation.recipient,
      evaluation: obligation,
      dueAt,
      applicable: true,
      // A moved deadline is a new deadline: remind and escalate again.
      remindedAt: moved ? null : before.remindedAt,
      escalatedAt: moved ? null : before.escalatedAt,
      updatedAt: now,
    };
    await updateObligationRow(tx, row);
    if (moved) {
      await history(row, obligation, true);
      changed++;
    }
  }
  for (const before of existing) {
    if (seen.has(before.key) || !before.applicable) continue;
    const reason =
      evaluation.notApplicable.find((n) => n.id === before.ruleId)?.reason ??
      'The facts as they stand no longer call for this report.';
    const stored = { ...(before.evaluation as StoredEvaluation), notApplicableReason: reason };
    const row: ObligationRow = { ...before, evaluation: stored, applicable: false, updatedAt: now };
    await updateObligationRow(tx, row);
    await history(row, stored, false);
    withdrawn++;
  }
  return { added, changed, withdrawn };
}

/** An incident's obligation tasks with their deadline history and latest submission, soonest first. */
export async function listObligationTasks(
  deps: Pick<Deps, 'db'>,
  incidentId: string,
): Promise<ObligationTask[]> {
  const rows = await listObligationsOfIncident(deps.db, incidentId);
  return toTasks(deps, rows);
}

export async function toTasks(deps: Pick<Deps, 'db'>, rows: ObligationRow[]): Promise<ObligationTask[]> {
  const ids = rows.map((r) => r.id);
  const deadlines = await listDeadlines(deps.db, ids);
  const submissions = await listSubmissions(deps.db, ids);
  const owners = await userNamesById(
    deps,
    rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])),
  );
  return rows.map((row) => {
    const e = row.evaluation as StoredEvaluation;
    const latest = submissions.filter((s) => s.obligationId === row.id).at(-1);
    return {
      id: row.id,
      incidentId: row.incidentId,
      key: row.key,
      ruleId: row.ruleId,
      title: row.title,
      regime: row.regime,
      jurisdiction: row.jurisdiction,
      recipient: row.recipient,
      dueAt: e.dueAt,
      dueDate: e.dueDate,
      dueRule: e.dueRule,
      timeZone: e.timeZone,
      clockStart: e.clockStart,
      provisional: e.provisional,
      basis: row.applicable ? e.basis : `No longer applies: ${e.notApplicableReason ?? ''}`.trim(),
      source: e.source,
      confirmed: e.confirmed,
      public: e.public,
      applicable: row.applicable,
      status: row.status as ObligationTask['status'],
      statusReason: row.statusReason,
      owner: row.ownerUserId ? { id: row.ownerUserId, name: owners.get(row.ownerUserId) ?? '' } : null,
      submission: latest
        ? {
            version: latest.version,
            submittedAt: latest.submittedAt.toISOString(),
            reference: latest.reference,
          }
        : null,
      deadlines: deadlines
        .filter((d) => d.obligationId === row.id)
        .map((d) => ({
          factsRevision: d.factsRevision,
          dueAt: d.dueAt?.toISOString() ?? null,
          dueDate: d.dueDate,
          applicable: d.applicable,
          computedAt: d.computedAt.toISOString(),
        })),
    };
  });
}
