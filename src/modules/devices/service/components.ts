import { createHash } from 'node:crypto';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { getOrganization } from '../../accounts/index.ts';
import type {
  Component,
  ComponentFilter,
  PortfolioComponent,
  PortfolioComponentFilter,
  SbomDocument,
  VersionDiff,
} from '../devices.contracts.ts';
import {
  type ComponentRow,
  findProduct,
  findProductVersion,
  findSbomWithBytes,
  listSbomSummaries,
  listVersionComponents,
  listVersionDependencies,
  searchComponents,
} from '../devices.repository.ts';
import { diffComponents } from '../domain/sbom/component-diff.ts';
import { exportCycloneDx } from '../domain/sbom/sbom-export-cyclonedx.ts';
import { exportSpdx23 } from '../domain/sbom/sbom-export-spdx.ts';
import { parseVersionConstraint, satisfiesConstraint } from '../domain/version-constraint.ts';
import { toComponent, toSbomComponent, toSbomDocument } from './mappers.ts';

type ReadDeps = Pick<Deps, 'db'>;

function encodePosition(row: ComponentRow): string {
  return Buffer.from(JSON.stringify([row.name.toLowerCase(), row.id])).toString('base64url');
}

function decodePosition(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { name, id };
  } catch {
    // fall through
  }
  throw new DomainError('invalid', 'The cursor is not valid.');
}

/**
 * Pages components in name order. A version constraint cannot run in SQL (versions are free-form), so
 * rows are read in batches and filtered here until the page is full.
 */
async function pageComponents(
  deps: ReadDeps,
  filter: ComponentFilter & {
    organizationId: string;
    productVersionId?: string;
    productId?: string | undefined;
  },
) {
  const constraint = filter.version ? parseVersionConstraint(filter.version) : null;
  const picked: Awaited<ReturnType<typeof searchComponents>> = [];
  let after = decodePosition(filter.cursor);
  const batchSize = constraint ? Math.max(200, filter.limit * 4) : filter.limit + 1;
  for (let round = 0; round < 50 && picked.length <= filter.limit; round++) {
    const batch = await searchComponents(deps.db, { ...filter, after, limit: batchSize });
    for (const row of batch) {
      if (!constraint || satisfiesConstraint(row.component.version, constraint)) picked.push(row);
      if (picked.length > filter.limit) break;
    }
    const last = batch.at(-1);
    if (batch.length < batchSize || !last) break;
    after = { name: last.component.name.toLowerCase(), id: last.component.id };
  }
  const page = picked.slice(0, filter.limit);
  const last = page.at(-1);
  return { page, nextCursor: picked.length > filter.limit && last ? encodePosition(last.component) : null };
}

export async function listVersionComponentsPage(
  deps: ReadDeps,
  target: { organizationId: string; productId: string; versionId: string },
  filter: ComponentFilter,
): Promise<{ items: Component[]; nextCursor: string | null }> {
  await requireVersion(deps, target);
  const { page, nextCursor } = await pageComponents(deps, {
    ...filter,
    organizationId: target.organizationId,
    productVersionId: target.versionId,
  });
  return { items: page.map((r) => toComponent(r.component)), nextCursor };
}

/** "Which of our products contain openssl < 3.0.14?": components across the organisation's versions. */
export async function searchPortfolioComponents(
  deps: ReadDeps,
  organizationId: string,
  filter: PortfolioComponentFilter,
): Promise<{ items: PortfolioComponent[]; nextCursor: string | null }> {
  const { page, nextCursor } = await pageComponents(deps, { ...filter, organizationId });
  return {
    items: page.map((r) => ({
      ...toComponent(r.component),
      product: r.product,
      productVersion: r.productVersion,
    })),
    nextCursor,
  };
}

async function requireVersion(
  deps: ReadDeps,
  target: { organizationId: string; productId: string; versionId: string },
) {
  const version = await findProductVersion(
    deps.db,
    target.organizationId,
    target.productId,
    target.versionId,
  );
  if (!version) throw new DomainError('not_found', 'No such product version.');
  return version;
}

/** Added, removed and changed components between two versions of one product. */
export async function diffProductVersions(
  deps: ReadDeps,
  organizationId: string,
  productId: string,
  fromId: string,
  toId: string,
): Promise<VersionDiff> {
  const from = await requireVersion(deps, { organizationId, productId, versionId: fromId });
  const to = await requireVersion(deps, { organizationId, productId, versionId: toId });
  const fromRows = await listVersionComponents(deps.db, from.id);
  const toRows = await listVersionComponents(deps.db, to.id);
  const byRef = new Map<string, Component>();
  const idOf = (rows: ComponentRow[], prefix: string) => {
    for (const row of rows) byRef.set(`${prefix}:${row.ref}`, toComponent(row));
  };
  idOf(fromRows, 'from');
  idOf(toRows, 'to');
  const diff = diffComponents(fromRows.map(toSbomComponent), toRows.map(toSbomComponent));
  const back = (prefix: string, ref: string) => byRef.get(`${prefix}:${ref}`) as Component;
  return {
    from: { id: from.id, label: from.label },
    to: { id: to.id, label: to.label },
    added: diff.added.map((c) => back('to', c.ref)),
    removed: diff.removed.map((c) => back('from', c.ref)),
    changed: diff.upgraded.map((u) => ({
      from: back('from', u.from.ref),
      to: back('to', u.to.ref),
      direction: u.direction,
    })),
    unchanged: diff.unchanged,
  };
}

/** The version's current components as CycloneDX 1.6 (JSON or XML) or SPDX 2.3 JSON. */
export async function exportProductVersion(
  deps: Pick<Deps, 'db' | 'clock'>,
  target: { organizationId: string; productId: string; versionId: string },
  format: 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json',
): Promise<{ body: string; contentType: string; fileName: string }> {
  const version = await requireVersion(deps, target);
  const product = await findProduct(deps.db, target.organizationId, target.productId);
  if (!product) throw new DomainError('not_found', 'No such product.');
  const organization = await getOrganization(deps, target.organizationId);
  const rows = await listVersionComponents(deps.db, version.id);
  const [latest] = await listSbomSummaries(deps.db, [version.id]);
  const input = {
    product: {
      name: product.name,
      manufacturer: organization.name,
      modelNumber: product.modelNumbers[0] ?? null,
    },
    version: { label: version.label, releasedAt: version.releasedOn },
    // CycloneDX: serialNumber + version name one BOM. It is derived from the version and the SBOM its
    // components came from, so exporting twice gives the same serial, and a new upload a new one.
    serialNumber: `urn:uuid:${uuidFrom(`${version.id}:${latest?.id ?? 'empty'}`)}`,
    generatedAt: deps.clock.now().toISOString(),
    components: rows.map(toSbomComponent),
    dependencies: await listVersionDependencies(deps.db, version.id),
  };
  const base = `${product.slug}-${version.label.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  if (format === 'spdx-json') {
    return {
      body: JSON.stringify(exportSpdx23(input), null, 2),
      contentType: 'application/spdx+json; charset=utf-8',
      fileName: `${base}.spdx.json`,
    };
  }
  const isXml = format === 'cyclonedx-xml';
  return {
    body: exportCycloneDx(input, isXml ? 'xml' : 'json'),
    contentType: `${isXml ? 'application/vnd.cyclonedx+xml' : 'application/vnd.cyclonedx+json'}; charset=utf-8`,
    fileName: `${base}.cdx.${isXml ? 'xml' : 'json'}`,
  };
}

export async function listVersionSboms(
  deps: ReadDeps,
  target: { organizationId: string; productId: string; versionId: string },
): Promise<SbomDocument[]> {
  await requireVersion(deps, target);
  return (await listSbomSummaries(deps.db, [target.versionId])).map(toSbomDocument);
}

/** The SBOM exactly as uploaded. */
export async function getSbomOriginal(deps: ReadDeps, organizationId: string, sbomId: string) {
  const row = await findSbomWithBytes(deps.db, organizationId, sbomId);
  if (!row) throw new DomainError('not_found', 'No such SBOM.');
  const [contentType, extension] = row.format.endsWith('xml')
    ? ['application/xml', 'cdx.xml']
    : row.format === 'spdx-tag-value'
      ? ['text/spdx; charset=utf-8', 'spdx']
      : ['application/json', row.format === 'spdx-json' ? 'spdx.json' : 'cdx.json'];
  return {
    bytes: row.original,
    contentType,
    sha256: row.sha256,
    fileName: `sbom-${row.sha256.slice(0, 12)}.${extension}`,
  };
}

/** A name-based UUID (RFC 9562 version 8 layout) from SHA-256 of a text. */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
