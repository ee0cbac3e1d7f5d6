import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  insertNotifications,
  listNotifications,
  markNotificationRead,
} from '../vulnerabilities.repository.ts';
import { enqueueNoticeDeliveries } from './notice-delivery.ts';

export async function listOrganizationNotifications(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  unreadOnly: boolean,
) {
  const rows = await listNotifications(deps.db, organizationId, unreadOnly, 100);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    payload: r.payload as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
}

export async function markOrganizationNotificationRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  notificationId: string,
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    if ((await markNotificationRead(tx, organizationId, notificationId, deps.clock.now())) === 0) {
      throw new DomainError('not_found', 'No such notification.');
    }
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'notification.read',
      organizationId,
      entityType: 'notification',
      entityId: notificationId,
    });
  });
}

/** A notice another module posts to an organisation's inbox (a report due soon, overdue, …). */
export interface OrganizationNotice {
  organizationId: string;
  kind: string;
  title: string;
  payload: Record<string, unknown>;
  /** Also e-mail the organisation's admins (escalation), not only its notification list. */
  escalateToAdmins?: boolean;
}

/**
 * Stores notices in the organisations' in-app inboxes and queues their outside deliveries (webhook,
 * e-mail) like the findings notices. Returns the stored ids.
 */
export async function postOrganizationNotices(
  deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'jobs' | 'config'>>,
  notices: OrganizationNotice[],
): Promise<string[]> {
  const now = deps.clock.now();
  const rows = notices.map((n) => ({
    id: newId(),
    organizationId: n.organizationId,
    kind: n.kind,
    title: n.title,
    payload: { ...n.payload, ...(n.escalateToAdmins ? { escalateToAdmins: true } : {}) },
    createdAt: now,
    readAt: null,
    emailedAt: null,
    emailStatus: null,
  }));
  await insertNotifications(deps.db, rows);
  await enqueueNoticeDeliveries(
    deps,
    rows.map((r, i) => ({
      id: r.id,
      organizationId: r.organizationId,
      escalateToAdmins: notices[i]?.escalateToAdmins === true,
    })),
  );
  return rows.map((r) => r.id);
}
