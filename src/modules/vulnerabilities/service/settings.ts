import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { vulnerabilitiesSettings } from '../vulnerabilities.tables.ts';

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
