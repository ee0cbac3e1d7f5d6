import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { getOrganization } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  type CustomerGrantRow,
  deleteCustomerGrant,
  insertCustomerGrantIfAbsent,
  listCustomerGrantsOf,
} from '../csaf-documents.repository.ts';

type GrantDeps = Pick<Deps, 'db' | 'clock'>;

/** An organisation a manufacturer lets read its TLP:AMBER CSAF documents. */
export interface CustomerGrant {
  recipientOrganizationId: string;
  recipientOrganizationSlug: string;
  recipientOrganizationName: string;
  createdByUserId: string | null;
  createdAt: string;
}

async function toCustomerGrant(deps: Pick<Deps, 'db'>, row: CustomerGrantRow): Promise<CustomerGrant> {
  const recipient = await getOrganization(deps, row.recipientOrganizationId);
  return {
    recipientOrganizationId: row.recipientOrganizationId,
    recipientOrganizationSlug: recipient.slug,
    recipientOrganizationName: recipient.name,
    createdByUserId: row.createdByUserId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The organisations a publisher has granted its TLP:AMBER documents, oldest grant first. */
export async function listCustomerGrants(
  deps: Pick<Deps, 'db'>,
  publisherOrganizationId: string,
): Promise<CustomerGrant[]> {
  const rows = await listCustomerGrantsOf(deps.db, publisherOrganizationId);
  return Promise.all(rows.map((row) => toCustomerGrant(deps, row)));
}

/**
 * Lets the organisation with this slug read the publisher's TLP:AMBER documents (audited). Throws
 * `not_found` for an unknown slug, `invalid` for the publisher itself (it always reads its own), and
 * `conflict` when the grant exists.
 */
export async function grantCustomerAccess(
  deps: GrantDeps,
  actor: Actor,
  publisherOrganizationId: string,
  input: { recipientOrganizationSlug: string },
): Promise<CustomerGrant> {
  const recipient = await getOrganization(deps, input.recipientOrganizationSlug);
  if (recipient.id === publisherOrganizationId)
    throw new DomainError('invalid', 'An organisation always reads its own TLP:AMBER documents.');
  const row: CustomerGrantRow = {
    publisherOrganizationId,
    recipientOrganizationId: recipient.id,
    createdByUserId: actor.kind === 'user' ? actor.userId : null,
    createdAt: deps.clock.now(),
  };
  await withTransaction(deps.db, async (tx) => {
    if (!(await insertCustomerGrantIfAbsent(tx, row)))
      throw new DomainError('conflict', `${recipient.slug} already has access to TLP:AMBER documents.`);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'disclosures.customer-grant-created',
      organizationId: publisherOrganizationId,
      entityType: 'customer-grant',
      entityId: recipient.id,
      after: { recipientOrganizationId: recipient.id, recipientOrganizationSlug: recipient.slug },
    });
  });
  return toCustomerGrant(deps, row);
}

/** Ends a grant (audited); throws `not_found` when there is none. */
export async function revokeCustomerGrant(
  deps: GrantDeps,
  actor: Actor,
  publisherOrganizationId: string,
  recipientOrganizationId: string,
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const deleted = await deleteCustomerGrant(tx, publisherOrganizationId, recipientOrganizationId);
    if (!deleted) throw new DomainError('not_found', 'This organisation has no access grant.');
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'disclosures.customer-grant-revoked',
      organizationId: publisherOrganizationId,
      entityType: 'customer-grant',
      entityId: recipientOrganizationId,
      before: { recipientOrganizationId },
    });
  });
}
