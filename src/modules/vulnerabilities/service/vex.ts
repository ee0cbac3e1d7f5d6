import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { getProductVersion } from '../../devices/index.ts';
import type { SetVexInput } from '../vulnerabilities.contracts.ts';
import {
  findVulnerabilitiesSharingIds,
  insertVulnerability,
  listVexOfVersion,
  upsertVexStatement,
  type VexStatementRow,
  type VulnerabilityRow,
} from '../vulnerabilities.repository.ts';
import { loadVulnerabilities } from './findings.ts';

type Target = { organizationId: string; productId: string; versionId: string };

/**
 * The vulnerability an id names; a VEX statement may be made about one the store has not seen yet
 * (a researcher's CVE before the feeds have it): then a placeholder row is created for it.
 */
export async function resolveVulnerability(
  deps: Pick<Deps, 'db' | 'clock'>,
  reference: string,
  createIfMissing: boolean,
): Promise<VulnerabilityRow | null> {
  const id = /^(cve|ghsa)-/i.test(reference) ? reference.toUpperCase().replace(/^GHSA/, 'GHSA') : reference;
  const [found] = await findVulnerabilitiesSharingIds(deps.db, [...new Set([reference, id])]);
  if (found || !createIfMissing) return found ?? null;
  const row: VulnerabilityRow = {
    id: newId(),
    displayId: id,
    ids: [id],
    summary: null,
    cvssScore: null,
    cvssVector: null,
    published: null,
    modified: deps.clock.now(),
    withdrawn: null,
  };
  await insertVulnerability(deps.db, row);
  return row;
}

export function toVexView(row: VexStatementRow) {
  return {
    status: row.status as SetVexInput['status'],
    justification: row.justification as SetVexInput['justification'],
    impactStatement: row.impactStatement,
    actionStatement: row.actionStatement,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Records what the manufacturer states about one vulnerability in one product version (audited). */
export async function setVexStatement(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: Target,
  vulnerabilityRef: string,
  input: SetVexInput,
  source = 'manual',
) {
  await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const vulnerability = await resolveVulnerability(deps, vulnerabilityRef, true);
  if (!vulnerability) throw new DomainError('not_found', `No vulnerability ${vulnerabilityRef}.`);
  return withTransaction(deps.db, async (tx) => {
    const before = (await listVexOfVersion(tx, target.versionId)).find(
      (v) => v.vulnerabilityId === vulnerability.id,
    );
    const row: VexStatementRow = {
      id: before?.id ?? newId(),
      organizationId: target.organizationId,
      productVersionId: target.versionId,
      vulnerabilityId: vulnerability.id,
      status: input.status,
      justification: input.justification,
      impactStatement: input.impactStatement,
      actionStatement: input.actionStatement,
      source,
      updatedByUserId: actor.kind === 'user' ? actor.userId : null,
      updatedAt: deps.clock.now(),
    };
    await upsertVexStatement(tx, row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'vex_statement.set',
      organizationId: target.organizationId,
      entityType: 'vex_statement',
      entityId: `${target.versionId}:${vulnerability.id}`,
      before: before ? toVexView(before) : null,
      after: { ...toVexView(row), vulnerability: vulnerability.displayId },
    });
    return { vulnerability: vulnerability.displayId, ...toVexView(row) };
  });
}

/** A version's VEX statements with the vulnerabilities they are about. */
export async function listVexStatements(deps: Pick<Deps, 'db'>, target: Target) {
  await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const rows = await listVexOfVersion(deps.db, target.versionId);
  const vulnerabilities = await loadVulnerabilities(
    deps,
    rows.map((r) => r.vulnerabilityId),
  );
  return rows
    .map((row) => ({
      vulnerability: vulnerabilities.get(row.vulnerabilityId)?.displayId ?? row.vulnerabilityId,
      ...toVexView(row),
    }))
    .sort((a, b) => a.vulnerability.localeCompare(b.vulnerability));
}
