import { inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.ts';
import { vulnerabilitiesWebhooks } from '../vulnerabilities.tables.ts';
import { emailDelivery } from './email-notices.ts';
import { loadVulnerabilitySettings } from './settings.ts';
import { webhookDelivery } from './webhooks.ts';

/** A notice just stored in the in-app inbox of an organisation. */
export interface StoredNotice {
  id: string;
  organizationId: string;
  /** E-mail the organisation's admins too: sent whenever e-mail is on, even with no address list. */
  escalateToAdmins?: boolean;
}

/**
 * Queues the outside deliveries of new notices: a signed webhook POST for organisations that set a
 * webhook, and an e-mail for organisations that set addresses when this installation sends e-mail
 * (CANDOR_SMTP_URL). One query per channel for all the notices' organisations, whatever their number.
 */
export async function enqueueNoticeDeliveries(
  deps: Pick<Deps, 'db'> & Partial<Pick<Deps, 'jobs' | 'config'>>,
  notices: StoredNotice[],
): Promise<void> {
  const jobs = deps.jobs;
  if (!jobs || notices.length === 0) return;
  const organizationIds = [...new Set(notices.map((n) => n.organizationId))];
  const hooks = await deps.db
    .select({ organizationId: vulnerabilitiesWebhooks.organizationId })
    .from(vulnerabilitiesWebhooks)
    .where(inArray(vulnerabilitiesWebhooks.organizationId, organizationIds));
  const withWebhook = new Set(hooks.map((h) => h.organizationId));
  const withEmail = new Set<string>();
  if (deps.config?.smtpUrl) {
    for (const [organizationId, settings] of await loadVulnerabilitySettings(deps.db, organizationIds)) {
      if (settings.notificationEmails.length > 0) withEmail.add(organizationId);
    }
  }
  for (const notice of notices) {
    if (withWebhook.has(notice.organizationId))
      await jobs.enqueue(webhookDelivery, { notificationId: notice.id });
    if (withEmail.has(notice.organizationId) || (notice.escalateToAdmins && deps.config?.smtpUrl))
      await jobs.enqueue(emailDelivery, { notificationId: notice.id });
  }
}
