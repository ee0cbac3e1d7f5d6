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

/** The stored advisories (id and vulnerability) of many (source, source id) pairs, in one query. */
export async function findAdvisoriesBySources(
  db: DbOrTx,
  pairs: { source: string; sourceId: string }[],
): Promise<{ id: string; source: string; sourceId: string; vulnerabilityId: string }[]> {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    SELECT id, source, source_id, vulnerability_id FROM vulnerabilities_advisories
    WHERE (source, source_id) IN (SELECT * FROM unnest(${sql.param(pairs.map((p) => p.source))}::text[],
                                                       ${sql.param(pairs.map((p) => p.sourceId))}::text[]))`);
  return result.rows.map((r) => ({
    id: String(r.id),
    source: String(r.source),
    sourceId: String(r.source_id),
    vulnerabilityId: String(r.vulnerability_id),
  }));
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

export async function listVulnerabilitiesByIds(db: DbOrTx, ids: string[]): Promise<VulnerabilityRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(vulnerabilitiesVulnerabilities)
    .where(sql`${vulnerabilitiesVulnerabilities.id} = ANY(${sql.param(ids)}::uuid[])`);
}

export async function insertVulnerability(db: DbOrTx, row: VulnerabilityRow): Promise<void> {
  await db.insert(vulnerabilitiesVulnerabilities).values(row);
}

export async function insertVulnerabilities(db: DbOrTx, rows: VulnerabilityRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(vulnerabilitiesVulnerabilities).values(rows.slice(i, i + 1000));
}

/** Rewrites the shown fields of many vulnerabilities in one statement (rows as one JSON parameter). */
export async function updateVulnerabilities(db: DbOrTx, rows: VulnerabilityRow[]): Promise<void> {
  if (rows.length === 0) return;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const json = JSON.stringify(
    rows.map((r) => ({
      ...r,
      published: iso(r.published),
      modified: iso(r.modified),
      withdrawn: iso(r.withdrawn),
    })),
  );
  await db.execute(sql`
    UPDATE vulnerabilities_vulnerabilities v SET display_id = x."displayId", ids = x.ids, summary = x.summary,
      cvss_score = x."cvssScore", cvss_vector = x."cvssVector", published = x.published,
      modified = x.modified, withdrawn = x.withdrawn
    FROM json_to_recordset(${sql.param(json)}::json) AS x(id uuid, "displayId" text, ids text[],
      summary text, "cvssScore" real, "cvssVector" text, published timestamptz, modified timestamptz,
      withdrawn timestamptz)
    WHERE v.id = x.id`);
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

/** Inserts or overwrites advisories by (source, source id); returns the stored ids. */
export async function upsertAdvisories(
  db: DbOrTx,
  rows: AdvisoryRow[],
): Promise<{ id: string; source: string; sourceId: string }[]> {
  const out: { id: string; source: string; sourceId: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await db
        .insert(vulnerabilitiesAdvisories)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [vulnerabilitiesAdvisories.source, vulnerabilitiesAdvisories.sourceId],
          set: {
            vulnerabilityId: sql`excluded.vulnerability_id`,
            modified: sql`excluded.modified`,
            withdrawn: sql`excluded.withdrawn`,
            contentHash: sql`excluded.content_hash`,
            record: sql`excluded.record`,
            importedAt: sql`excluded.imported_at`,
          },
        })
        .returning({
          id: vulnerabilitiesAdvisories.id,
          source: vulnerabilitiesAdvisories.source,
          sourceId: vulnerabilitiesAdvisories.sourceId,
        })),
    );
  }
  return out;
}

/** Drops the lookup keys of `advisoryIds` and files `keys`; returns the keys dropped. */
export async function replaceKeysOfAdvisories(
  db: DbOrTx,
  advisoryIds: string[],
  keys: (LookupKey & { advisoryId: string })[],
): Promise<LookupKey[]> {
  const old: LookupKey[] = [];
  for (let i = 0; i < advisoryIds.length; i += 5000) {
    const result = await db.execute(sql`
      DELETE FROM vulnerabilities_advisory_keys
      WHERE advisory_id = ANY(${sql.param(advisoryIds.slice(i, i + 5000))}::uuid[])
      RETURNING kind, namespace, name`);
    for (const r of result.rows)
      old.push({ kind: r.kind as LookupKey['kind'], namespace: String(r.namespace), name: String(r.name) });
  }
  for (let i = 0; i < keys.length; i += 2000)
    await db.insert(vulnerabilitiesAdvisoryKeys).values(keys.slice(i, i + 2000));
  return old;
}

/** The records of every advisory of these vulnerabilities, with the vulnerability of each. */
export async function listAdvisoryRecordsOfVulnerabilities(
  db: DbOrTx,
  vulnerabilityIds: string[],
): Promise<{ vulnerabilityId: string; record: unknown }[]> {
  if (vulnerabilityIds.length === 0) return [];
  return db
    .select({
      vulnerabilityId: vulnerabilitiesAdvisories.vulnerabilityId,
      record: vulnerabilitiesAdvisories.record,
    })
    .from(vulnerabilitiesAdvisories)
    .where(sql`${vulnerabilitiesAdvisories.vulnerabilityId} = ANY(${sql.param(vulnerabilityIds)}::uuid[])`);
}

export async function listAdvisoriesByIds(db: DbOrTx, ids: string[]): Promise<AdvisoryRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(vulnerabilitiesAdvisories).where(inArray(vulnerabilitiesAdvisories.id, ids));
}

/**
 * Advisories filed under a CPE product (or CVE 5 product) of one of these lower-cased names, whatever
 * the vendor, with the name each was found under: the candidates of name matching (index on name).
 */
export async function findAdvisoryIdsByProductNames(
  db: DbOrTx,
  names: string[],
): Promise<{ advisoryId: string; name: string }[]> {
  const out: { advisoryId: string; name: string }[] = [];
  for (let i = 0; i < names.length; i += 5000) {
    const result = await db.execute(sql`
      SELECT DISTINCT advisory_id, name FROM vulnerabilities_advisory_keys
      WHERE name = ANY(${sql.param(names.slice(i, i + 5000))}::text[]) AND kind = 'cpe'`);
    for (const row of result.rows) out.push({ advisoryId: String(row.advisory_id), name: String(row.name) });
  }
  return out;
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
