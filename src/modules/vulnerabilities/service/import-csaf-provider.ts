import { createHash } from 'node:crypto';
import type * as openpgp from 'openpgp';
import type { Config } from '../../../platform/config/config.ts';
import { failingTestNames, validateCsafDocument } from '../../../shared/csaf-validation.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { parseCsafAdvisories } from '../domain/feeds/csaf.ts';
import {
  csafUrlsOfSecurityTxt,
  directoryDocuments,
  isPublicTlpLabel,
  type ProviderDocumentReference,
  type ProviderMetadata,
  parseChangesCsv,
  parseHashFile,
  parseIndexTxt,
  parseProviderMetadata,
  parseRolieFeed,
  providerMetadataLocations,
  updatedSince,
} from '../domain/feeds/csaf-provider.ts';
import { isObject } from '../domain/feeds/feed-json.ts';
import type { FeedDocument } from './import-feed.ts';

export interface CsafProviderOptions {
  /**
   * Bearer token of the provider's access-protected (TLP:GREEN/AMBER/RED) feeds. With it every feed is
   * read, without it only TLP:WHITE/CLEAR ones; it is sent only to the metadata's own origin.
   */
  token?: string | null;
  /** Only documents updated on or after this instant (ROLIE `updated`, changes.csv date). */
  since?: Date | null;
  /** Largest file read: CANDOR_FEED_DOWNLOAD_LIMIT_BYTES, but never over 64 MiB (all is held in memory). */
  maxBytes?: number;
  /** Per request, body included (30 s). */
  timeoutMs?: number;
  /** Documents downloaded and verified at once (6). */
  concurrency?: number;
}

interface Client {
  token: string | null;
  tokenOrigin: string | null;
  maxBytes: number;
  timeoutMs: number;
}

interface Fetched {
  bytes: Uint8Array;
  url: string;
}

const maxRedirects = 5;
// Loaded only when a provider is read: every `candor` command would pay for it otherwise.
const loadOpenpgp = () => import('openpgp');
const decoder = new TextDecoder();
const textOf = (bytes: Uint8Array) => decoder.decode(bytes).replace(/^\uFEFF/, '');

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // fetch reports network failures as "fetch failed" with the reason (ECONNREFUSED, …) as the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};

async function readCapped(response: Response, url: string, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooLarge = () => new DomainError('invalid', `${url}: larger than ${limit} bytes; not read`);
  if (declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      // Leaving the loop cancels the stream: the rest is never read.
      if (total > limit) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * GET with a timeout and a size cap. Redirects are followed only within the same host (CSAF 2.0 §7.1.6
 * discourages them; one to another host could hand the token or the trust to someone else). With
 * `optional`, 404 and 410 answer null (a hash or signature file the provider does not have).
 */
async function get(client: Client, url: string, optional = false): Promise<Fetched | null> {
  let current = new URL(url);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const headers: Record<string, string> = { accept: '*/*' };
    if (client.token && current.origin === client.tokenOrigin)
      headers.authorization = `Bearer ${client.token}`;
    let response: Response;
    try {
      response = await fetch(current, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(client.timeoutMs),
      });
    } catch (error) {
      throw new DomainError('invalid', `${current.href}: ${messageOf(error)}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, current);
      const sameHost =
        next.host === current.host && (next.protocol === current.protocol || next.protocol === 'https:');
      if (!sameHost)
        throw new DomainError(
          'invalid',
          `${current.href}: redirects to ${next.origin}, another host; not followed`,
        );
      current = next;
      continue;
    }
    if (optional && (response.status === 404 || response.status === 410)) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DomainError(
        'invalid',
        `${current.href}: HTTP ${response.status} ${response.statusText}`.trim(),
      );
    }
    try {
      return { bytes: await readCapped(response, current.href, client.maxBytes), url: current.href };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('invalid', `${current.href}: ${messageOf(error)}`);
    }
  }
  throw new DomainError('invalid', `${url}: more than ${maxRedirects} redirects`);
}

async function getRequired(client: Client, url: string): Promise<Fetched> {
  return (await get(client, url)) as Fetched;
}

function parseJson(fetched: Fetched): unknown {
  try {
    return JSON.parse(textOf(fetched.bytes));
  } catch (error) {
    throw new DomainError('invalid', `${fetched.url}: not JSON (${messageOf(error)})`);
  }
}

type Discovered =
  | { kind: 'metadata'; url: string; metadata: ProviderMetadata }
  | { kind: 'feed'; url: string; json: unknown }
  | { kind: 'document'; url: string };

/**
 * Finds the provider metadata as CSAF 2.0 §7.3 says: the URL itself when it names a .json file, else
 * `/.well-known/csaf/provider-metadata.json`, then the `CSAF:` lines of security.txt. A .json URL that
 * turns out to be a ROLIE feed or a single advisory is read as such.
 */
async function discover(client: Client, input: string, warnings: string[]): Promise<Discovered> {
  const locations = providerMetadataLocations(input);
  // A .json URL names the metadata (or a feed, or a document) itself: its failure is the answer.
  if (locations.securityTxt.length === 0) {
    const fetched = await getRequired(client, locations.metadata[0] as string);
    return readDiscovered(fetched, warnings);
  }
  const tried: string[] = [];
  const tryEach = async (urls: string[]) => {
    for (const url of urls) {
      try {
        const fetched = await get(client, url, true);
        if (fetched) return readDiscovered(fetched, warnings);
        tried.push(`${url} (404)`);
      } catch (error) {
        tried.push(`${url} (${messageOf(error).replace(`${url}: `, '')})`);
      }
    }
    return null;
  };
  const wellKnown = await tryEach(locations.metadata);
  if (wellKnown) return wellKnown;
  for (const securityTxt of locations.securityTxt) {
    const body = await get(client, securityTxt, true).catch(() => null);
    const csafUrls = body ? csafUrlsOfSecurityTxt(textOf(body.bytes), body.url) : [];
    tried.push(`${securityTxt} (${body ? `${csafUrls.length} CSAF line(s)` : 'none'})`);
    const found = await tryEach(csafUrls);
    if (found) return found;
  }
  throw new DomainError('invalid', `${input}: no CSAF provider metadata found; tried ${tried.join(', ')}`);
}

function readDiscovered(fetched: Fetched, warnings: string[]): Discovered {
  const json = parseJson(fetched);
  const root = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if ('feed' in root) return { kind: 'feed', url: fetched.url, json };
  if ('document' in root) return { kind: 'document', url: fetched.url };
  return { kind: 'metadata', url: fetched.url, metadata: parseProviderMetadata(json, fetched.url, warnings) };
}

/** The keys the metadata lists whose fingerprint matches (CSAF 2.0 §7.1.20); each problem is a warning. */
async function loadKeys(client: Client, metadata: ProviderMetadata, warnings: string[]) {
  const { readKeys } = await loadOpenpgp();
  const keys: openpgp.PublicKey[] = [];
  if (metadata.publicKeys.length === 0)
    warnings.push('the provider metadata lists no public_openpgp_keys: signatures cannot be checked');
  for (const { url, fingerprint } of metadata.publicKeys) {
    try {
      const { bytes } = await getRequired(client, url);
      const text = textOf(bytes);
      const found = text.includes('-----BEGIN PGP')
        ? await readKeys({ armoredKeys: text })
        : await readKeys({ binaryKeys: bytes });
      const matching = fingerprint
        ? found.filter((key) => key.getFingerprint().toUpperCase() === fingerprint)
        : found;
      if (matching.length === 0)
        warnings.push(
          `${url}: holds key ${found.map((k) => k.getFingerprint().toUpperCase()).join(', ')}, not ${fingerprint}; not used`,
        );
      else if (!fingerprint)
        warnings.push(`${url}: the metadata gives no fingerprint; the key is used as it is`);
      keys.push(...matching.map((key) => key.toPublic()));
    } catch (error) {
      warnings.push(`${url}: OpenPGP key not usable (${messageOf(error)})`);
    }
  }
  return keys;
}

async function verifySignature(bytes: Uint8Array, armored: string, keys: openpgp.PublicKey[]) {
  const { createMessage, readSignature, verify } = await loadOpenpgp();
  const signature = await readSignature({ armoredSignature: armored });
  const message = await createMessage({ binary: bytes });
  const { signatures } = await verify({ message, signature, verificationKeys: keys });
  const outcomes = await Promise.allSettled(signatures.map((s) => s.verified));
  if (outcomes.some((o) => o.status === 'fulfilled' && o.value === true)) return;
  const failure = outcomes.find((o) => o.status === 'rejected');
  throw new Error(failure ? messageOf(failure.reason) : 'no signature');
}

/**
 * Downloads one document and checks it before anyone reads it (CSAF 2.0 §7.3 for trusted providers):
 * its hash file (.sha512 preferred, then .sha256) and its detached OpenPGP signature against the
 * provider's keys. A mismatch or a bad signature throws (the document is skipped); a missing hash file or
 * signature, or no key to check with, is a note.
 */
async function fetchVerified(
  client: Client,
  reference: ProviderDocumentReference,
  keys: openpgp.PublicKey[] | null,
  notes: string[],
): Promise<Fetched> {
  let document: Fetched | null = null;
  for (const url of [reference.url, ...reference.alternates]) {
    document = await get(client, url, true);
    if (document) break;
  }
  if (!document) throw new DomainError('invalid', `${reference.url}: HTTP 404 Not Found`);
  const base = document.url;
  const hashUrls = reference.hashUrls.length > 0 ? reference.hashUrls : [`${base}.sha512`, `${base}.sha256`];
  let hashChecked = false;
  for (const hashUrl of hashUrls) {
    const file = await get(client, hashUrl, true).catch((error: unknown) => {
      notes.push(messageOf(error));
      return null;
    });
    if (!file) continue;
    const expected = parseHashFile(textOf(file.bytes));
    if (!expected) throw new DomainError('invalid', `${hashUrl} holds no SHA-256 or SHA-512 hash`);
    const actual = createHash(expected.algorithm).update(document.bytes).digest('hex');
    if (actual !== expected.hex)
      throw new DomainError(
        'invalid',
        `${expected.algorithm.toUpperCase()} mismatch: ${hashUrl} says ${expected.hex.slice(0, 16)}…, the document hashes to ${actual.slice(0, 16)}…`,
      );
    hashChecked = true;
    break;
  }
  if (!hashChecked) notes.push('no .sha512 or .sha256 hash file (CSAF 2.0 §7.1.18); integrity not checked');
  const signatureUrl = reference.signatureUrl ?? `${base}.asc`;
  const signature = await get(client, signatureUrl, true).catch((error: unknown) => {
    notes.push(messageOf(error));
    return null;
  });
  if (!signature) notes.push('no OpenPGP signature (.asc, CSAF 2.0 §7.1.19); authenticity not checked');
  else if (!keys || keys.length === 0)
    notes.push('signature not checked: no usable OpenPGP key of the provider');
  else {
    try {
      await verifySignature(document.bytes, textOf(signature.bytes), keys);
    } catch (error) {
      throw new DomainError(
        'invalid',
        `OpenPGP signature ${signatureUrl} does not verify (${messageOf(error)})`,
      );
    }
  }
  return document;
}

/**
 * A CSAF document's advisories, once it passes the strict schema and the mandatory tests (CSAF 2.0 §6.1,
 * csaf-validator-lib); a failing document throws `invalid` with the failing tests' names in `details`.
 * JSON that is no CSAF document at all gets the parser's error, which says what it is instead.
 */
export async function csafAdvisoriesOf(json: unknown, warnings: string[]): Promise<Advisory[]> {
  const hasVersion = isObject(json) && isObject(json.document) && json.document.csaf_version !== undefined;
  if (!hasVersion) return parseCsafAdvisories(json, warnings);
  const validation = await validateCsafDocument(json, 'mandatory');
  if (!validation.valid) {
    const failingTests = failingTestNames(validation);
    const first = validation.errors
      .slice(0, 3)
      .map((e) => `${e.path || '/'}: ${e.message}`)
      .join('; ');
    const more = validation.errors.length > 3 ? `; ${validation.errors.length - 3} more` : '';
    throw new DomainError('invalid', `fails CSAF validation (${failingTests.join(', ')}): ${first}${more}`, {
      failingTests,
    });
  }
  return parseCsafAdvisories(json, warnings);
}

/** The documents a provider publishes: ROLIE feeds when it has readable ones (§7.3), else its directories. */
async function listDocuments(
  client: Client,
  metadata: ProviderMetadata,
  hasToken: boolean,
  warnings: string[],
): Promise<ProviderDocumentReference[]> {
  const feeds = metadata.rolieFeeds.filter((feed) => {
    if (hasToken || isPublicTlpLabel(feed.tlpLabel)) return true;
    warnings.push(
      `${feed.url}: TLP:${feed.tlpLabel} feed skipped (access-protected; give --token to read it)`,
    );
    return false;
  });
  const found = new Map<string, ProviderDocumentReference>();
  for (const feed of feeds) {
    try {
      for (const reference of parseRolieFeed(
        parseJson(await getRequired(client, feed.url)),
        feed.url,
        warnings,
      ))
        if (!found.has(reference.url)) found.set(reference.url, reference);
    } catch (error) {
      warnings.push(`${messageOf(error)}; feed skipped`);
    }
  }
  if (feeds.length > 0) return [...found.values()];
  for (const directory of metadata.directoryUrls) {
    const optional = (name: string) =>
      get(client, new URL(name, directory).href, true).catch((error: unknown) => {
        warnings.push(messageOf(error));
        return null;
      });
    const index = await optional('index.txt');
    const changes = await optional('changes.csv');
    if (!index && !changes) {
      warnings.push(`${directory}: neither index.txt nor changes.csv; directory skipped`);
      continue;
    }
    const listed = directoryDocuments(
      directory,
      index ? parseIndexTxt(textOf(index.bytes)) : null,
      changes ? parseChangesCsv(textOf(changes.bytes), warnings) : null,
      warnings,
    );
    for (const reference of listed) if (!found.has(reference.url)) found.set(reference.url, reference);
  }
  return [...found.values()];
}

/**
 * The verified documents of a CSAF provider, read like a CSAF downloader (CSAF 2.0 §7.3): the provider
 * metadata from `input` (a provider-metadata.json URL, or any URL of the provider's main domain), its
 * OpenPGP keys, its ROLIE feeds (TLP:WHITE/CLEAR only unless a token is given) or else its directories
 * (index.txt, changes.csv), then each document with its hash and signature checked. Provider-level
 * problems are appended to `warnings`; a document that fails its checks is yielded with a `read()` that
 * throws, so the importer lists it as rejected. Documents are fetched a few at a time, in order.
 *
 * @throws DomainError('invalid') when no provider metadata can be read at `input`.
 */
export async function* csafProviderDocuments(
  deps: { config?: Pick<Config, 'feedDownloadLimitBytes'> },
  input: string,
  options: CsafProviderOptions,
  warnings: string[],
): AsyncGenerator<FeedDocument> {
  const client: Client = {
    token: options.token ?? null,
    tokenOrigin: null,
    maxBytes: options.maxBytes ?? Math.min(deps.config?.feedDownloadLimitBytes ?? Infinity, 64 * 1024 * 1024),
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const discovered = await discover(client, input, warnings);
  client.tokenOrigin = new URL(discovered.url).origin;
  if (!discovered.url.startsWith('https:'))
    warnings.push(`${discovered.url}: read over plain HTTP (CSAF 2.0 §7.1.3 wants HTTPS)`);
  let references: ProviderDocumentReference[];
  let keys: openpgp.PublicKey[] | null = null;
  if (discovered.kind === 'metadata') {
    keys = await loadKeys(client, discovered.metadata, warnings);
    references = await listDocuments(client, discovered.metadata, client.token !== null, warnings);
  } else if (discovered.kind === 'feed') {
    warnings.push(`${discovered.url}: a ROLIE feed without provider metadata: signatures cannot be checked`);
    references = parseRolieFeed(discovered.json, discovered.url, warnings);
  } else {
    const url = discovered.url;
    references = [{ url, hashUrls: [], signatureUrl: null, alternates: [], updated: null }];
  }
  references = updatedSince(references, options.since ?? null);

  const start = (reference: ProviderDocumentReference) => {
    const notes: string[] = [];
    const result = fetchVerified(client, reference, keys, notes);
    // Settled here and read later: an early failure must not count as unhandled.
    result.catch(() => {});
    return { reference, notes, result };
  };
  const window = Math.max(1, options.concurrency ?? 6);
  const pending: ReturnType<typeof start>[] = [];
  let next = 0;
  while (pending.length > 0 || next < references.length) {
    while (pending.length < window && next < references.length)
      pending.push(start(references[next++] as ProviderDocumentReference));
    const item = pending.shift() as ReturnType<typeof start>;
    const fetched = await item.result.catch(() => null);
    const url = fetched?.url ?? item.reference.url;
    yield {
      name: url,
      sourceUrl: url,
      notes: item.notes,
      read: async () => textOf((await item.result).bytes),
    };
  }
}
