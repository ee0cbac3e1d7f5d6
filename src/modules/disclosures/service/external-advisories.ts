import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { systemActor } from '../../../shared/actor.ts';
import { canonicalJson, sha256Hex } from '../../../shared/canonical-json.ts';
import type { PageQuery } from '../../../shared/contract-helpers.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../../shared/pagination.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type { ExternalAdvisory } from '../disclosures.contracts.ts';
import {
  type ExternalAdvisoryFilter,
  type ExternalAdvisoryListRow,
  type ExternalAdvisoryRow,
  findExternalAdvisory,
  findExternalAdvisoryForUpdate,
  insertExternalAdvisory,
  listExternalAdvisoriesPage,
  updateExternalAdvisory,
} from '../external-advisories.repository.ts';

type Json = Record<string, unknown>;
type Severity = ExternalAdvisory['severity'];

export interface ExternalAdvisoryRecordResult {
  /**
   * inserted/updated/unchanged; `older`: a newer release of it is kept; `own`: published by this
   * installation (its provider serves it already); `restricted`: TLP other than WHITE/CLEAR, never public.
   */
  status: 'inserted' | 'updated' | 'unchanged' | 'older' | 'own' | 'restricted';
  id: string | null;
  /** Why it was not republished, in words (null when it was, or is already). */
  note: string | null;
}

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function required(value: unknown, path: string): string {
  const text = textOf(value);
  if (!text) throw new DomainError('invalid', `Not republished: the CSAF document has no ${path}.`, { path });
  return text;
}

function instantOf(value: unknown, path: string): Date {
  const at = new Date(required(value, path));
  if (Number.isNaN(at.getTime()))
    throw new DomainError('invalid', `Not republished: ${path} is not a date.`, { path });
  return at;
}

/** `https://host/x/` and `https://host/x` are one publisher. */
const normalizeNamespace = (namespace: string) => namespace.replace(/\/+$/, '');

/** A namespace under this installation's PUBLIC_URL is one of its own organisations. */
function isOwnNamespace(namespace: string, publicUrl: string): boolean {
  try {
    const theirs = new URL(namespace);
    const ours = new URL(publicUrl);
    const base = ours.pathname.replace(/\/+$/, '');
    return (
      theirs.origin === ours.origin && (theirs.pathname === base || theirs.pathname.startsWith(`${base}/`))
    );
  } catch {
    return false;
  }
}

const severityWords: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  none: 'none',
  informational: 'none',
};

/** CVSS v3/v4 qualitative rating of a base score (FIRST CVSS v3.1 §5). */
function severityOfScore(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** `aggregate_severity.text` when it is one of the usual words, else the highest CVSS base score. */
function severityOf(document: Json, vulnerabilities: Json[]): Severity {
  const aggregate = isJson(document.aggregate_severity) ? textOf(document.aggregate_severity.text) : null;
  const word = aggregate ? severityWords[aggregate.toLowerCase()] : undefined;
  if (word) return word;
  const scores = vulnerabilities.flatMap((vulnerability) =>
    [
      ...listOf(vulnerability.scores),
      // CSAF 2.1 moves scores to metrics[].content.
      ...listOf(vulnerability.metrics).map((metric) => (isJson(metric) ? metric.content : null)),
    ].flatMap((score) =>
      isJson(score)
        ? ['cvss_v4', 'cvss_v3', 'cvss_v2'].flatMap((key) => {
            const cvss = score[key];
            return isJson(cvss) && typeof cvss.baseScore === 'number' ? [cvss.baseScore] : [];
          })
        : [],
    ),
  );
  return scores.length > 0 ? severityOfScore(Math.max(...scores)) : 'none';
}

/** The names of every product the tree defines (branches, full_product_names, relationships). */
function productNamesOf(tree: unknown): string[] {
  const names = new Set<string>();
  const add = (product: unknown) => {
    const name = isJson(product) ? textOf(product.name) : null;
    if (name) names.add(name);
  };
  const walk = (branches: unknown, depth: number) => {
    if (depth > 30) return;
    for (const branch of listOf(branches)) {
      if (!isJson(branch)) continue;
      add(branch.product);
      walk(branch.branches, depth + 1);
    }
  };
  if (isJson(tree)) {
    walk(tree.branches, 0);
    for (const product of listOf(tree.full_product_names)) add(product);
    for (const relationship of listOf(tree.relationships))
      if (isJson(relationship)) add(relationship.full_product_name);
  }
  return [...names].slice(0, 1_000);
}

/** The first summary or description note of the document, else its title. */
function summaryOf(document: Json, title: string): string {
  const note = listOf(document.notes).find(
    (n) => isJson(n) && (n.category === 'summary' || n.category === 'description') && textOf(n.text),
  );
  return (isJson(note) ? (textOf(note.text) as string) : title).slice(0, 20_000);
}

/** What the portal shows of a CSAF document; throws `invalid` when an identifying field is missing. */
function readExternalAdvisory(csaf: Json) {
  const document = isJson(csaf.document) ? csaf.document : {};
  const publisher = isJson(document.publisher) ? document.publisher : {};
  const tracking = isJson(document.tracking) ? document.tracking : {};
  const distribution = isJson(document.distribution) ? document.distribution : {};
  const tlp = isJson(distribution.tlp) ? textOf(distribution.tlp.label)?.toUpperCase() : null;
  const vulnerabilities = listOf(csaf.vulnerabilities).filter(isJson);
  const title = required(document.title, 'document.title');
  return {
    tlp: tlp ?? null,
    publisherName: required(publisher.name, 'document.publisher.name'),
    publisherNamespace: normalizeNamespace(required(publisher.namespace, 'document.publisher.namespace')),
    trackingId: required(tracking.id, 'document.tracking.id'),
    version: required(tracking.version, 'document.tracking.version'),
    title,
    severity: severityOf(document, vulnerabilities),
    cves: [
      ...new Set(
        vulnerabilities.flatMap((v) => {
          const cve = textOf(v.cve);
          return cve && /^CVE-\d{4}-\d{4,}$/.test(cve) ? [cve] : [];
        }),
      ),
    ],
    productNames: productNamesOf(csaf.product_tree),
    summary: summaryOf(document, title),
    initialReleaseAt: instantOf(tracking.initial_release_date, 'document.tracking.initial_release_date'),
    currentReleaseAt: instantOf(tracking.current_release_date, 'document.tracking.current_release_date'),
  };
}

/**
 * Keeps a CSAF advisory of another publisher (CISA's ICSMA, a vendor's provider) for the public portal,
 * as imported by `candor import csaf`: one row per publisher namespace + tracking id (CSAF 2.0
 * §3.2.1.12), holding the newest `current_release_date` seen. The document is stored as it was read
 * (served back in canonical JSON, keys sorted), with its source URL (null for a local file). Documents of
 * this installation's own organisations (namespace under PUBLIC_URL) and TLP:GREEN/AMBER/RED documents
 * are never stored. Inserts and updates are audited.
 *
 * @throws DomainError('invalid') when the document lacks its publisher, tracking id, version, title or
 *   release dates (a validated CSAF document has them all).
 */
export async function recordExternalCsafAdvisory(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  document: unknown,
  sourceUrl: string | null,
): Promise<ExternalAdvisoryRecordResult> {
  if (!isJson(document)) throw new DomainError('invalid', 'Not republished: not a CSAF document.');
  const advisory = readExternalAdvisory(document);
  if (isOwnNamespace(advisory.publisherNamespace, deps.config.publicUrl))
    return { status: 'own', id: null, note: null };
  if (advisory.tlp && advisory.tlp !== 'WHITE' && advisory.tlp !== 'CLEAR')
    return { status: 'restricted', id: null, note: `not republished: TLP:${advisory.tlp} is not public` };
  const { tlp: _tlp, ...fields } = advisory;
  const sha256 = sha256Hex(canonicalJson(document));
  return withTransaction(deps.db, async (tx) => {
    const existing = await findExternalAdvisoryForUpdate(tx, fields.publisherNamespace, fields.trackingId);
    if (existing && existing.currentReleaseAt > fields.currentReleaseAt)
      return {
        status: 'older',
        id: existing.id,
        note: `not republished: a newer release (${existing.currentReleaseAt.toISOString()}) is kept`,
      };
    if (existing && existing.sha256 === sha256) return { status: 'unchanged', id: existing.id, note: null };
    const row: ExternalAdvisoryRow = {
      id: existing?.id ?? newId(),
      ...fields,
      sourceUrl,
      document,
      sha256,
      importedAt: deps.clock.now(),
    };
    if (existing) await updateExternalAdvisory(tx, row);
    else if (!(await insertExternalAdvisory(tx, row))) return { status: 'unchanged', id: null, note: null };
    await recordAuditEvent(tx, deps.clock, systemActor('csaf-import'), {
      action: existing ? 'external_advisory.updated' : 'external_advisory.imported',
      organizationId: null,
      entityType: 'external_advisory',
      entityId: row.id,
      before: existing ? { version: existing.version, sha256: existing.sha256 } : null,
      after: {
        publisherNamespace: row.publisherNamespace,
        trackingId: row.trackingId,
        version: row.version,
        sha256,
        sourceUrl,
      },
    });
    return { status: existing ? 'updated' : 'inserted', id: row.id, note: null };
  });
}

function toExternalAdvisory(row: ExternalAdvisoryListRow): ExternalAdvisory {
  return {
    id: row.id,
    publisherName: row.publisherName,
    trackingId: row.trackingId,
    version: row.version,
    title: row.title,
    severity: row.severity as Severity,
    cves: row.cves,
    productNames: row.productNames,
    summary: row.summary,
    initialReleaseAt: row.initialReleaseAt.toISOString(),
    currentReleaseAt: row.currentReleaseAt.toISOString(),
    sourceUrl: row.sourceUrl,
  };
}

/** Republished advisories of other publishers, newest current release first. */
export async function listExternalAdvisories(
  deps: Pick<Deps, 'db'>,
  query: PageQuery & ExternalAdvisoryFilter,
): Promise<{ items: ExternalAdvisory[]; nextCursor: string | null }> {
  const { limit, cursor, ...filter } = query;
  const rows = await listExternalAdvisoriesPage(deps.db, filter, decodeCursor(cursor), limit + 1);
  return pageFrom(rows, limit, (row) => ({ at: row.currentReleaseAt, id: row.id }), toExternalAdvisory);
}

/** @throws DomainError('not_found') */
export async function getExternalAdvisory(deps: Pick<Deps, 'db'>, id: string): Promise<ExternalAdvisory> {
  const row = await findExternalAdvisory(deps.db, id);
  if (!row) throw new DomainError('not_found', 'No such external advisory.');
  return toExternalAdvisory(row);
}

/**
 * The CSAF document of a republished advisory, as canonical JSON (keys sorted, as CSAF 2.0 §5.3
 * recommends), with its SHA-256.
 * @throws DomainError('not_found')
 */
export async function getExternalAdvisoryDocument(
  deps: Pick<Deps, 'db'>,
  id: string,
): Promise<{ json: string; sha256: string; fileName: string }> {
  const row = await findExternalAdvisory(deps.db, id);
  if (!row) throw new DomainError('not_found', 'No such external advisory.');
  // CSAF 2.0 §5.1 file name: lower case, runs of other characters as one `_`.
  const fileName = `${row.trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
  return { json: canonicalJson(row.document), sha256: row.sha256, fileName };
}
