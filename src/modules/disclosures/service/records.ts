import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { PageQuery } from '../../../shared/contract-helpers.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../../shared/pagination.ts';
import { getOrganization } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { assertOwnProducts, describeVersionsForDisclosure } from '../../devices/index.ts';
import { getIncident, incidentDisclosurePrefill } from '../../incidents/index.ts';
import {
  type Disclosure,
  type DisclosureContent,
  DisclosureContentSchema,
  type DraftDisclosureInputRaw,
  DraftDisclosureInputSchema,
  type UpdateDisclosureInput,
} from '../disclosures.contracts.ts';
import {
  countDisclosuresInYear,
  type DisclosureRow,
  findDisclosure,
  findDisclosureForUpdate,
  insertDisclosure,
  listDisclosuresPage,
  trackingIdTaken,
  updateDisclosure as updateDisclosureRow,
} from '../disclosures.repository.ts';
import { assertCanApprove, assertCanEdit, revisionAfterEdit } from '../domain/disclosure-workflow.ts';
import { referencedVersionIds } from '../domain/referenced-versions.ts';

export type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

export function contentOf(row: DisclosureRow): DisclosureContent {
  // Stored content was validated on the way in; parsing again fills defaults added since.
  return DisclosureContentSchema.parse(row.content ?? {});
}

export function toDisclosure(row: DisclosureRow): Disclosure {
  return {
    id: row.id,
    organizationId: row.organizationId,
    incidentId: row.incidentId,
    kind: row.kind as Disclosure['kind'],
    trackingId: row.trackingId,
    title: row.title,
    summary: row.summary,
    body: row.body,
    severity: row.severity as Disclosure['severity'],
    tlp: row.tlp as Disclosure['tlp'],
    productIds: row.productIds,
    productVersionIds: row.productVersionIds,
    content: contentOf(row),
    embargoUntil: row.embargoUntil?.toISOString() ?? null,
    status: row.status as Disclosure['status'],
    revision: row.revision,
    publishedRevision: row.publishedRevision,
    revisionSummary: row.revisionSummary,
    authorUserId: row.authorUserId,
    approvedByUserId: row.approvedByUserId,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** Every product version a record refers to must be one of the organisation's. */
async function assertOwnVersions(deps: ServiceDeps, organizationId: string, versionIds: string[]) {
  const unique = [...new Set(versionIds)];
  const found = await describeVersionsForDisclosure(deps, organizationId, unique);
  const own = new Set(found.map((v) => v.productVersionId));
  const unknown = unique.filter((id) => !own.has(id));
  if (unknown.length > 0) {
    throw new DomainError('invalid', `Unknown product versions: ${unknown.join(', ')}.`);
  }
  return found;
}

/**
 * The products a record names: those chosen plus the products of every version it refers to, so that
 * the public "product" filter finds a record by any version's product.
 */
async function checkedProductsAndVersions(
  deps: ServiceDeps,
  organizationId: string,
  productIds: string[],
  productVersionIds: string[],
  content: DisclosureContent,
) {
  await assertOwnProducts(deps, organizationId, productIds);
  const versions = await assertOwnVersions(deps, organizationId, [
    ...productVersionIds,
    ...referencedVersionIds(content),
  ]);
  return {
    productIds: [...new Set([...productIds, ...versions.map((v) => v.productId)])],
    productVersionIds: [...new Set(productVersionIds)],
  };
}

/** `<SLUG>-<YYYY>-<NNNN>`: readable, and unique in the installation because slugs are. */
async function nextTrackingId(deps: ServiceDeps, organizationId: string, now: Date) {
  const organization = await getOrganization(deps, organizationId);
  const year = now.getUTCFullYear();
  let n = (await countDisclosuresInYear(deps.db, organizationId, year)) + 1;
  for (;;) {
    const candidate = `${organization.slug.toUpperCase()}-${year}-${String(n).padStart(4, '0')}`;
    if (!(await trackingIdTaken(deps.db, candidate))) return candidate;
    n++;
  }
}

/** Drafts a disclosure, optionally for one of the organisation's incidents and about its products. */
export async function draftDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  raw: DraftDisclosureInputRaw,
): Promise<Disclosure> {
  const parsed = DraftDisclosureInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('invalid', 'The disclosure is not valid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const input = parsed.data;
  if (input.incidentId) await getIncident(deps, organizationId, input.incidentId);
  const products = await checkedProductsAndVersions(
    deps,
    organizationId,
    input.productIds,
    input.productVersionIds,
    input.content,
  );
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const row: DisclosureRow = {
      id: newId(),
      organizationId,
      incidentId: input.incidentId,
      kind: input.kind,
      trackingId: await nextTrackingId(joinTransaction(deps, tx), organizationId, now),
      title: input.title,
      summary: input.summary,
      body: input.body,
      severity: input.severity,
      tlp: input.tlp,
      ...products,
      content: input.content,
      embargoUntil: input.embargoUntil ? new Date(input.embargoUntil) : null,
      status: 'draft',
      revision: 1,
      publishedRevision: 0,
      revisionSummary: input.revisionSummary,
      authorUserId: userIdOf(actor),
      approvedByUserId: null,
      approvedAt: null,
      publishedByUserId: null,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
    };
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
  return draftDisclosure(deps, actor, organizationId, {
    incidentId,
    kind: 'incident_notice',
    ...prefill,
    // The incident account starts empty (the body holds the pre-filled text): the editor asks for each part.
    content: { incident: {} },
  });
}

/**
 * Edits a record; an edit withdraws any approval (the text approved changed). On a published record
 * the edit starts its next revision: a draft the public does not see until it is approved and published.
 * The author of the pending revision is whoever edits it last, so a second person must approve.
 */
export async function updateDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  input: UpdateDisclosureInput,
): Promise<Disclosure> {
  const current = await findDisclosure(deps.db, organizationId, disclosureId);
  if (!current) throw new DomainError('not_found', 'No such disclosure.');
  const products = await checkedProductsAndVersions(
    deps,
    organizationId,
    input.productIds ?? current.productIds,
    input.productVersionIds ?? current.productVersionIds,
    input.content ?? contentOf(current),
  );
  return changeDisclosure(deps, actor, organizationId, disclosureId, 'disclosure.edited', (row) => {
    assertCanEdit(row);
    // The audience of a published record is settled: narrowing it would take a public, logged
    // record off the portal without a withdrawal, widening it would publish customer material.
    if ((row.publishedRevision ?? 0) > 0 && input.tlp !== undefined && input.tlp !== row.tlp)
      throw new DomainError(
        'precondition_failed',
        `A published disclosure keeps its audience (TLP:${row.tlp}); withdraw it and publish a new one instead.`,
      );
    const startsRevision = row.status === 'published';
    return {
      ...row,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      embargoUntil:
        input.embargoUntil === undefined
          ? row.embargoUntil
          : input.embargoUntil
            ? new Date(input.embargoUntil)
            : null,
      revisionSummary: input.revisionSummary ?? (startsRevision ? '' : row.revisionSummary),
      ...products,
      status: 'draft',
      revision: revisionAfterEdit(row),
      authorUserId: userIdOf(actor) ?? row.authorUserId,
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

export async function changeDisclosure(
  deps: ServiceDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  action: string,
  change: (row: DisclosureRow) => DisclosureRow | Promise<DisclosureRow>,
): Promise<Disclosure> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findDisclosureForUpdate(tx, organizationId, disclosureId);
    if (!before) throw new DomainError('not_found', 'No such disclosure.');
    const after = await change(before);
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

export async function getDisclosureRow(deps: Pick<Deps, 'db'>, organizationId: string, disclosureId: string) {
  const row = await findDisclosure(deps.db, organizationId, disclosureId);
  if (!row) throw new DomainError('not_found', 'No such disclosure.');
  return row;
}

export async function getDisclosure(deps: Pick<Deps, 'db'>, organizationId: string, disclosureId: string) {
  return toDisclosure(await getDisclosureRow(deps, organizationId, disclosureId));
}

export async function listDisclosures(deps: Pick<Deps, 'db'>, organizationId: string, page: PageQuery) {
  const rows = await listDisclosuresPage(deps.db, organizationId, decodeCursor(page.cursor), page.limit + 1);
  return pageFrom(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }), toDisclosure);
}
