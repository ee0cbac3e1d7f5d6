import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { setVexStatement } from '../../vulnerabilities/index.ts';
import type { RiskAcceptanceInput, TriageInput, triageStateValues } from '../risk.contracts.ts';
import { findTriage, type TriageRow, upsertTriage } from '../risk.repository.ts';
import { dueOnOfPair, loadPair, type PairTarget } from './risk-pair.ts';

type TriageState = (typeof triageStateValues)[number];

/** The date (YYYY-MM-DD, UTC) of an instant. */
export const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** A pair's triage as the API shows it; a pair never triaged is 'new'. The due date is the worklist's. */
export function toTriageView(row: TriageRow | null, now: Date, dueOn: string | null = null) {
  return {
    state: (row?.state ?? 'new') as TriageState,
    justification: (row?.justification ?? null) as TriageInput['justification'],
    note: row?.note ?? null,
    acceptance:
      row?.acceptedUntil && row.acceptanceReason
        ? {
            until: row.acceptedUntil,
            reason: row.acceptanceReason,
            compensatingControls: row.compensatingControls ?? [],
            active: row.acceptedUntil >= dayOf(now),
          }
        : null,
    dueOn,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

function emptyRow(organizationId: string, versionId: string, vulnerabilityId: string, now: Date): TriageRow {
  return {
    organizationId,
    productVersionId: versionId,
    vulnerabilityId,
    state: 'new',
    justification: null,
    note: null,
    acceptedUntil: null,
    acceptanceReason: null,
    compensatingControls: null,
    acceptedByUserId: null,
    updatedByUserId: null,
    updatedAt: now,
  };
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * Moves a pair to a triage state (audited). `not_affected` needs a VEX justification and records the
 * matching VEX statement (source 'triage'), so exports and the findings view agree with the triage;
 * leaving not_affected turns a statement the triage made back to under_investigation.
 */
export async function setTriage(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: PairTarget,
  input: TriageInput,
) {
  if (input.state === 'not_affected' && !input.justification)
    throw new DomainError('invalid', 'not_affected needs a VEX justification.', {
      errors: [{ path: 'justification', message: 'required when the state is not_affected' }],
    });
  if (input.state !== 'not_affected' && input.justification)
    throw new DomainError('invalid', 'A justification belongs to the not_affected state only.', {
      errors: [{ path: 'justification', message: 'only for not_affected' }],
    });
  const pair = await loadPair(deps, target);
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const before = await findTriage(tx, pair.version.id, pair.vulnerability.id);
    const row: TriageRow = {
      ...(before ?? emptyRow(target.organizationId, pair.version.id, pair.vulnerability.id, now)),
      state: input.state,
      justification: input.justification,
      note: input.note,
      updatedByUserId: userIdOf(actor),
      updatedAt: now,
    };
    await upsertTriage(tx, row);
    const vexTarget = {
      organizationId: target.organizationId,
      productId: target.productId,
      versionId: pair.version.id,
    };
    const txDeps = joinTransaction(deps, tx);
    if (input.state === 'not_affected') {
      await setVexStatement(
        txDeps,
        actor,
        vexTarget,
        pair.vulnerability.displayId,
        {
          status: 'not_affected',
          justification: input.justification,
          impactStatement: input.note,
          actionStatement: null,
        },
        'triage',
      );
    } else if (before?.state === 'not_affected') {
      await setVexStatement(
        txDeps,
        actor,
        vexTarget,
        pair.vulnerability.displayId,
        { status: 'under_investigation', justification: null, impactStatement: null, actionStatement: null },
        'triage',
      );
    }
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_triage.set',
      organizationId: target.organizationId,
      entityType: 'risk_triage',
      entityId: `${pair.version.id}:${pair.vulnerability.id}`,
      before: before ? { state: before.state, justification: before.justification, note: before.note } : null,
      after: {
        state: row.state,
        justification: row.justification,
        note: row.note,
        vulnerability: pair.vulnerability.displayId,
      },
    });
    return toTriageView(row, now, await dueOnOfPair(joinTransaction(deps, tx), target.organizationId, pair));
  });
}

/** Accepts the risk of a pair until a date, for a reason, relying on compensating controls (audited). */
export async function setRiskAcceptance(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: PairTarget,
  input: RiskAcceptanceInput,
) {
  const now = deps.clock.now();
  if (input.until < dayOf(now))
    throw new DomainError('invalid', 'A risk acceptance must end today or later.', {
      errors: [{ path: 'until', message: 'must not lie in the past' }],
    });
  const pair = await loadPair(deps, target);
  return withTransaction(deps.db, async (tx) => {
    const before = await findTriage(tx, pair.version.id, pair.vulnerability.id);
    const row: TriageRow = {
      ...(before ?? emptyRow(target.organizationId, pair.version.id, pair.vulnerability.id, now)),
      acceptedUntil: input.until,
      acceptanceReason: input.reason,
      compensatingControls: input.compensatingControls,
      acceptedByUserId: userIdOf(actor),
      updatedByUserId: userIdOf(actor),
      updatedAt: now,
    };
    await upsertTriage(tx, row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_acceptance.set',
      organizationId: target.organizationId,
      entityType: 'risk_triage',
      entityId: `${pair.version.id}:${pair.vulnerability.id}`,
      before: toTriageView(before, now).acceptance,
      after: { ...toTriageView(row, now).acceptance, vulnerability: pair.vulnerability.displayId },
    });
    return toTriageView(row, now, await dueOnOfPair(joinTransaction(deps, tx), target.organizationId, pair));
  });
}

export async function removeRiskAcceptance(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: PairTarget,
) {
  const pair = await loadPair(deps, target);
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const before = await findTriage(tx, pair.version.id, pair.vulnerability.id);
    if (!before?.acceptedUntil) throw new DomainError('not_found', 'The risk of this pair is not accepted.');
    const row: TriageRow = {
      ...before,
      acceptedUntil: null,
      acceptanceReason: null,
      compensatingControls: null,
      acceptedByUserId: null,
      updatedByUserId: userIdOf(actor),
      updatedAt: now,
    };
    await upsertTriage(tx, row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_acceptance.removed',
      organizationId: target.organizationId,
      entityType: 'risk_triage',
      entityId: `${pair.version.id}:${pair.vulnerability.id}`,
      before: toTriageView(before, now).acceptance,
      after: null,
    });
    return toTriageView(row, now, await dueOnOfPair(joinTransaction(deps, tx), target.organizationId, pair));
  });
}
