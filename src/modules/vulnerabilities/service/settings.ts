import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { defineJob, type JobSignal } from '../../../platform/jobs/job-queue.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { listProductVersionIdsOfOrganization } from '../../devices/index.ts';
import {
  type UpdateVulnerabilitySettingsInput,
  UpdateVulnerabilitySettingsInputSchema,
} from '../settings.contracts.ts';
import { vulnerabilitiesSettings } from '../vulnerabilities.tables.ts';
import { matchProductVersions } from './match-product-versions.ts';

/** An organisation's vulnerability settings; the defaults apply to an organisation that never set them. */
export interface VulnerabilitySettings {
  allowNameMatching: boolean;
  notificationEmails: string[];
}

export const defaultVulnerabilitySettings: VulnerabilitySettings = {
  allowNameMatching: false,
  notificationEmails: [],
};

/** The settings of several organisations in one query; every id asked for is in the result. */
export async function loadVulnerabilitySettings(
  db: DbOrTx,
  organizationIds: string[],
): Promise<Map<string, VulnerabilitySettings>> {
  const unique = [...new Set(organizationIds)];
  const out = new Map<string, VulnerabilitySettings>(
    unique.map((id) => [id, { ...defaultVulnerabilitySettings }]),
  );
  if (unique.length === 0) return out;
  const rows = await db
    .select()
    .from(vulnerabilitiesSettings)
    .where(inArray(vulnerabilitiesSettings.organizationId, unique));
  for (const row of rows) {
    out.set(row.organizationId, {
      allowNameMatching: row.allowNameMatching,
      notificationEmails: row.notificationEmails,
    });
  }
  return out;
}

/** One organisation's settings (the defaults when it never set them). */
export async function getVulnerabilitySettings(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
): Promise<VulnerabilitySettings> {
  const settings = (await loadVulnerabilitySettings(deps.db, [organizationId])).get(organizationId);
  return settings ?? { ...defaultVulnerabilitySettings };
}

/**
 * Changes the fields of `patch` that are present and keeps the others. Addresses are trimmed, their
 * domains lower-cased and duplicates dropped; at most ten. Throws `invalid` (nothing written) when the
 * patch breaks those rules. Returns the settings as stored.
 */
export async function updateVulnerabilitySettings(
  deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'jobs'>>,
  actor: Actor,
  organizationId: string,
  patch: UpdateVulnerabilitySettingsInput,
): Promise<VulnerabilitySettings> {
  const parsed = UpdateVulnerabilitySettingsInputSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('invalid', `The settings are not valid: ${issue?.message ?? 'invalid'}`, {
      path: issue?.path.join('.'),
    });
  }
  const changes = Object.fromEntries(
    Object.entries(parsed.data).filter(([, value]) => value !== undefined),
  ) as Partial<VulnerabilitySettings>;
  const result = await withTransaction(deps.db, async (tx) => {
    const before = (await loadVulnerabilitySettings(tx, [organizationId])).get(organizationId) ?? {
      ...defaultVulnerabilitySettings,
    };
    const updatedAt = deps.clock.now();
    // Only the fields of the patch are set on conflict, so a concurrent change of another field stays.
    const [row] = await tx
      .insert(vulnerabilitiesSettings)
      .values({ organizationId, ...before, ...changes, updatedAt })
      .onConflictDoUpdate({ target: vulnerabilitiesSettings.organizationId, set: { ...changes, updatedAt } })
      .returning();
    const after: VulnerabilitySettings = {
      allowNameMatching: row?.allowNameMatching ?? before.allowNameMatching,
      notificationEmails: row?.notificationEmails ?? before.notificationEmails,
    };
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'vulnerability-settings.updated',
      organizationId,
      entityType: 'vulnerability-settings',
      entityId: organizationId,
      before,
      after,
    });
    return { before, after };
  });
  // Name matching changed: the whole portfolio is matched again in the background, so findings by name
  // appear (or close, with a reason) without waiting for the next SBOM or advisory.
  if (result.before.allowNameMatching !== result.after.allowNameMatching && deps.jobs)
    await deps.jobs.enqueue(organizationRematch, { organizationId });
  return result.after;
}

export const organizationRematch: JobSignal<{ organizationId: string }> = {
  name: 'vulnerabilities.rematch-organization',
  payloadSchema: z.object({ organizationId: z.uuid() }),
};

/** Re-matches every product version of one organisation (after its matching settings changed). */
export function rematchOrganizationJob(
  deps: Pick<Deps, 'db' | 'clock' | 'config'> & Partial<Pick<Deps, 'jobs'>>,
) {
  return defineJob({
    ...organizationRematch,
    handler: async ({ organizationId }) =>
      matchProductVersions(deps, await listProductVersionIdsOfOrganization(deps, organizationId)),
  });
}

/** The organisations that match bare component names (few: the setting is off by default). */
export async function organizationsMatchingByName(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ organizationId: vulnerabilitiesSettings.organizationId })
    .from(vulnerabilitiesSettings)
    .where(eq(vulnerabilitiesSettings.allowNameMatching, true));
  return rows.map((r) => r.organizationId);
}
