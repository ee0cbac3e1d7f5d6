/**
 * The statements of candidate selection and of the one-shot scan: the advisories filed under many
 * lookup keys with their records, and what a scan shows of the vulnerabilities it found.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { LookupKey } from './domain/package-identity.ts';

/** Separators of the key lists `findAdvisoriesByKeys` sends as one string each. */
const partSeparator = '\u001f';
const keySeparator = '\u001e';

/** Where `findAdvisoriesByKeys` looks: the rows of the advisory keys table filed under one of `keys`. */
function filedUnder(keys: LookupKey[]) {
  const hasSeparator = (text: string) => text.includes(partSeparator) || text.includes(keySeparator);
  if (keys.some((k) => hasSeparator(k.kind) || hasSeparator(k.namespace) || hasSeparator(k.name))) {
    return sql`(kind, namespace, name) IN (
      SELECT * FROM unnest(${sql.param(keys.map((k) => k.kind))}::text[],
                           ${sql.param(keys.map((k) => k.namespace))}::text[],
                           ${sql.param(keys.map((k) => k.name))}::text[]))`;
  }
  const whole = keys.map((k) => `${k.kind}${partSeparator}${k.namespace}${partSeparator}${k.name}`);
  return sql`(kind, namespace, name) IN (
    SELECT split_part(k, ${partSeparator}, 1), split_part(k, ${partSeparator}, 2), split_part(k, ${partSeparator}, 3)
    FROM unnest(string_to_array(${whole.join(keySeparator)}, ${keySeparator})) AS k)`;
}

/**
 * The advisories filed under any of the keys, with their records: one statement per 5,000 keys, each
 * advisory once. The keys travel as one string split in SQL (`string_to_array`, `split_part`): the
 * embedded engine takes longer to read array parameters of thousands of elements than to run the
 * lookup, an index lookup per key as with arrays. Keys holding a separator character (never real
 * purls or CPEs) go as arrays instead.
 */
export async function findAdvisoriesByKeys(
  db: DbOrTx,
  keys: LookupKey[],
): Promise<{ id: string; vulnerabilityId: string; record: unknown }[]> {
  const out = new Map<string, { id: string; vulnerabilityId: string; record: unknown }>();
  for (let i = 0; i < keys.length; i += 5000) {
    const result = await db.execute(sql`
      SELECT a.id, a.vulnerability_id, a.record FROM vulnerabilities_advisories a
      WHERE a.id IN (SELECT advisory_id FROM vulnerabilities_advisory_keys
                     WHERE ${filedUnder(keys.slice(i, i + 5000))})`);
    for (const row of result.rows) {
      const id = String(row.id);
      out.set(id, { id, vulnerabilityId: String(row.vulnerability_id), record: row.record });
    }
  }
  return [...out.values()];
}

/** What a scan shows of a vulnerability it found. */
export interface ScannedVulnerability {
  id: string;
  displayId: string;
  ids: string[];
  summary: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  withdrawn: boolean;
  /** KEV date and EPSS score of the vulnerability's first CVE id (in `ids` order), if any. */
  kevDateAdded: string | null;
  epss: number | null;
}

/**
 * Vulnerabilities with the KEV date and EPSS score of their first CVE id, in one statement. The CVE
 * is picked in a LATERAL subquery so that KEV and EPSS are joined on it through their keys (a join
 * on the subquery expression itself lets the planner scan the whole EPSS table).
 */
export async function listScannedVulnerabilities(db: DbOrTx, ids: string[]): Promise<ScannedVulnerability[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    SELECT v.id, v.display_id, v.ids, v.summary, v.cvss_score, v.cvss_vector,
           v.withdrawn IS NOT NULL AS withdrawn, k.date_added, e.epss
    FROM vulnerabilities_vulnerabilities v
    LEFT JOIN LATERAL (
      SELECT x.cve FROM unnest(v.ids) WITH ORDINALITY AS x(cve, n)
      WHERE x.cve LIKE 'CVE-%' ORDER BY x.n LIMIT 1) c ON true
    LEFT JOIN vulnerabilities_kev k ON k.cve_id = c.cve
    LEFT JOIN vulnerabilities_epss e ON e.cve_id = c.cve
    WHERE v.id = ANY(${sql.param(ids)}::uuid[])`);
  return result.rows.map((r) => ({
    id: String(r.id),
    displayId: String(r.display_id),
    ids: r.ids as string[],
    summary: r.summary === null ? null : String(r.summary),
    cvssScore: r.cvss_score === null ? null : Number(r.cvss_score),
    cvssVector: r.cvss_vector === null ? null : String(r.cvss_vector),
    withdrawn: r.withdrawn === true,
    kevDateAdded: r.date_added === null ? null : String(r.date_added),
    epss: r.epss === null ? null : Number(r.epss),
  }));
}
