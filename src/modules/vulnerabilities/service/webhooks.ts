import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { defineJob, type JobSignal } from '../../../platform/jobs/job-queue.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newSecret } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { checkWebhookUrl, isNonPublicAddress } from '../domain/webhook-target.ts';
import { vulnerabilitiesNotifications, vulnerabilitiesWebhooks } from '../vulnerabilities.tables.ts';

export const webhookDelivery: JobSignal<{ notificationId: string }> = {
  name: 'vulnerabilities.deliver-webhook',
  payloadSchema: z.object({ notificationId: z.uuid() }),
};

/** Sets (or replaces) the organisation's webhook; the signing secret is returned this once. */
export async function setWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  organizationId: string,
  rawUrl: string,
) {
  const url = checkWebhookUrl(rawUrl, deps.config.webhookAllowPrivate).toString();
  const secret = newSecret('whsec_');
  await withTransaction(deps.db, async (tx) => {
    const row = {
      organizationId,
      url,
      secret,
      updatedAt: deps.clock.now(),
      lastDeliveryAt: null,
      lastDeliveryStatus: null,
    };
    await tx
      .insert(vulnerabilitiesWebhooks)
      .values(row)
      .onConflictDoUpdate({ target: vulnerabilitiesWebhooks.organizationId, set: row });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'webhook.set',
      organizationId,
      entityType: 'webhook',
      entityId: organizationId,
      after: { url },
    });
  });
  return { url, secret };
}

export async function getWebhook(deps: Pick<Deps, 'db'>, organizationId: string) {
  const [row] = await deps.db
    .select()
    .from(vulnerabilitiesWebhooks)
    .where(eq(vulnerabilitiesWebhooks.organizationId, organizationId));
  return row
    ? {
        configured: true,
        url: row.url,
        lastDeliveryAt: row.lastDeliveryAt?.toISOString() ?? null,
        lastDeliveryStatus: row.lastDeliveryStatus,
      }
    : { configured: false, url: null, lastDeliveryAt: null, lastDeliveryStatus: null };
}

export async function deleteWebhook(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    await tx
      .delete(vulnerabilitiesWebhooks)
      .where(eq(vulnerabilitiesWebhooks.organizationId, organizationId));
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'webhook.deleted',
      organizationId,
      entityType: 'webhook',
      entityId: organizationId,
    });
  });
}

export async function hasWebhook(deps: Pick<Deps, 'db'>, organizationId: string): Promise<boolean> {
  const rows = await deps.db
    .select({ id: vulnerabilitiesWebhooks.organizationId })
    .from(vulnerabilitiesWebhooks)
    .where(eq(vulnerabilitiesWebhooks.organizationId, organizationId));
  return rows.length > 0;
}

/**
 * POSTs one notice to the organisation's webhook, signed `x-candor-signature: sha256=<HMAC of the body>`.
 * The host is resolved first and refused when it is not public (unless allowed), so a DNS name cannot
 * smuggle a request to internal addresses. Throws on a non-2xx answer so the queue retries.
 */
export async function deliverNotification(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  notificationId: string,
) {
  const [notice] = await deps.db
    .select()
    .from(vulnerabilitiesNotifications)
    .where(eq(vulnerabilitiesNotifications.id, notificationId));
  if (!notice) return { delivered: false, reason: 'notification gone' };
  const [hook] = await deps.db
    .select()
    .from(vulnerabilitiesWebhooks)
    .where(eq(vulnerabilitiesWebhooks.organizationId, notice.organizationId));
  if (!hook) return { delivered: false, reason: 'no webhook' };
  const url = checkWebhookUrl(hook.url, deps.config.webhookAllowPrivate);
  if (!deps.config.webhookAllowPrivate) {
    const addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true });
    if (addresses.some((a) => isNonPublicAddress(a.address)))
      throw new DomainError('forbidden', 'The webhook host resolves to a non-public address.');
  }
  const body = JSON.stringify({
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    organizationId: notice.organizationId,
    payload: notice.payload,
    createdAt: notice.createdAt.toISOString(),
  });
  const signature = createHmac('sha256', hook.secret).update(body).digest('hex');
  let status: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-candor-event': notice.kind,
        'x-candor-signature': `sha256=${signature}`,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    status = String(response.status);
  } catch (error) {
    status = `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  await deps.db
    .update(vulnerabilitiesWebhooks)
    .set({ lastDeliveryAt: deps.clock.now(), lastDeliveryStatus: status })
    .where(eq(vulnerabilitiesWebhooks.organizationId, notice.organizationId));
  if (!/^2\d\d$/.test(status)) throw new Error(`webhook delivery failed: ${status}`);
  return { delivered: true, status };
}

export function deliverWebhookJob(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  return defineJob({
    ...webhookDelivery,
    handler: (payload) => deliverNotification(deps, payload.notificationId),
  });
}
