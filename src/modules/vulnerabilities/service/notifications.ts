import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { listNotifications, markNotificationRead } from '../vulnerabilities.repository.ts';

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
