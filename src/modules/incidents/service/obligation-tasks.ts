import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { userNamesById } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { describeProductVersions, getProduct } from '../../devices/index.ts';
import { loadVulnerabilities } from '../../vulnerabilities/index.ts';
import { disclosurePrefill } from '../domain/drafts/disclosure-prefill.ts';
import { buildObligationDraft, type DraftObligation } from '../domain/drafts/obligation-draft.ts';
import { requiredContentOf } from '../domain/obligations/index.ts';
import type {
  ObligationDraft,
  ObligationTask,
  SubmitObligationInput,
  UpdateObligationInput,
} from '../incidents.contracts.ts';
import {
  findIncident,
  findObligation,
  type IncidentRow,
  insertSubmission,
  insertTimelineEntry,
  listObligationsOfOrganization,
  listSubmissions,
  type ObligationRow,
  updateObligationRow,
} from '../incidents.repository.ts';
import { getIncidentRow } from './incidents.ts';
import { reconcileObligations, type StoredEvaluation, toTasks } from './obligations.ts';

interface ObligationTarget {
  organizationId: string;
  incidentId: string;
  obligationId: string;
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

async function loadObligation(deps: Pick<Deps, 'db'>, target: ObligationTarget): Promise<ObligationRow> {
  const row = await findObligation(deps.db, target.organizationId, target.incidentId, target.obligationId);
  if (!row) throw new DomainError('not_found', 'No such obligation.');
  return row;
}

async function taskOf(deps: Pick<Deps, 'db'>, row: ObligationRow): Promise<ObligationTask> {
  return (await toTasks(deps, [row]))[0] as ObligationTask;
}

/**
 * Moves an obligation's task: drafted, back to due, waived or not applicable (both with a reason).
 * A submitted report is final: it changes only by a new submission (a correction).
 */
export async function updateObligationStatus(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: ObligationTarget,
  input: UpdateObligationInput,
): Promise<ObligationTask> {
  return withTransaction(deps.db, async (tx) => {
    const txDeps = joinTransaction(deps, tx);
    const before = await loadObligation(txDeps, target);
    if (before.status === 'submitted')
      throw new DomainError(
        'conflict',
        'The report was submitted: it is immutable; submit a correction as a new version instead.',
      );
    const now = deps.clock.now();
    const row: ObligationRow = {
      ...before,
      status: input.status,
      statusReason: 'reason' in input ? input.reason : null,
      updatedAt: now,
    };
    await updateObligationRow(tx, row);
    await insertTimelineEntry(tx, {
      id: newId(),
      incidentId: target.incidentId,
      organizationId: target.organizationId,
      at: now,
      kind: 'obligation',
      text: `${row.title} (${row.jurisdiction}): ${before.status} → ${row.status}${row.statusReason ? ` (${row.statusReason})` : ''}`,
      createdByUserId: userIdOf(actor),
      createdAt: now,
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'obligation.status_set',
      organizationId: target.organizationId,
      entityType: 'obligation',
      entityId: row.id,
      before: { status: before.status, statusReason: before.statusReason },
      after: { status: row.status, statusReason: row.statusReason, key: row.key },
    });
    return taskOf(txDeps, row);
  });
}

/** The pre-filled draft of one obligation's report, from the rule's required content and the facts. */
export async function getObligationDraft(
  deps: Pick<Deps, 'db'>,
  target: ObligationTarget,
): Promise<ObligationDraft> {
  const incident = await getIncidentRow(deps, target.organizationId, target.incidentId);
  const row = await loadObligation(deps, target);
  const content = await draftContent(deps, incident, row);
  return {
    obligationId: row.id,
    ruleId: row.ruleId,
    title: row.title,
    recipient: row.recipient,
    ...content,
  };
}

async function draftContent(deps: Pick<Deps, 'db'>, incident: IncidentRow, row: ObligationRow) {
  const e = row.evaluation as StoredEvaluation;
  const versions = await describeProductVersions(deps, incident.organizationId, incident.productVersionIds);
  const products = [];
  for (const productId of incident.productIds) {
    const product = await getProduct(deps, incident.organizationId, productId);
    products.push({
      name: product.name,
      modelNumbers: product.modelNumbers,
      udiDi: product.udiDi,
      versions: [...versions.values()].filter((v) => v.productId === productId).map((v) => v.label),
    });
  }
  const vulnerabilities = await loadVulnerabilities(deps, incident.vulnerabilityIds);
  const obligation: DraftObligation = {
    ruleId: row.ruleId,
    title: row.title,
    regime: row.regime,
    jurisdiction: row.jurisdiction,
    recipient: row.recipient,
    dueAt: e.dueAt,
    dueRule: e.dueRule,
    basis: e.basis,
    source: e.source,
    confirmed: e.confirmed,
  };
  return buildObligationDraft(obligation, requiredContentOf(row.ruleId), {
    title: incident.title,
    kind: incident.kind,
    description: incident.description,
    detectedAt: incident.detectedAt.toISOString(),
    products,
    vulnerabilities: incident.vulnerabilityIds.map((id) => vulnerabilities.get(id)?.displayId ?? id),
    facts: incident.facts as Record<string, unknown> | null,
  });
}

/**
 * Records that a report went out: when, under which reference, with the draft as it then stood. The
 * submission is immutable; submitting again is a correction, the next version. Clocks anchored on this
 * report (NIS2/CRA final reports) are recomputed from the real filing time.
 */
export async function submitObligation(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: ObligationTarget,
  input: SubmitObligationInput,
): Promise<ObligationTask> {
  const now = deps.clock.now();
  if (Date.parse(input.submittedAt) > now.getTime() + 5 * 60_000)
    throw new DomainError('invalid', 'submittedAt lies in the future.', {
      errors: [{ path: 'submittedAt', message: 'lies in the future' }],
    });
  return withTransaction(deps.db, async (tx) => {
    const txDeps = joinTransaction(deps, tx);
    const incident = await findIncident(tx, target.organizationId, target.incidentId, { forUpdate: true });
    if (!incident) throw new DomainError('not_found', 'No such incident.');
    const before = await loadObligation(txDeps, target);
    const previous = await listSubmissions(tx, [before.id]);
    const version = (previous.at(-1)?.version ?? 0) + 1;
    const content = await draftContent(txDeps, incident, before);
    await insertSubmission(tx, {
      id: newId(),
      obligationId: before.id,
      version,
      submittedAt: new Date(input.submittedAt),
      reference: input.reference,
      content: { markdown: content.markdown, json: content.json },
      note: input.note,
      submittedByUserId: userIdOf(actor),
      createdAt: now,
    });
    const row: ObligationRow = { ...before, status: 'submitted', statusReason: null, updatedAt: now };
    await updateObligationRow(tx, row);
    await reconcileObligations(deps, tx, incident);
    await insertTimelineEntry(tx, {
      id: newId(),
      incidentId: target.incidentId,
      organizationId: target.organizationId,
      at: new Date(input.submittedAt),
      kind: 'submission',
      text: `${row.title} (${row.jurisdiction}) submitted to ${row.recipient}, reference ${input.reference}${version > 1 ? ` (correction, version ${version})` : ''}`,
      createdByUserId: userIdOf(actor),
      createdAt: now,
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'obligation.submitted',
      organizationId: target.organizationId,
      entityType: 'obligation',
      entityId: row.id,
      before: { status: before.status },
      after: { status: 'submitted', version, reference: input.reference, submittedAt: input.submittedAt },
    });
    const fresh = await loadObligation(txDeps, target);
    return taskOf(txDeps, fresh);
  });
}

export async function listObligationSubmissions(deps: Pick<Deps, 'db'>, target: ObligationTarget) {
  const row = await loadObligation(deps, target);
  const rows = await listSubmissions(deps.db, [row.id]);
  const names = await userNamesById(
    deps,
    rows.flatMap((r) => (r.submittedByUserId ? [r.submittedByUserId] : [])),
  );
  return rows.map((r) => ({
    version: r.version,
    submittedAt: r.submittedAt.toISOString(),
    reference: r.reference,
    note: r.note,
    submittedBy: r.submittedByUserId ? (names.get(r.submittedByUserId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    content: r.content as { markdown: string; json: Record<string, unknown> },
  }));
}

/** The organisation's deadlines across incidents (applicable obligations), soonest first, in a date window. */
export async function listDeadlineCalendar(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  window: { from?: string; to?: string },
) {
  const rows = (await listObligationsOfOrganization(deps.db, organizationId)).filter((r) => r.applicable);
  const titles = new Map<string, string>();
  const entries = [];
  for (const row of rows) {
    const e = row.evaluation as StoredEvaluation;
    const day = e.dueDate ?? null;
    if (window.from && (!day || day < window.from)) continue;
    if (window.to && (!day || day > window.to)) continue;
    if (!titles.has(row.incidentId)) {
      const incident = await findIncident(deps.db, organizationId, row.incidentId);
      titles.set(row.incidentId, incident?.title ?? '');
    }
    entries.push({
      obligationId: row.id,
      incident: { id: row.incidentId, title: titles.get(row.incidentId) ?? '' },
      title: row.title,
      regime: row.regime,
      jurisdiction: row.jurisdiction,
      recipient: row.recipient,
      dueAt: e.dueAt,
      dueDate: e.dueDate,
      status: row.status as ObligationTask['status'],
      provisional: e.provisional,
    });
  }
  return entries;
}

/** The public disclosure draft an incident starts, pre-filled from its record and facts (not stored). */
export async function incidentDisclosurePrefill(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  incidentId: string,
) {
  const incident = await getIncidentRow(deps, organizationId, incidentId);
  const versions = await describeProductVersions(deps, organizationId, incident.productVersionIds);
  const products = [];
  for (const productId of incident.productIds) {
    const product = await getProduct(deps, organizationId, productId);
    products.push({
      name: product.name,
      versions: [...versions.values()].filter((v) => v.productId === productId).map((v) => v.label),
    });
  }
  const vulnerabilities = await loadVulnerabilities(deps, incident.vulnerabilityIds);
  return disclosurePrefill({
    title: incident.title,
    kind: incident.kind,
    description: incident.description,
    detectedAt: incident.detectedAt.toISOString(),
    productIds: incident.productIds,
    products,
    vulnerabilities: incident.vulnerabilityIds.map((id) => vulnerabilities.get(id)?.displayId ?? id),
    facts: incident.facts as Record<string, unknown> | null,
  });
}
