/**
 * Set-based writes of findings for the re-match (service/match-product-versions.ts): whatever the number
 * of versions and findings of a batch, one statement reads them, one inserts, one refreshes and one
 * closes. Rows travel as one array parameter per column joined by unnest(), so a statement stays short
 * and its parameters few, on PostgreSQL and PGlite alike.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { FindingRow } from './vulnerabilities.repository.ts';

/** What reconciling needs to know of a stored finding. */
export interface FindingState {
  id: string;
  organizationId: string;
  productVersionId: string;
  vulnerabilityId: string;
  componentKey: string;
  status: string;
}

/** The fields a re-match writes on a finding that still (or again) matches. */
export interface FindingRefresh {
  id: string;
  componentName: string;
  componentVersion: string | null;
  componentPurl: string | null;
  componentCpe: string | null;
  matchedBy: string;
  confidence: string;
  reasons: unknown;
  lastSeen: Date;
}

/** Rows per statement: bounds the size of its array parameters. */
const chunk = 5000;

/** Every finding (open or closed) of the versions, in one query. */
export async function listFindingStatesOfVersions(
  db: DbOrTx,
  productVersionIds: string[],
): Promise<FindingState[]> {
  if (productVersionIds.length === 0) return [];
  const result = await db.execute(sql`
    SELECT id, organization_id, product_version_id, vulnerability_id, component_key, status
    FROM vulnerabilities_findings
    WHERE product_version_id = ANY(${sql.param(productVersionIds)}::uuid[])`);
  return result.rows.map((row) => ({
    id: String(row.id),
    organizationId: String(row.organization_id),
    productVersionId: String(row.product_version_id),
    vulnerabilityId: String(row.vulnerability_id),
    componentKey: String(row.component_key),
    status: String(row.status),
  }));
}

/** One array parameter per column, for `unnest()`. */
function column<T, K extends keyof T>(rows: T[], key: K) {
  return sql.param(rows.map((row) => row[key]));
}

/** Inserts findings: one statement per 5,000 rows, columns as array parameters joined by unnest(). */
export async function insertFindings(db: DbOrTx, rows: FindingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const at = (key: 'firstSeen' | 'lastSeen' | 'closedAt') =>
      sql.param(part.map((row) => row[key]?.toISOString() ?? null));
    await db.execute(sql`
      INSERT INTO vulnerabilities_findings (id, organization_id, product_version_id, vulnerability_id,
        component_key, component_name, component_version, component_purl, component_cpe, matched_by,
        confidence, reasons, status, first_seen, last_seen, closed_at, close_reason)
      SELECT * FROM unnest(${column(part, 'id')}::uuid[], ${column(part, 'organizationId')}::uuid[],
        ${column(part, 'productVersionId')}::uuid[], ${column(part, 'vulnerabilityId')}::uuid[],
        ${column(part, 'componentKey')}::text[], ${column(part, 'componentName')}::text[],
        ${column(part, 'componentVersion')}::text[], ${column(part, 'componentPurl')}::text[],
        ${column(part, 'componentCpe')}::text[], ${column(part, 'matchedBy')}::text[],
        ${column(part, 'confidence')}::text[], ${sql.param(part.map((row) => JSON.stringify(row.reasons)))}::jsonb[],
        ${column(part, 'status')}::text[], ${at('firstSeen')}::timestamptz[], ${at('lastSeen')}::timestamptz[],
        ${at('closedAt')}::timestamptz[], ${column(part, 'closeReason')}::text[])`);
  }
}

/** Writes the fields of a new match onto stored findings and (re)opens them: one statement per 5,000. */
export async function refreshFindings(db: DbOrTx, rows: FindingRefresh[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await db.execute(sql`
      UPDATE vulnerabilities_findings f SET
        component_name = x.component_name, component_version = x.component_version,
        component_purl = x.component_purl, component_cpe = x.component_cpe, matched_by = x.matched_by,
        confidence = x.confidence, reasons = x.reasons, last_seen = x.last_seen,
        status = 'open', closed_at = NULL, close_reason = NULL
      FROM unnest(${column(part, 'id')}::uuid[], ${column(part, 'componentName')}::text[],
        ${column(part, 'componentVersion')}::text[], ${column(part, 'componentPurl')}::text[],
        ${column(part, 'componentCpe')}::text[], ${column(part, 'matchedBy')}::text[],
        ${column(part, 'confidence')}::text[], ${sql.param(part.map((row) => JSON.stringify(row.reasons)))}::jsonb[],
        ${sql.param(part.map((row) => row.lastSeen.toISOString()))}::timestamptz[])
        AS x(id, component_name, component_version, component_purl, component_cpe, matched_by, confidence,
             reasons, last_seen)
      WHERE f.id = x.id`);
  }
}

/** Closes findings with one reason and time: one statement per 5,000 ids. */
export async function closeFindings(
  db: DbOrTx,
  ids: string[],
  closedAt: Date,
  reason: string,
): Promise<void> {
  for (let i = 0; i < ids.length; i += chunk) {
    await db.execute(sql`
      UPDATE vulnerabilities_findings
      SET status = 'closed', closed_at = ${closedAt.toISOString()}::timestamptz, close_reason = ${reason}
      WHERE id = ANY(${sql.param(ids.slice(i, i + chunk))}::uuid[])`);
  }
}
