import { eq } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import { defineJob, type JobSignal } from '../../../platform/jobs/job-queue.ts';
import { listMembers } from '../../accounts/index.ts';
import { composeNoticeEmail } from '../domain/notice-email.ts';
import { vulnerabilitiesNotifications } from '../vulnerabilities.tables.ts';
import { loadVulnerabilitySettings } from './settings.ts';

export const emailDelivery: JobSignal<{ notificationId: string }> = {
  name: 'vulnerabilities.deliver-email',
  payloadSchema: z.object({ notificationId: z.uuid() }),
};

export type EmailNoticeOutcome = { sent: true; status: string } | { sent: false; skipped: string };

/** The error of a failed attempt as kept on the notice: one line, bounded; SMTP answers carry no secrets. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `error: ${text.replace(/\s+/g, ' ').trim()}`.slice(0, 500);
}

/**
 * E-mails one notice to the addresses its organisation set, through CANDOR_SMTP_URL: one plain-text
 * message to all of them, saying what changed and linking to the console (see composeNoticeEmail).
 * Skipped when e-mail is off, the organisation has no address, or the notice went out already. Each
 * attempt is recorded on the notice (`emailStatus`; `emailedAt` once sent); throws when the SMTP
 * server refuses or cannot be reached, so the queue retries.
 */
export async function emailNotice(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  notificationId: string,
): Promise<EmailNoticeOutcome> {
  const smtpUrl = deps.config.smtpUrl;
  if (!smtpUrl) return { sent: false, skipped: 'CANDOR_SMTP_URL is not set' };
  const [notice] = await deps.db
    .select()
    .from(vulnerabilitiesNotifications)
    .where(eq(vulnerabilitiesNotifications.id, notificationId));
  if (!notice) return { sent: false, skipped: 'notification gone' };
  if (notice.emailedAt) return { sent: false, skipped: 'already e-mailed' };
  const settings = (await loadVulnerabilitySettings(deps.db, [notice.organizationId])).get(
    notice.organizationId,
  );
  const escalate = (notice.payload as { escalateToAdmins?: unknown } | null)?.escalateToAdmins === true;
  const admins = escalate
    ? (await listMembers(deps, notice.organizationId))
        .filter((m) => m.role === 'admin')
        .map((m) => m.user.email)
    : [];
  const recipients = [...new Set([...(settings?.notificationEmails ?? []), ...admins])];
  if (recipients.length === 0) return { sent: false, skipped: 'no notification e-mail addresses' };

  const mail = composeNoticeEmail(notice, deps.config.publicUrl);
  let status: string;
  try {
    const transport = createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    try {
      const info = await transport.sendMail({
        from: deps.config.mailFrom,
        to: recipients,
        subject: mail.subject,
        text: mail.text,
      });
      // Some recipients refused, others took it: sent (a retry would repeat it to the others).
      const refused = info.rejected.map(String);
      status = refused.length > 0 ? `sent; refused: ${refused.join(', ')}`.slice(0, 500) : 'sent';
    } finally {
      transport.close();
    }
  } catch (error) {
    status = describeFailure(error);
  }
  const sent = status.startsWith('sent');
  await deps.db
    .update(vulnerabilitiesNotifications)
    .set({ emailStatus: status, ...(sent ? { emailedAt: deps.clock.now() } : {}) })
    .where(eq(vulnerabilitiesNotifications.id, notice.id));
  if (!sent) throw new Error(`e-mail delivery failed: ${status}`);
  return { sent: true, status };
}

export function deliverEmailJob(deps: Pick<Deps, 'db' | 'clock' | 'config'>) {
  return defineJob({
    ...emailDelivery,
    handler: (payload) => emailNotice(deps, payload.notificationId),
  });
}
