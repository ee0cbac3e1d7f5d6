import { joinTransaction, withTransaction } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PageQuery } from '../../shared/contract-helpers.ts';
import { DomainError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { decodeCursor, encodeCursor, pageFrom } from '../../shared/pagination.ts';
import { getOrganization } from '../accounts/index.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { assertOwnProducts, productNamesById } from '../devices/index.ts';
import { getIncident, incidentDisclosurePrefill } from '../incidents/index.ts';
import { appendPublication } from '../translog/index.ts';
import type {
  Disclosure,
  DraftDisclosureInput,
  PublicDisclosure,
  UpdateDisclosureInput,
} from './disclosures.contracts.ts';
import {
  type DisclosureRow,
  findDisclosure,
  findDisclosureForUpdate,
  findPublishedDisclosure,
  insertDisclosure,
  listDisclosuresPage,
  listPublishedDisclosuresPage,
  updateDisclosure as updateDisclosureRow,
} from './disclosures.repository.ts';
import { assertCanApprove, assertCanEdit, assertCanPublish } from './domain/disclosure-workflow.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

function toDisclosure(row: DisclosureRow): Disclosure {
  return {
    id: row.id,
    organizationId: row.organizationId,
    incidentId: row.incidentId,
    title: row.title,
    summary: row.summary,
    body: row.body,
    severity: row.severity as Disclosure['severity'],
    productIds: row.productIds,
    status: row.status as Disclosure['status'],
    revision: row.revision,
    authorUserId: row.authorUserId,
    approvedByUserId: row.approvedByUserId,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** Drafts a disclosure, optionally for one of the organisation's incidents and about its products. */
export async function draftDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  input: DraftDisclosureInput,
): Promise<Disclosure> {
  if (input.incidentId) await getIncident(deps, organizationId, input.incidentId);
  await assertOwnProducts(deps, organizationId, input.productIds);
  const now = deps.clock.now();
  const row: DisclosureRow = {
    id: newId(),
    organizationId,
    incidentId: input.incidentId,
    title: input.title,
    summary: input.summary,
    body: input.body,
    severity: input.severity,
    productIds: [...new Set(input.productIds)],
    status: 'draft',
    revision: 1,
    authorUserId: userIdOf(actor),
    approvedByUserId: null,
    approvedAt: null,
    publishedByUserId: null,
    publishedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return withTransaction(deps.db, async (tx) => {
    await insertDisclosure(tx, row);
    const disclosure = toDisclosure(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'disclosure.drafted',
      organizationId,
      entityType: 'disclosure',
      entityId: row.id,
      after: disclosure,
    });
    return disclosure;
  });
}

/**
 * Starts the public disclosure of an incident: a draft pre-filled from the incident's record and facts
 * (an incident notice), linked to it. Publication still goes through the four-eyes approval.
 */
export async function draftDisclosureFromIncident(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  incidentId: string,
): Promise<Disclosure> {
  const prefill = await incidentDisclosurePrefill(deps, organizationId, incidentId);
  return draftDisclosure(deps, actor, organizationId, { incidentId, ...prefill });
}

/** Edits a draft or approved disclosure; an edit withdraws any approval (the text approved changed). */
export async function updateDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  input: UpdateDisclosureInput,
): Promise<Disclosure> {
  if (input.productIds) await assertOwnProducts(deps, organizationId, input.productIds);
  return changeDisclosure(deps, actor, organizationId, disclosureId, 'disclosure.edited', (row) => {
    assertCanEdit(row);
    return {
      ...row,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      productIds: input.productIds ? [...new Set(input.productIds)] : row.productIds,
      status: 'draft',
      approvedByUserId: null,
      approvedAt: null,
      updatedAt: deps.clock.now(),
    };
  });
}

/** Approves a draft; throws `forbidden` when the approver is its author (four eyes). */
export async function approveDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
) {
  return changeDisclosure(deps, actor, organizationId, disclosureId, 'disclosure.approved', (row) => {
    assertCanApprove(row, userIdOf(actor));
    const now = deps.clock.now();
    return { ...row, status: 'approved', approvedByUserId: userIdOf(actor), approvedAt: now, updatedAt: now };
  });
}

/**
 * Publishes an approved disclosure: from now on it is on the public pages and API, and its public record
 * is an entry of the transparency log, appended in the same transaction (published if and only if logged).
 */
export async function publishDisclosure(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
) {
  return withTransaction(deps.db, async (tx) => {
    const inTransaction = joinTransaction(deps, tx);
    const published = await changeDisclosure(
      inTransaction,
      actor,
      organizationId,
      disclosureId,
      'disclosure.published',
      (row) => {
        assertCanPublish(row);
        const now = deps.clock.now();
        return {
          ...row,
          status: 'published',
          publishedByUserId: userIdOf(actor),
          publishedAt: now,
          updatedAt: now,
        };
      },
    );
    await appendPublication(inTransaction, {
      recordType: 'disclosure',
      organizationId,
      record: await getPublicDisclosure(inTransaction, disclosureId),
    });
    return published;
  });
}

async function changeDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  action: string,
  change: (row: DisclosureRow) => DisclosureRow,
): Promise<Disclosure> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findDisclosureForUpdate(tx, organizationId, disclosureId);
    if (!before) throw new DomainError('not_found', 'No such disclosure.');
    const after = change(before);
    await updateDisclosureRow(tx, after);
    const disclosure = toDisclosure(after);
    await recordAuditEvent(tx, deps.clock, actor, {
      action,
      organizationId,
      entityType: 'disclosure',
      entityId: disclosureId,
      before: toDisclosure(before),
      after: disclosure,
    });
    return disclosure;
  });
}

export async function getDisclosure(deps: Pick<Deps, 'db'>, organizationId: string, disclosureId: string) {
  const row = await findDisclosure(deps.db, organizationId, disclosureId);
  if (!row) throw new DomainError('not_found', 'No such disclosure.');
  return toDisclosure(row);
}

export async function listDisclosures(deps: Pick<Deps, 'db'>, organizationId: string, page: PageQuery) {
  const rows = await listDisclosuresPage(deps.db, organizationId, decodeCursor(page.cursor), page.limit + 1);
  return pageFrom(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }), toDisclosure);
}

async function toPublicDisclosures(
  deps: Pick<Deps, 'db' | 'config'>,
  rows: DisclosureRow[],
): Promise<PublicDisclosure[]> {
  const names = await productNamesById(
    deps,
    rows.flatMap((r) => r.productIds),
  );
  const publishers = new Map<string, { name: string; slug: string }>();
  for (const id of new Set(rows.map((r) => r.organizationId))) {
    const organization = await getOrganization(deps, id);
    publishers.set(id, { name: organization.name, slug: organization.slug });
  }
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    body: row.body,
    severity: row.severity as PublicDisclosure['severity'],
    publisher: publishers.get(row.organizationId) ?? { name: 'unknown', slug: 'unknown' },
    products: row.productIds.flatMap((id) => {
      const name = names.get(id);
      return name ? [{ id, name }] : [];
    }),
    revision: row.revision,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    url: `${deps.config.publicUrl}/disclosures/${row.id}`,
  }));
}

/** Published disclosures of every organisation, newest first. Drafts never leave this module. */
export async function listPublicDisclosures(deps: Pick<Deps, 'db' | 'config'>, page: PageQuery) {
  const rows = await listPublishedDisclosuresPage(deps.db, decodeCursor(page.cursor), page.limit + 1);
  const items = await toPublicDisclosures(deps, rows.slice(0, page.limit));
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return {
    items,
    nextCursor: last?.publishedAt ? encodeCursor({ at: last.publishedAt, id: last.id }) : null,
  };
}

/** One published disclosure; a draft's id answers `not_found` exactly like an unknown id. */
export async function getPublicDisclosure(deps: Pick<Deps, 'db' | 'config'>, disclosureId: string) {
  const row = await findPublishedDisclosure(deps.db, disclosureId);
  if (!row) throw new DomainError('not_found', 'No such published disclosure.');
  const [disclosure] = await toPublicDisclosures(deps, [row]);
  return disclosure as PublicDisclosure;
}
