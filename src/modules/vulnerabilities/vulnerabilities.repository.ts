import { and, arrayOverlaps, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { LookupKey } from './domain/package-identity.ts';
import {
  vulnerabilitiesAdvisories,
  vulnerabilitiesAdvisoryKeys,
  vulnerabilitiesEpss,
  vulnerabilitiesFindings,
  vulnerabilitiesKev,
  vulnerabilitiesNotifications,
  vulnerabilitiesVexStatements,
  vulnerabilitiesVulnerabilities,
} from './vulnerabilities.tables.ts';

export type VulnerabilityRow = typeof vulnerabilitiesVulnerabilities.$inferSelect;
export type AdvisoryRow = typeof vulnerabilitiesAdvisories.$inferSelect;
export type FindingRow = typeof vulnerabilitiesFindings.$inferSelect;
export type VexStatementRow = typeof vulnerabilitiesVexStatements.$inferSelect;
export type NotificationRow = typeof vulnerabilitiesNotifications.$inferSelect;

/** Serialises imports that merge vulnerabilities by alias across processes. */
const ALIAS_MERGE_LOCK_KEY = 7_426_110_003;

export async function lockAliasMerging(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ALIAS_MERGE_LOCK_KEY})`);
}

export async function findAdvisoryBySource(db: DbOrTx, source: string, sourceId: string) {
  const rows = await db
    .select({
      id: vulnerabilitiesAdvisories.id,
      contentHash: vulnerabilitiesAdvisories.contentHash,
      vulnerabilityId: vulnerabilitiesAdvisories.vulnerabilityId,
    })
    .from(vulnerabilitiesAdvisories)
    .where(
      and(eq(vulnerabilitiesAdvisories.source, source), eq(vulnerabilitiesAdvisories.sourceId, sourceId)),
    );
  return rows[0] ?? null;
}

/** Content hashes of many advisories at once, keyed by `source\0sourceId` (for skipping unchanged ones). */
export async function findAdvisoryHashes(
  db: DbOrTx,
  source: string,
  sourceIds: string[],
): Promise<Map<string, string>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .select({
      sourceId: vulnerabilitiesAdvisories.sourceId,
      contentHash: vulnerabilitiesAdvisories.contentHash,
    })
    .from(vulnerabilitiesAdvisories)
    .where(
      and(
        eq(vulnerabilitiesAdvisories.source, source),
        inArray(vulnerabilitiesAdvisories.sourceId, sourceIds),
      ),
    );
  return new Map(rows.map((r) => [r.sourceId, r.contentHash]));
}

export async function findVulnerabilitiesSharingIds(db: DbOrTx, ids: string[]): Promise<VulnerabilityRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(vulnerabilitiesVulnerabilities)
    .where(arrayOverlaps(vulnerabilitiesVulnerabilities.ids, ids));
}

export async function findVulnerabilityById(db: DbOrTx, id: string): Promise<VulnerabilityRow | null> {
  const rows = await db
    .select()
    .from(vulnerabilitiesVulnerabilities)
    .where(eq(vulnerabilitiesVulnerabilities.id, id));
  return rows[0] ?? null;
}

export async function insertVulnerability(db: DbOrTx, row: VulnerabilityRow): Promise<void> {
  await db.insert(vulnerabilitiesVulnerabilities).values(row);
}

export async function updateVulnerability(db: DbOrTx, row: VulnerabilityRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(vulnerabilitiesVulnerabilities).set(rest).where(eq(vulnerabilitiesVulnerabilities.id, id));
}

/** Moves everything of `fromIds` onto `toId` (alias merge); findings or VEX that would collide are dropped. */
export async function mergeVulnerabilitiesInto(db: DbOrTx, toId: string, fromIds: string[]): Promise<void> {
  if (fromIds.length === 0) return;
  await db
    .update(vulnerabilitiesAdvisories)
    .set({ vulnerabilityId: toId })
    .where(inArray(vulnerabilitiesAdvisories.vulnerabilityId, fromIds));
  await db.execute(sql`
    DELETE FROM vulnerabilities_findings f USING vulnerabilities_findings keep
    WHERE f.vulnerability_id IN ${fromIds} AND keep.vulnerability_id = ${toId}
      AND keep.product_version_id = f.product_version_id AND keep.component_key = f.component_key`);
  await db
    .update(vulnerabilitiesFindings)
    .set({ vulnerabilityId: toId })
    .where(inArray(vulnerabilitiesFindings.vulnerabilityId, fromIds));
  await db.execute(sql`
    DELETE FROM vulnerabilities_vex_statements v USING vulnerabilities_vex_statements keep
    WHERE v.vulnerability_id IN ${fromIds} AND keep.vulnerability_id = ${toId}
      AND keep.product_version_id = v.product_version_id`);
  await db
    .update(vulnerabilitiesVexStatements)
    .set({ vulnerabilityId: toId })
    .where(inArray(vulnerabilitiesVexStatements.vulnerabilityId, fromIds));
  await db.delete(vulnerabilitiesVulnerabilities).where(inArray(vulnerabilitiesVulnerabilities.id, fromIds));
}

export async function upsertAdvisory(db: DbOrTx, row: AdvisoryRow): Promise<void> {
  await db
    .insert(vulnerabilitiesAdvisories)
    .values(row)
    .onConflictDoUpdate({
      target: [vulnerabilitiesAdvisories.source, vulnerabilitiesAdvisories.sourceId],
      set: {
        vulnerabilityId: row.vulnerabilityId,
        modified: row.modified,
        withdrawn: row.withdrawn,
        contentHash: row.contentHash,
        record: row.record,
        importedAt: row.importedAt,
      },
    });
}

export async function replaceAdvisoryKeys(
  db: DbOrTx,
  advisoryId: string,
  keys: LookupKey[],
): Promise<LookupKey[]> {
  const old = await db
    .delete(vulnerabilitiesAdvisoryKeys)
    .where(eq(vulnerabilitiesAdvisoryKeys.advisoryId, advisoryId))
    .returning({
      kind: vulnerabilitiesAdvisoryKeys.kind,
      namespace: vulnerabilitiesAdvisoryKeys.namespace,
      name: vulnerabilitiesAdvisoryKeys.name,
    });
  if (keys.length > 0)
    await db.insert(vulnerabilitiesAdvisoryKeys).values(keys.map((k) => ({ advisoryId, ...k })));
  return old as LookupKey[];
}

export async function listAdvisoriesOfVulnerability(
  db: DbOrTx,
  vulnerabilityId: string,
): Promise<AdvisoryRow[]> {
  return db
    .select()
    .from(vulnerabilitiesAdvisories)
    .where(eq(vulnerabilitiesAdvisories.vulnerabilityId, vulnerabilityId));
}

export async function listAdvisoriesByIds(db: DbOrTx, ids: string[]): Promise<AdvisoryRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(vulnerabilitiesAdvisories).where(inArray(vulnerabilitiesAdvisories.id, ids));
}

/** Advisories filed under any of the keys: one statement per 5,000 keys, keys as array parameters. */
export async function findAdvisoriesByKeys(db: DbOrTx, keys: LookupKey[]): Promise<AdvisoryRow[]> {
  if (keys.length === 0) return [];
  const ids = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const batch = keys.slice(i, i + 5000);
    const result = await db.execute(sql`
      SELECT DISTINCT advisory_id AS id FROM vulnerabilities_advisory_keys
      WHERE (kind, namespace, name) IN (
        SELECT * FROM unnest(${sql.param(batch.map((k) => k.kind))}::text[],
                             ${sql.param(batch.map((k) => k.namespace))}::text[],
                             ${sql.param(batch.map((k) => k.name))}::text[]))`);
    for (const row of result.rows) ids.add(String(row.id));
  }
  const all: AdvisoryRow[] = [];
  const list = [...ids];
  for (let i = 0; i < list.length; i += 1000)
    all.push(...(await listAdvisoriesByIds(db, list.slice(i, i + 1000))));
  return all;
}

export async function upsertKevEntries(
  db: DbOrTx,
  rows: (typeof vulnerabilitiesKev.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(vulnerabilitiesKev)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: vulnerabilitiesKev.cveId,
        set: {
          vendorProject: sql`excluded.vendor_project`,
          product: sql`excluded.product`,
          vulnerabilityName: sql`excluded.vulnerability_name`,
          dateAdded: sql`excluded.date_added`,
          dueDate: sql`excluded.due_date`,
          requiredAction: sql`excluded.required_action`,
          knownRansomwareCampaignUse: sql`excluded.known_ransomware_campaign_use`,
        },
      });
  }
}

export async function upsertEpssScores(
  db: DbOrTx,
  rows: (typeof vulnerabilitiesEpss.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(vulnerabilitiesEpss)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: vulnerabilitiesEpss.cveId,
        set: {
          epss: sql`excluded.epss`,
          percentile: sql`excluded.percentile`,
          scoreDate: sql`excluded.score_date`,
        },
      });
  }
}

export async function findKevAndEpss(db: DbOrTx, cveIds: string[]) {
  if (cveIds.length === 0)
    return { kev: new Map<string, string>(), epss: new Map<string, { epss: number; percentile: number }>() };
  const kev = await db
    .select({ cveId: vulnerabilitiesKev.cveId, dateAdded: vulnerabilitiesKev.dateAdded })
    .from(vulnerabilitiesKev)
    .where(inArray(vulnerabilitiesKev.cveId, cveIds));
  const epss = await db.select().from(vulnerabilitiesEpss).where(inArray(vulnerabilitiesEpss.cveId, cveIds));
  return {
    kev: new Map(kev.map((k) => [k.cveId, k.dateAdded])),
    epss: new Map(epss.map((e) => [e.cveId, { epss: e.epss, percentile: e.percentile }])),
  };
}

export async function listFindingsOfVersion(db: DbOrTx, productVersionId: string): Promise<FindingRow[]> {
  return db
    .select()
    .from(vulnerabilitiesFindings)
    .where(eq(vulnerabilitiesFindings.productVersionId, productVersionId));
}

export async function insertFindings(db: DbOrTx, rows: FindingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db.insert(vulnerabilitiesFindings).values(rows.slice(i, i + 500));
}

export async function updateFinding(db: DbOrTx, row: FindingRow): Promise<void> {
  const { id, ...rest } = row;
  await db.update(vulnerabilitiesFindings).set(rest).where(eq(vulnerabilitiesFindings.id, id));
}

/** Versions that have open findings of these vulnerabilities (to re-match when advisories change). */
export async function findVersionsWithOpenFindings(
  db: DbOrTx,
  vulnerabilityIds: string[],
): Promise<string[]> {
  if (vulnerabilityIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: vulnerabilitiesFindings.productVersionId })
    .from(vulnerabilitiesFindings)
    .where(
      and(
        inArray(vulnerabilitiesFindings.vulnerabilityId, vulnerabilityIds),
        eq(vulnerabilitiesFindings.status, 'open'),
      ),
    );
  return rows.map((r) => r.id);
}

export async function listVexOfVersion(db: DbOrTx, productVersionId: string): Promise<VexStatementRow[]> {
  return db
    .select()
    .from(vulnerabilitiesVexStatements)
    .where(eq(vulnerabilitiesVexStatements.productVersionId, productVersionId));
}

export async function upsertVexStatement(db: DbOrTx, row: VexStatementRow): Promise<void> {
  await db
    .insert(vulnerabilitiesVexStatements)
    .values(row)
    .onConflictDoUpdate({
      target: [vulnerabilitiesVexStatements.productVersionId, vulnerabilitiesVexStatements.vulnerabilityId],
      set: {
        status: row.status,
        justification: row.justification,
        impactStatement: row.impactStatement,
        actionStatement: row.actionStatement,
        source: row.source,
        updatedByUserId: row.updatedByUserId,
        updatedAt: row.updatedAt,
      },
    });
}

export async function insertNotifications(db: DbOrTx, rows: NotificationRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(vulnerabilitiesNotifications).values(rows);
}

export async function listNotifications(
  db: DbOrTx,
  organizationId: string,
  unreadOnly: boolean,
  limit: number,
) {
  return db
    .select()
    .from(vulnerabilitiesNotifications)
    .where(
      and(
        eq(vulnerabilitiesNotifications.organizationId, organizationId),
        unreadOnly ? isNull(vulnerabilitiesNotifications.readAt) : undefined,
      ),
    )
    .orderBy(sql`${vulnerabilitiesNotifications.createdAt} desc`)
    .limit(limit);
}

export async function markNotificationRead(
  db: DbOrTx,
  organizationId: string,
  id: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(vulnerabilitiesNotifications)
    .set({ readAt: at })
    .where(
      and(
        eq(vulnerabilitiesNotifications.organizationId, organizationId),
        eq(vulnerabilitiesNotifications.id, id),
      ),
    )
    .returning({ id: vulnerabilitiesNotifications.id });
  return rows.length;
}
