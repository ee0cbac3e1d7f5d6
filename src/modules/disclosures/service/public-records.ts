import type { Deps } from '../../../platform/deps.ts';
import { DomainError, isDomainError } from '../../../shared/errors.ts';
import { decodeCursor, encodeCursor } from '../../../shared/pagination.ts';
import { getOrganization } from '../../accounts/index.ts';
import { productNamesById } from '../../devices/index.ts';
import type { PublicDisclosure, PublicDisclosureQuery } from '../disclosures.contracts.ts';
import {
  findPublicRevision,
  listPublicRevisionsPage,
  type PublicRevisionFilter,
  type RevisionRow,
} from '../disclosures.repository.ts';
import { publicRecordFromRevision } from './public-record.ts';

type ReadDeps = Pick<Deps, 'db' | 'config'>;

async function toPublicRecords(deps: ReadDeps, rows: RevisionRow[]): Promise<PublicDisclosure[]> {
  const publishers = new Map<string, { name: string; slug: string }>();
  for (const id of new Set(rows.map((r) => r.organizationId))) {
    const organization = await getOrganization(deps, id);
    publishers.set(id, { name: organization.name, slug: organization.slug });
  }
  // Only rows from before revisions existed lack stored product names.
  const names = await productNamesById(
    deps,
    rows.filter((r) => !(r.record as { products?: unknown }).products).flatMap((r) => r.productIds),
  );
  return rows.map((row) =>
    publicRecordFromRevision(
      deps.config,
      row,
      publishers.get(row.organizationId) ?? { name: 'unknown', slug: 'unknown' },
      names,
    ),
  );
}

function startOf(value: string | undefined): Date | undefined {
  return value ? new Date(value) : undefined;
}

/** `to` as a date means the whole of that day. */
function endOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return at;
  // The day after, but never past the last instant the database holds (9999-12-31 as `to`).
  return new Date(Math.min(at.getTime() + 86_400_000, Date.UTC(9999, 11, 31, 23, 59, 59, 999)));
}

async function filterOf(deps: ReadDeps, query: PublicDisclosureQuery): Promise<PublicRevisionFilter | null> {
  let organizationId: string | undefined;
  if (query.manufacturer) {
    try {
      organizationId = (await getOrganization(deps, query.manufacturer)).id;
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return null;
      throw error;
    }
  }
  return {
    ...(organizationId ? { organizationId } : {}),
    ...(query.product ? { productId: query.product } : {}),
    ...(query.cve ? { cve: query.cve } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.from ? { from: startOf(query.from) as Date } : {}),
    ...(query.to ? { to: endOf(query.to) as Date } : {}),
  };
}

/**
 * The current public revision of every published TLP:CLEAR record, newest activity first, filtered.
 * Drafts, pending revisions and customer-only records never leave this module.
 */
export async function listPublicDisclosures(deps: ReadDeps, query: PublicDisclosureQuery) {
  const filter = await filterOf(deps, query);
  if (!filter) return { items: [], nextCursor: null };
  const rows = await listPublicRevisionsPage(deps.db, filter, decodeCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items = await toPublicRecords(deps, page);
  const last = rows.length > query.limit ? page.at(-1) : undefined;
  return {
    items,
    nextCursor: last ? encodeCursor({ at: last.publishedAt, id: last.disclosureId }) : null,
  };
}

/** One public record; a draft's or a customer-only record's id answers `not_found` like an unknown id. */
export async function getPublicDisclosure(deps: ReadDeps, disclosureId: string): Promise<PublicDisclosure> {
  const row = await findPublicRevision(deps.db, disclosureId);
  if (!row) throw new DomainError('not_found', 'No such published disclosure.');
  const [record] = await toPublicRecords(deps, [row]);
  return record as PublicDisclosure;
}
