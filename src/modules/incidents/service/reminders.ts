import { sql } from 'drizzle-orm';
import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { type OrganizationNotice, postOrganizationNotices } from '../../vulnerabilities/index.ts';
import { findIncident, listOpenObligationsDueBy } from '../incidents.repository.ts';
import type { StoredEvaluation } from './obligations.ts';

const reminderLeadMs = 24 * 3_600_000;

function hoursLeft(dueAt: Date, now: Date): string {
  const hours = Math.max(0, Math.round((dueAt.getTime() - now.getTime()) / 3_600_000));
  return hours <= 1 ? 'within the hour' : `in ${hours} hours`;
}

/**
 * Announces reports that fall due within 24 hours (once per deadline) and escalates overdue ones to the
 * organisation's admins (once per deadline). Each obligation is claimed by setting its mark in the same
 * transaction as the notice, so two workers never announce it twice.
 */
export async function remindOfDeadlines(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'jobs'>,
): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now();
  const candidates = await listOpenObligationsDueBy(deps.db, new Date(now.getTime() + reminderLeadMs));
  let reminded = 0;
  let escalated = 0;
  for (const candidate of candidates) {
    const overdue = (candidate.dueAt as Date) <= now;
    if (overdue ? candidate.escalatedAt : candidate.remindedAt) continue;
    const posted = await withTransaction(deps.db, async (tx) => {
      // Claim: only the worker that flips the mark posts the notice.
      const claimed = await tx.execute(
        overdue ? sqlClaim('escalated_at', candidate.id, now) : sqlClaim('reminded_at', candidate.id, now),
      );
      if ((claimed.rows ?? []).length === 0) return false;
      const incident = await findIncident(tx, candidate.organizationId, candidate.incidentId);
      const e = candidate.evaluation as StoredEvaluation;
      const dueAt = candidate.dueAt as Date;
      const notice: OrganizationNotice = {
        organizationId: candidate.organizationId,
        kind: overdue ? 'obligation.overdue' : 'obligation.due_soon',
        title: overdue
          ? `Overdue: ${candidate.title} (${candidate.jurisdiction})`
          : `Due ${hoursLeft(dueAt, now)}: ${candidate.title} (${candidate.jurisdiction})`,
        payload: {
          incidentId: candidate.incidentId,
          incidentTitle: incident?.title ?? '',
          obligationId: candidate.id,
          obligationTitle: candidate.title,
          recipient: candidate.recipient,
          dueAt: e.dueAt,
        },
        escalateToAdmins: overdue,
      };
      // In the claiming transaction: the mark and the notice stand or fall together.
      await postOrganizationNotices(joinTransaction(deps, tx), [notice]);
      return true;
    });
    if (!posted) continue;
    if (overdue) escalated++;
    else reminded++;
  }
  return { reminded, escalated };
}

function sqlClaim(column: 'reminded_at' | 'escalated_at', id: string, now: Date) {
  return sql`UPDATE incidents_obligations SET ${sql.raw(column)} = ${now.toISOString()}::timestamptz
    WHERE id = ${id} AND ${sql.raw(column)} IS NULL RETURNING id`;
}
