import { canonicalJson, sha256Hex } from '../../../shared/canonical-json.ts';
import { DomainError } from '../../../shared/errors.ts';

/**
 * What one log entry says: "this organisation published revision R of record X at T, and its public
 * content hashed to H". The entry's bytes are the statement's canonical JSON (sorted keys, no
 * whitespace, UTF-8), so anyone can recompute the leaf hash from the entry bundle alone.
 */
export const STATEMENT_TYPE = 'candor.dev/publication/v2';
/**
 * Entries written before the records carried structured content: their `contentSha256` covers the
 * record's text fields only (`publicRecordContent` of v1). Still read and verified as they are.
 */
export const STATEMENT_TYPE_V1 = 'candor.dev/publication/v1';
export type StatementType = typeof STATEMENT_TYPE | typeof STATEMENT_TYPE_V1;

/** `revised` and `withdrawn` come with revisions and withdrawals of published records (issue 7). */
export type PublicationAction = 'published' | 'revised' | 'withdrawn';

export interface PublicationStatement {
  type: StatementType;
  action: PublicationAction;
  recordType: 'disclosure';
  recordId: string;
  organizationId: string;
  /** The publisher's slug, as the public record shows it. */
  publisher: string;
  revision: number;
  publishedAt: string;
  /** SHA-256 (hex) of the public record's content: `publicRecordDigest`. */
  contentSha256: string;
  /**
   * SHA-256 (hex) of the TLP:CLEAR CSAF document published with this revision, exactly as the CSAF
   * provider serves it; null when the revision has none (a TLP:GREEN or AMBER record is not logged).
   */
  csafSha256: string | null;
}

/** The public record of a disclosure as GET /api/v1/public/disclosures/:id returns it (the fields read). */
export interface PublicRecord {
  id: string;
  title: string;
  summary: string;
  body: string;
  severity: string;
  publisher: { slug: string };
  products: { id: string }[];
  revision: number;
  publishedAt: string;
  /** `withdrawn` once a withdrawal was published (the record stays public, marked withdrawn). */
  status?: string;
  /** Where the TLP:CLEAR CSAF document of this revision is served, when there is one. */
  csaf?: { json: string } | null;
  kind?: string;
  trackingId?: string;
  productVersions?: { id: string }[];
  /** The structured content: vulnerabilities, product status, remediations, patient harm, … */
  content?: unknown;
  cves?: string[];
  initialReleaseAt?: string;
}

/**
 * The part of a public record the log vouches for: everything it says, with the publisher, products
 * and versions by their identifiers. Left out: `url` and `csaf` (they follow the deployment's
 * PUBLIC_URL; the CSAF document has its own hash), `revisions` (the log itself is the history), and
 * the display names of publisher and products (they belong to the organisation and its catalogue and may
 * be renamed). A rename or a new address is then not reported as tampering; an edited word is. v1
 * statements covered the text fields only.
 */
export function publicRecordContent(record: PublicRecord, type: StatementType = STATEMENT_TYPE) {
  const text = {
    id: record.id,
    title: record.title,
    summary: record.summary,
    body: record.body,
    severity: record.severity,
    publisher: record.publisher.slug,
    productIds: record.products.map((p) => p.id),
    revision: record.revision,
    publishedAt: record.publishedAt,
  };
  if (type === STATEMENT_TYPE_V1) return text;
  return {
    ...text,
    kind: record.kind ?? null,
    trackingId: record.trackingId ?? null,
    status: record.status ?? null,
    productVersionIds: (record.productVersions ?? []).map((v) => v.id),
    content: record.content ?? null,
    cves: record.cves ?? [],
    initialReleaseAt: record.initialReleaseAt ?? null,
  };
}

/** SHA-256 (hex) of the canonical JSON of a record's content. */
export function publicRecordDigest(record: PublicRecord, type: StatementType = STATEMENT_TYPE): string {
  return sha256Hex(canonicalJson(publicRecordContent(record, type)));
}

export interface PublicationInput {
  action?: PublicationAction;
  recordType: 'disclosure';
  organizationId: string;
  record: PublicRecord;
  csafSha256?: string | null;
}

export function publicationStatement(input: PublicationInput): PublicationStatement {
  return {
    type: STATEMENT_TYPE,
    action: input.action ?? 'published',
    recordType: input.recordType,
    recordId: input.record.id,
    organizationId: input.organizationId,
    publisher: input.record.publisher.slug,
    revision: input.record.revision,
    publishedAt: input.record.publishedAt,
    contentSha256: publicRecordDigest(input.record),
    csafSha256: input.csafSha256 ?? null,
  };
}

/** The entry bytes of a statement: its canonical JSON in UTF-8. */
export function statementBytes(statement: PublicationStatement): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Reads an entry's bytes back into a statement; throws `invalid` when they are not a statement of this
 * log or not in canonical form (a re-encoded entry would hash to another leaf).
 */
export function parseStatement(bytes: Uint8Array): PublicationStatement {
  const text = Buffer.from(bytes).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('invalid', 'A log entry is not JSON.');
  }
  const s = value as Partial<PublicationStatement> | null;
  const valid =
    s !== null &&
    typeof s === 'object' &&
    (s.type === STATEMENT_TYPE || s.type === STATEMENT_TYPE_V1) &&
    (s.action === 'published' || s.action === 'revised' || s.action === 'withdrawn') &&
    s.recordType === 'disclosure' &&
    typeof s.recordId === 'string' &&
    typeof s.organizationId === 'string' &&
    typeof s.publisher === 'string' &&
    Number.isSafeInteger(s.revision) &&
    typeof s.publishedAt === 'string' &&
    typeof s.contentSha256 === 'string' &&
    HEX_SHA256.test(s.contentSha256) &&
    (s.csafSha256 === null || (typeof s.csafSha256 === 'string' && HEX_SHA256.test(s.csafSha256))) &&
    Object.keys(s).length === 10;
  if (!valid) throw new DomainError('invalid', 'A log entry is not a publication statement.');
  if (canonicalJson(s) !== text) throw new DomainError('invalid', 'A log entry is not in canonical form.');
  return s as PublicationStatement;
}
