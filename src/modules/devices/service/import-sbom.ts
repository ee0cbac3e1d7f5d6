import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { sha256Hex } from '../../../shared/canonical-json.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { packageLookupName } from '../../../shared/package-lookup-name.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type { SbomImportResult } from '../devices.contracts.ts';
import {
  type ComponentRow,
  deleteVersionComponents,
  findProductVersion,
  findSbomByHash,
  insertComponentDependencies,
  insertComponents,
  insertSbom,
  type SbomRow,
} from '../devices.repository.ts';
import { parseCpe23 } from '../domain/sbom/cpe.ts';
import { parseSbom } from '../domain/sbom/parse-sbom.ts';
import type { SbomComponent } from '../domain/sbom/sbom-model.ts';
import { toSbomDocument } from './mappers.ts';

/**
 * Component (and dependency) rows per INSERT: big enough that a 300,000-component SBOM takes a few dozen
 * statements, small enough that each stays a few megabytes (PGlite's heap grows to its largest statement
 * and never shrinks). All of them run in the import's one transaction: a failing chunk writes nothing.
 */
export const rowsPerStatement = 5000;

/**
 * Type and lookup name of a canonical purl (`packageLookupName`, as the advisory keys have it), for
 * search and matching: `pkg:apk/alpine/openssl@3` → apk, openssl; `pkg:golang/github.com/a/b/v2@v2.0.1`
 * → golang, b/v2.
 */
function purlTypeAndName(purl: string | null): { purlType: string | null; purlName: string | null } {
  const match = purl ? /^pkg:([a-zA-Z0-9.+-]+)\/((?:[^@?#]*\/)?[^/@?#]+)/.exec(purl) : null;
  if (!match) return { purlType: null, purlName: null };
  let name = match[2] as string;
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the encoded form
  }
  const purlType = (match[1] as string).toLowerCase();
  return { purlType, purlName: packageLookupName(purlType, name) };
}

/**
 * Imports an SBOM document into a product version: keeps the original bytes and their SHA-256, and
 * makes its components the version's current ones, all in one transaction. The same bytes imported
 * again change nothing (`alreadyImported`). Throws `not_found` for an unknown version and `invalid`
 * for a document that is not a supported SBOM.
 */
export async function importSbom(
  deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'hooks'>>,
  actor: Actor,
  target: { organizationId: string; productId: string; versionId: string },
  bytes: Uint8Array,
): Promise<SbomImportResult> {
  const version = await findProductVersion(
    deps.db,
    target.organizationId,
    target.productId,
    target.versionId,
  );
  if (!version) throw new DomainError('not_found', 'No such product version.');
  if (bytes.byteLength === 0) throw new DomainError('invalid', 'The upload is empty.');
  const sha256 = sha256Hex(bytes);
  const existing = await findSbomByHash(deps.db, version.id, sha256);
  if (existing) {
    const sbom = toSbomDocument(existing);
    return {
      sbom,
      alreadyImported: true,
      components: sbom.componentCount,
      skipped: sbom.skipped.length,
      warnings: sbom.warnings,
    };
  }

  const result = await storeSbom(deps, actor, target, version.id, bytes, sha256);
  // Matching reads the components back from the database; of the parse, only the report is still
  // reachable here (a 300,000-component model would otherwise sit beside what matching loads).
  await deps.hooks?.afterSbomImported?.(version.id);
  return result;
}

/**
 * Parses the document and writes it, its components and their dependency edges in one transaction.
 * Rows are built and inserted a chunk at a time, so the parsed model is the only full copy in memory
 * (a 300,000-component SBOM would otherwise also hold 300,000 rows and their SQL parameters).
 */
async function storeSbom(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: { organizationId: string; productId: string },
  versionId: string,
  bytes: Uint8Array,
  sha256: string,
): Promise<SbomImportResult> {
  const parsed = parseSbom(bytes);
  const now = deps.clock.now();
  const sbomRow: SbomRow = {
    id: newId(),
    organizationId: target.organizationId,
    productVersionId: versionId,
    format: parsed.format,
    specVersion: parsed.specVersion,
    author: parsed.author,
    documentCreatedAt: parseTimestamp(parsed.createdAt),
    sha256,
    byteSize: bytes.byteLength,
    original: bytes,
    componentCount: parsed.components.length,
    warnings: parsed.warnings,
    skipped: parsed.skipped,
    uploadedByUserId: actor.kind === 'user' ? actor.userId : null,
    createdAt: now,
  };
  const { original: _bytes, ...summary } = sbomRow;
  const sbom = toSbomDocument(summary);
  const { components, dependencies } = parsed;
  await withTransaction(deps.db, async (tx) => {
    await insertSbom(tx, sbomRow);
    await deleteVersionComponents(tx, versionId);
    for (let i = 0; i < components.length; i += rowsPerStatement) {
      await insertComponents(
        tx,
        components
          .slice(i, i + rowsPerStatement)
          .map((c) => toComponentRow(c, target.organizationId, versionId, sbomRow.id)),
      );
    }
    for (let i = 0; i < dependencies.length; i += rowsPerStatement) {
      await insertComponentDependencies(
        tx,
        dependencies
          .slice(i, i + rowsPerStatement)
          .map((d) => ({ productVersionId: versionId, sbomId: sbomRow.id, fromRef: d.from, toRef: d.to })),
      );
    }
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'sbom.imported',
      organizationId: target.organizationId,
      entityType: 'sbom',
      entityId: sbomRow.id,
      after: { ...sbom, productId: target.productId },
    });
  });
  return {
    sbom,
    alreadyImported: false,
    components: components.length,
    skipped: parsed.skipped.length,
    warnings: parsed.warnings,
  };
}

/** CPE vendor and product (unescaped, lower-cased) for matching lookups; null for ANY/NA or no CPE. */
function cpeVendorAndProduct(cpe: string | null): { cpeVendor: string | null; cpeProduct: string | null } {
  const attributes = cpe ? parseCpe23(cpe) : null;
  const usable = (value: string | undefined) =>
    value && value !== '*' && value !== '-' ? value.toLowerCase() : null;
  return { cpeVendor: usable(attributes?.vendor), cpeProduct: usable(attributes?.product) };
}

function parseTimestamp(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toComponentRow(
  c: SbomComponent,
  organizationId: string,
  versionId: string,
  sbomId: string,
): ComponentRow {
  return {
    id: newId(),
    organizationId,
    productVersionId: versionId,
    sbomId,
    ref: c.ref,
    name: c.name,
    version: c.version,
    supplier: c.supplier,
    type: c.type,
    purl: c.purl,
    ...purlTypeAndName(c.purl),
    cpe: c.cpe,
    ...cpeVendorAndProduct(c.cpe),
    swidTagId: c.swidTagId,
    hashes: c.hashes,
    licenseExpression: c.licenseExpression,
    sourcePath: c.sourcePath,
    identityHint: c.identityHint,
  };
}
