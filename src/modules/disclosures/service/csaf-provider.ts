import type { Deps } from '../../../platform/deps.ts';
import type { Principal } from '../../../shared/access.ts';
import { DomainError } from '../../../shared/errors.ts';
import { getSbomOriginal } from '../../devices/index.ts';
import {
  type CsafDocumentSummary,
  findNewestCsafRelease,
  findServedCsafDocument,
  listPublishersGrantingTo,
  listServedCsafDocuments,
} from '../csaf-documents.repository.ts';
import {
  formatChangesCsv,
  formatDirectoryListing,
  formatHashFile,
  formatIndexTxt,
} from '../domain/provider/listings.ts';
import { buildProviderMetadata } from '../domain/provider/provider-metadata.ts';
import {
  type CsafTlpLabel,
  csafTlpLabels,
  feedFileName,
  parseDocumentFileName,
  providerUrls,
  tlpFolder,
  wellKnownCsafPath,
} from '../domain/provider/provider-paths.ts';
import { buildRolieFeed, buildRolieServiceDocument } from '../domain/provider/rolie.ts';
import { formatSecurityTxt } from '../domain/provider/security-txt.ts';
import { findPublicKeyByFingerprint, listSigningKeyFingerprints } from './signing-keys.ts';

type ProviderDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** A file the provider serves: its bytes and media type. */
export interface ProviderFile {
  body: string;
  contentType: string;
}

/**
 * Who reads the customer channel: the organisations the caller acts for (an API token's one
 * organisation, or every membership of a signed-in user). Null for anonymous callers.
 */
export type CsafReader = { organizationIds: string[] } | null;

export function csafReaderOf(principal: Principal | null): CsafReader {
  if (!principal) return null;
  const token = principal.token;
  const organizationIds = principal.memberships
    .map((m) => m.organizationId)
    .filter((id) => !token || id === token.organizationId);
  return { organizationIds };
}

const json = (value: unknown): ProviderFile => ({
  body: `${JSON.stringify(value, null, 2)}\n`,
  contentType: 'application/json; charset=utf-8',
});
const html = (body: string): ProviderFile => ({ body, contentType: 'text/html; charset=utf-8' });
const text = (body: string): ProviderFile => ({ body, contentType: 'text/plain; charset=utf-8' });

/**
 * The publishers whose documents of this label the reader may see (null: all). TLP:WHITE is public;
 * TLP:GREEN goes to every signed-in caller; TLP:AMBER only to the publisher itself and the organisations
 * it granted access. Routes already refuse anonymous callers on the customer channel; this refuses too.
 */
async function visiblePublishers(
  deps: Pick<Deps, 'db'>,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<string[] | null> {
  if (tlp === 'WHITE') return null;
  if (!reader) throw new DomainError('unauthenticated', 'Sign in or send an API token.');
  if (tlp === 'GREEN') return null;
  const granting = await listPublishersGrantingTo(deps.db, reader.organizationIds);
  return [...new Set([...reader.organizationIds, ...granting])];
}

async function servedDocuments(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<CsafDocumentSummary[]> {
  return listServedCsafDocuments(deps.db, tlp, await visiblePublishers(deps, tlp, reader));
}

/** `/.well-known/csaf/provider-metadata.json` (CSAF 2.0 §7.1.7, §7.1.9). */
export async function getProviderMetadata(deps: ProviderDeps): Promise<ProviderFile> {
  const keys = await listSigningKeyFingerprints(deps);
  const newestDocument = await findNewestCsafRelease(deps.db);
  // The metadata changes when a key is added; documents change what its feeds list.
  const candidates = [newestDocument, ...keys.map((k) => k.createdAt)].filter((d): d is Date => d !== null);
  const lastUpdated =
    candidates.length > 0 ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : deps.clock.now();
  return json(
    buildProviderMetadata({
      urls: providerUrls(deps.config.publicUrl),
      providerName: deps.config.providerName,
      namespace: deps.config.publicUrl,
      securityContact: deps.config.securityContact,
      lastUpdated,
      fingerprints: keys.map((k) => k.fingerprint),
    }),
  );
}

/** `/.well-known/csaf/service.json`: the ROLIE service document (§7.1.16). */
export function getRolieServiceDocument(deps: Pick<Deps, 'config'>): ProviderFile {
  return json(
    buildRolieServiceDocument({
      urls: providerUrls(deps.config.publicUrl),
      providerName: deps.config.providerName,
    }),
  );
}

/** `/.well-known/security.txt` with its `CSAF:` line (§7.1.8). */
export function getSecurityTxt(deps: Pick<Deps, 'config' | 'clock'>): ProviderFile {
  const urls = providerUrls(deps.config.publicUrl);
  return text(
    formatSecurityTxt({
      contact: deps.config.securityContact,
      canonicalUrl: urls.securityTxt,
      providerMetadataUrl: urls.providerMetadata,
      now: deps.clock.now(),
    }),
  );
}

/** `/.well-known/csaf/openpgp/<FINGERPRINT>.asc`: an organisation's public key (§7.1.20). */
export async function getOpenPgpPublicKey(deps: Pick<Deps, 'db'>, file: string): Promise<ProviderFile> {
  const fingerprint = /^([0-9A-Fa-f]{40,64})\.asc$/.exec(file)?.[1];
  const publicKey = fingerprint ? await findPublicKeyByFingerprint(deps, fingerprint) : null;
  if (!publicKey) throw new DomainError('not_found', `No OpenPGP key ${file}.`);
  return { body: publicKey, contentType: 'application/pgp-keys' };
}

/** `/.well-known/csaf/`: the provider's own listing. */
export function getProviderListing(): ProviderFile {
  return html(
    formatDirectoryListing(`${wellKnownCsafPath}/`, [
      'provider-metadata.json',
      'service.json',
      ...csafTlpLabels.map((tlp) => `${tlpFolder(tlp)}/`),
    ]),
  );
}

/** The ROLIE feed of a TLP label, with only the documents the reader may see (§7.1.15). */
export async function getCsafFeed(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<ProviderFile> {
  const documents = await servedDocuments(deps, tlp, reader);
  return json(
    buildRolieFeed({
      urls: providerUrls(deps.config.publicUrl),
      providerName: deps.config.providerName,
      tlp,
      now: deps.clock.now(),
      entries: documents.map((d) => ({
        trackingId: d.trackingId,
        title: d.title ?? d.trackingId,
        path: d.path,
        initialReleaseAt: d.initialReleaseDate ? new Date(d.initialReleaseDate) : d.currentReleaseAt,
        currentReleaseAt: d.currentReleaseAt,
      })),
    }),
  );
}

/** `index.txt` of a TLP folder (§7.1.12). */
export async function getIndexTxt(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<ProviderFile> {
  return text(formatIndexTxt(await servedDocuments(deps, tlp, reader)));
}

/** `changes.csv` of a TLP folder (§7.1.13). */
export async function getChangesCsv(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<ProviderFile> {
  return {
    ...text(formatChangesCsv(await servedDocuments(deps, tlp, reader))),
    contentType: 'text/csv; charset=utf-8',
  };
}

/** The listing of a TLP folder: its files and the year folders the reader has documents in (§7.1.14). */
export async function getTlpFolderListing(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
): Promise<ProviderFile> {
  const documents = await servedDocuments(deps, tlp, reader);
  const years = [...new Set(documents.map((d) => d.path.slice(0, d.path.indexOf('/'))))].sort().reverse();
  return html(
    formatDirectoryListing(`${wellKnownCsafPath}/${tlpFolder(tlp)}/`, [
      'index.txt',
      'changes.csv',
      feedFileName(tlp),
      ...years.map((y) => `${y}/`),
    ]),
  );
}

/** The listing of a year folder: each visible document with its hash and signature files. */
export async function getYearFolderListing(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
  year: string,
): Promise<ProviderFile> {
  const names = /^\d{4}$/.test(year)
    ? (await servedDocuments(deps, tlp, reader))
        .filter((d) => d.path.startsWith(`${year}/`))
        .map((d) => d.path.slice(year.length + 1))
        .sort()
    : [];
  if (names.length === 0)
    throw new DomainError('not_found', `No folder ${wellKnownCsafPath}/${tlpFolder(tlp)}/${year}/.`);
  return html(
    formatDirectoryListing(
      `${wellKnownCsafPath}/${tlpFolder(tlp)}/${year}/`,
      names.flatMap((n) => [n, `${n}.asc`, `${n}.sha256`, `${n}.sha512`]),
    ),
  );
}

/**
 * A document, or its `.sha256`, `.sha512` or `.asc` file. A document the reader may not see answers
 * `not_found`, exactly like one that does not exist, so its existence does not leak.
 */
export async function getCsafFile(
  deps: ProviderDeps,
  tlp: CsafTlpLabel,
  reader: CsafReader,
  year: string,
  file: string,
): Promise<ProviderFile> {
  const request = parseDocumentFileName(year, file);
  const notFound = new DomainError(
    'not_found',
    `No file ${wellKnownCsafPath}/${tlpFolder(tlp)}/${year}/${file}.`,
  );
  if (!request) throw notFound;
  const document = await findServedCsafDocument(
    deps.db,
    tlp,
    request.path,
    await visiblePublishers(deps, tlp, reader),
  );
  if (!document) throw notFound;
  const fileName = request.path.slice(year.length + 1);
  switch (request.suffix) {
    case '':
      return { body: document.document, contentType: 'application/json; charset=utf-8' };
    case '.sha256':
      return text(formatHashFile(document.sha256, fileName));
    case '.sha512':
      return text(formatHashFile(document.sha512, fileName));
    case '.asc':
      return { body: document.signature, contentType: 'application/pgp-signature' };
  }
}

/**
 * The bytes the provider serves to anyone at `path` (`/.well-known/csaf/white/<year>/<file>.json`), or
 * null when it serves nothing there: what the transparency log's monitor re-hashes.
 */
export async function getPublicCsafDocument(deps: ProviderDeps, path: string): Promise<Uint8Array | null> {
  const match = new RegExp(`^${wellKnownCsafPath}/${tlpFolder('WHITE')}/([^/]+)/([^/]+\\.json)$`).exec(path);
  if (!match) return null;
  try {
    const file = await getCsafFile(deps, 'WHITE', null, match[1] as string, match[2] as string);
    return Buffer.from(file.body, 'utf8');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * An SBOM of a publisher as uploaded, for the customer channel: the `sbom_urls` of its CSAF documents
 * point here. Readable by the publisher's members and by the organisations it granted customer access
 * (the TLP:AMBER rule); anyone else gets `not_found`, exactly like an SBOM that does not exist.
 */
export async function getCustomerSbom(
  deps: ProviderDeps,
  reader: CsafReader,
  publisherId: string,
  sbomId: string,
) {
  const visible = await visiblePublishers(deps, 'AMBER', reader);
  if (visible !== null && !visible.includes(publisherId)) throw new DomainError('not_found', 'No such SBOM.');
  return getSbomOriginal(deps, publisherId, sbomId);
}
