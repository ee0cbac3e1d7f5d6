import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { PageQuery } from '../../../shared/contract-helpers.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../../shared/pagination.ts';
import { listMembers, userNamesById } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { assertOwnProducts, describeProductVersions } from '../../devices/index.ts';
import { loadVulnerabilities, resolveVulnerability } from '../../vulnerabilities/index.ts';
import type { CreateIncidentInput, Incident, UpdateIncidentInput } from '../incidents.contracts.ts';
import {
  findIncident,
  type IncidentRow,
  insertIncident,
  insertTimelineEntry,
  listIncidentsPage,
  updateIncidentRow,
} from '../incidents.repository.ts';

type ReadDeps = Pick<Deps, 'db'>;

async function toIncidents(deps: ReadDeps, rows: IncidentRow[]): Promise<Incident[]> {
  const owners = await userNamesById(
    deps,
    rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])),
  );
  const vulnerabilities = await loadVulnerabilities(
    deps,
    rows.flatMap((r) => r.vulnerabilityIds),
  );
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organizationId,
    title: row.title,
    description: row.description,
    kind: row.kind as Incident['kind'],
    status: row.status as Incident['status'],
    owner: row.ownerUserId ? { id: row.ownerUserId, name: owners.get(row.ownerUserId) ?? '' } : null,
    productIds: row.productIds,
    productVersionIds: row.productVersionIds,
    vulnerabilities: row.vulnerabilityIds.map((id) => ({
      id,
      displayId: vulnerabilities.get(id)?.displayId ?? id,
    })),
    detectedAt: row.detectedAt.toISOString(),
    factsRevision: row.factsRevision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function toIncident(deps: ReadDeps, row: IncidentRow): Promise<Incident> {
  return (await toIncidents(deps, [row]))[0] as Incident;
}

/** The owner must be a member of the organisation. */
async function assertMember(deps: ReadDeps, organizationId: string, userId: string | null | undefined) {
  if (!userId) return;
  const members = await listMembers(deps, organizationId);
  if (!members.some((m) => m.user.id === userId))
    throw new DomainError('invalid', 'The owner must be a member of the organisation.', {
      errors: [{ path: 'ownerUserId', message: 'not a member of this organisation' }],
    });
}

/** Product versions of the organisation's own products, and the products they belong to. */
async function checkVersions(deps: ReadDeps, organizationId: string, versionIds: string[]) {
  const unique = [...new Set(versionIds)];
  const described = await describeProductVersions(deps, organizationId, unique);
  const unknown = unique.filter((id) => !described.has(id));
  if (unknown.length > 0)
    throw new DomainError('invalid', 'Some product versions are not the organisation’s own.', {
      errors: [{ path: 'productVersionIds', message: `unknown versions: ${unknown.join(', ')}` }],
    });
  return { versionIds: unique, productIds: [...described.values()].map((d) => d.productId) };
}

/** Vulnerabilities by any id; one the store has not seen yet gets a placeholder (a fresh CVE). */
async function resolveVulnerabilities(deps: Pick<Deps, 'db' | 'clock'>, refs: string[]) {
  const ids: string[] = [];
  for (const ref of refs) {
    const row = await resolveVulnerability(deps, ref, true);
    if (row && !ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}

/**
 * Records an incident. Detection cannot lie in the future (clocks for mandatory reports start there);
 * products and versions must be the organisation's own; the owner one of its members.
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
    throw new DomainError('invalid', 'detectedAt lies in the future.', {
      errors: [{ path: 'detectedAt', message: 'lies in the future' }],
    });
  }
  await assertOwnProducts(deps, organizationId, input.productIds);
  const versions = await checkVersions(deps, organizationId, input.productVersionIds);
  await assertMember(deps, organizationId, input.ownerUserId);
  const vulnerabilityIds = await resolveVulnerabilities(deps, input.vulnerabilities);
  return withTransaction(deps.db, async (tx) => {
    const row: IncidentRow = {
      id: newId(),
      organizationId,
      title: input.title,
      description: input.description,
      kind: input.kind,
      status: 'triage',
      ownerUserId: input.ownerUserId ?? (actor.kind === 'user' ? actor.userId : null),
      productIds: [...new Set([...input.productIds, ...versions.productIds])],
      productVersionIds: versions.versionIds,
      vulnerabilityIds,
      detectedAt,
      facts: null,
      factsRevision: 0,
      createdByUserId: actor.kind === 'user' ? actor.userId : null,
      createdAt: now,
      updatedAt: now,
    };
    await insertIncident(tx, row);
    await insertTimelineEntry(tx, {
      id: newId(),
      incidentId: row.id,
      organizationId,
      at: detectedAt,
      kind: 'detected',
      text: `Incident detected: ${input.title}`,
      createdByUserId: row.createdByUserId,
      createdAt: now,
    });
    const incident = await toIncident(joinTransaction(deps, tx), row);
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

/** Changes the fields sent (audited; a status change is also a timeline entry). */
export async function updateIncident(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<Incident> {
  if (input.productIds) await assertOwnProducts(deps, organizationId, input.productIds);
  const versions = input.productVersionIds
    ? await checkVersions(deps, organizationId, input.productVersionIds)
    : null;
  if (input.ownerUserId !== undefined) await assertMember(deps, organizationId, input.ownerUserId);
  const vulnerabilityIds = input.vulnerabilities
    ? await resolveVulnerabilities(deps, input.vulnerabilities)
    : null;
  return withTransaction(deps.db, async (tx) => {
    const before = await findIncident(tx, organizationId, incidentId, { forUpdate: true });
    if (!before) throw new DomainError('not_found', 'No such incident.');
    const now = deps.clock.now();
    const row: IncidentRow = {
      ...before,
      title: input.title ?? before.title,
      description: input.description ?? before.description,
      kind: input.kind ?? before.kind,
      status: input.status ?? before.status,
      ownerUserId: input.ownerUserId === undefined ? before.ownerUserId : input.ownerUserId,
      productIds: [...new Set([...(input.productIds ?? before.productIds), ...(versions?.productIds ?? [])])],
      productVersionIds: versions?.versionIds ?? before.productVersionIds,
      vulnerabilityIds: vulnerabilityIds ?? before.vulnerabilityIds,
      updatedAt: now,
    };
    await updateIncidentRow(tx, row);
    if (row.status !== before.status) {
      await insertTimelineEntry(tx, {
        id: newId(),
        incidentId,
        organizationId,
        at: now,
        kind: 'status',
        text: `Status: ${before.status} → ${row.status}`,
        createdByUserId: actor.kind === 'user' ? actor.userId : null,
        createdAt: now,
      });
    }
    const txDeps = joinTransaction(deps, tx);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'incident.updated',
      organizationId,
      entityType: 'incident',
      entityId: incidentId,
      before: await toIncident(txDeps, before),
      after: await toIncident(txDeps, row),
    });
    return toIncident(txDeps, row);
  });
}

export async function getIncidentRow(deps: ReadDeps, organizationId: string, incidentId: string) {
  const row = await findIncident(deps.db, organizationId, incidentId);
  if (!row) throw new DomainError('not_found', 'No such incident.');
  return row;
}

export async function getIncident(
  deps: ReadDeps,
  organizationId: string,
  incidentId: string,
): Promise<Incident> {
  return toIncident(deps, await getIncidentRow(deps, organizationId, incidentId));
}

export async function listIncidents(deps: ReadDeps, organizationId: string, page: PageQuery) {
  const rows = await listIncidentsPage(deps.db, organizationId, decodeCursor(page.cursor), page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const incidents = new Map((await toIncidents(deps, shown)).map((i) => [i.id, i]));
  return pageFrom(
    rows,
    page.limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => incidents.get(r.id) as Incident,
  );
}
