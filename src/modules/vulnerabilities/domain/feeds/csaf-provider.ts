/**
 * What a CSAF consumer reads of a provider before the advisories themselves (CSAF 2.0 §7.1, retrieval
 * §7.3): provider-metadata.json, ROLIE feeds, `index.txt`, `changes.csv`, `security.txt` CSAF lines and
 * hash files. Tolerant of real-world deviations (CISA's prefixed paths, unquoted and unsorted
 * changes.csv): they become warnings, not failures. Pure, no I/O.
 */
import { DomainError } from '../../../../shared/errors.ts';
import { type FeedWarnings, isObject, type JsonObject, list, text } from './feed-json.ts';

export interface RolieFeedReference {
  url: string;
  /** As the metadata writes it (WHITE, GREEN, AMBER, RED, UNLABELED; 2.1: CLEAR), upper-cased. */
  tlpLabel: string;
  summary: string | null;
}

export interface ProviderPublicKey {
  /** Upper-case hex without spaces, or null when the metadata gives none. */
  fingerprint: string | null;
  url: string;
}

export interface ProviderMetadata {
  canonicalUrl: string | null;
  role: string | null;
  publisherName: string | null;
  publisherNamespace: string | null;
  rolieFeeds: RolieFeedReference[];
  /** `distributions[].directory_url`, each ending in `/`. */
  directoryUrls: string[];
  publicKeys: ProviderPublicKey[];
}

/** A document a ROLIE feed lists, with its hash and signature files when the entry links them. */
export interface ProviderDocumentReference {
  url: string;
  /** Hash files the provider lists (ROLIE `hash` links); empty: probe `<url>.sha512`, `.sha256`. */
  hashUrls: string[];
  /** The `signature` link; null: probe `<url>.asc`. */
  signatureUrl: string | null;
  /** Further URLs to try, in order, when `url` answers 404 (paths whose prefix we had to guess). */
  alternates: string[];
  /** ROLIE `updated` or the changes.csv date, when known. */
  updated: string | null;
}

export interface ChangesEntry {
  path: string;
  currentReleaseDate: string;
}

/** TLP labels whose documents anyone may read (CSAF 2.0 §7.1.4: WHITE; 2.1: CLEAR). */
export function isPublicTlpLabel(label: string | null): boolean {
  return label === 'WHITE' || label === 'CLEAR';
}

export function normalizeFingerprint(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function absoluteUrl(value: unknown, base: string): string | null {
  const raw = text(value)?.trim();
  if (!raw) return null;
  try {
    return new URL(raw, base).href;
  } catch {
    return null;
  }
}

/**
 * Where to look for a provider's metadata, in the order of CSAF 2.0 §7.3: a URL ending in `.json` is
 * taken as the metadata itself; otherwise the main domain's `/.well-known/csaf/provider-metadata.json`,
 * then its `security.txt` (whose `CSAF:` lines name the metadata).
 * @throws DomainError('invalid') for anything but an http(s) URL.
 */
export function providerMetadataLocations(input: string): { metadata: string[]; securityTxt: string[] } {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new DomainError('invalid', `${input}: not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DomainError('invalid', `${input}: only http(s) URLs can be read`);
  if (/\.json$/i.test(url.pathname)) return { metadata: [url.href], securityTxt: [] };
  return {
    metadata: [new URL('/.well-known/csaf/provider-metadata.json', url.origin).href],
    securityTxt: [
      new URL('/.well-known/security.txt', url.origin).href,
      new URL('/security.txt', url.origin).href,
    ],
  };
}

/** The `CSAF:` field values of a security.txt (RFC 9116, CSAF 2.0 §7.1.8), in their order. */
export function csafUrlsOfSecurityTxt(body: string, base: string): string[] {
  return body.split(/\r?\n/).flatMap((line) => {
    const match = /^\s*CSAF\s*:\s*(\S+)\s*$/i.exec(line);
    const url = match ? absoluteUrl(match[1], base) : null;
    return url ? [url] : [];
  });
}

/**
 * Reads provider-metadata.json (CSAF 2.0 §7.1.7). Relative URLs are resolved against `metadataUrl`
 * with a warning; distributions and keys that make no sense are skipped with a warning.
 * @throws DomainError('invalid') when the JSON is no provider metadata at all.
 */
export function parseProviderMetadata(
  json: unknown,
  metadataUrl: string,
  warnings: FeedWarnings = [],
): ProviderMetadata {
  if (!isObject(json) || !('distributions' in json || ('canonical_url' in json && 'role' in json))) {
    const what = isObject(json) && isObject(json.document) ? ' It is a CSAF advisory.' : '';
    throw new DomainError('invalid', `${metadataUrl}: not a CSAF provider-metadata.json.${what}`);
  }
  const publisher = isObject(json.publisher) ? json.publisher : {};
  const urlOf = (value: unknown, path: string): string | null => {
    const raw = text(value)?.trim();
    const url = absoluteUrl(value, metadataUrl);
    if (!url) warnings.push(`${path}: not a URL; skipped`);
    else if (raw && !/^https?:\/\//i.test(raw)) warnings.push(`${path}: relative URL ${raw}; read as ${url}`);
    return url;
  };
  const rolieFeeds: RolieFeedReference[] = [];
  const directoryUrls: string[] = [];
  list(json.distributions).forEach((distribution, d) => {
    if (!isObject(distribution)) return;
    if (distribution.directory_url !== undefined) {
      const url = urlOf(distribution.directory_url, `$.distributions[${d}].directory_url`);
      if (url) directoryUrls.push(url.endsWith('/') ? url : `${url}/`);
    }
    const rolie = isObject(distribution.rolie) ? distribution.rolie : null;
    list(rolie?.feeds).forEach((feed, f) => {
      if (!isObject(feed)) return;
      const url = urlOf(feed.url, `$.distributions[${d}].rolie.feeds[${f}].url`);
      if (!url) return;
      rolieFeeds.push({
        url,
        tlpLabel: (text(feed.tlp_label) ?? 'UNLABELED').trim().toUpperCase(),
        summary: text(feed.summary),
      });
    });
  });
  if (rolieFeeds.length === 0 && directoryUrls.length === 0)
    warnings.push('$.distributions: neither ROLIE feeds nor a directory_url; nothing to read');
  const publicKeys = list(json.public_openpgp_keys).flatMap((key, k) => {
    if (!isObject(key)) return [];
    const url = urlOf(key.url, `$.public_openpgp_keys[${k}].url`);
    const fingerprint = text(key.fingerprint);
    return url ? [{ url, fingerprint: fingerprint ? normalizeFingerprint(fingerprint) : null }] : [];
  });
  return {
    canonicalUrl: text(json.canonical_url),
    role: text(json.role),
    publisherName: text(publisher.name),
    publisherNamespace: text(publisher.namespace),
    rolieFeeds,
    directoryUrls,
    publicKeys,
  };
}

function linksOf(entry: JsonObject): { rel: string; href: string }[] {
  return list(entry.link).flatMap((link) => {
    const rel = isObject(link) ? text(link.rel) : null;
    const href = isObject(link) ? text(link.href) : null;
    return rel && href ? [{ rel: rel.trim().toLowerCase(), href: href.trim() }] : [];
  });
}

/**
 * The documents of a ROLIE feed (RFC 8322 JSON, CSAF 2.0 §7.1.15): the entry's `content.src`, else its
 * `self` link; its `hash` links (SHA-512 first) and `signature` link. Entries naming no document are
 * skipped with a warning; a feed that is no ROLIE feed is `invalid`.
 */
export function parseRolieFeed(
  json: unknown,
  feedUrl: string,
  warnings: FeedWarnings = [],
): ProviderDocumentReference[] {
  const feed = isObject(json) && isObject(json.feed) ? json.feed : null;
  if (!feed) throw new DomainError('invalid', `${feedUrl}: not a ROLIE feed (no "feed" object)`);
  const found = new Map<string, ProviderDocumentReference>();
  list(feed.entry).forEach((entry, e) => {
    if (!isObject(entry)) return;
    const links = linksOf(entry);
    const content = isObject(entry.content) ? entry.content : {};
    const url =
      absoluteUrl(content.src, feedUrl) ?? absoluteUrl(links.find((l) => l.rel === 'self')?.href, feedUrl);
    if (!url) {
      warnings.push(`${feedUrl} $.feed.entry[${e}]: no content.src or self link; skipped`);
      return;
    }
    const hashUrls = links
      .filter((l) => l.rel === 'hash')
      .flatMap((l) => absoluteUrl(l.href, feedUrl) ?? [])
      .sort((a, b) => Number(/\.sha256$/i.test(a)) - Number(/\.sha256$/i.test(b)));
    const signature = links.find((l) => l.rel === 'signature');
    found.set(url, {
      url,
      hashUrls,
      signatureUrl: signature ? absoluteUrl(signature.href, feedUrl) : null,
      alternates: [],
      updated: text(entry.updated) ?? text(entry.published),
    });
  });
  return [...found.values()];
}

/** The document paths of an `index.txt` (CSAF 2.0 §7.1.12), one a line; blank lines are ignored. */
export function parseIndexTxt(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** One CSV line's fields: quoted (with `""` escapes) or bare. Returns whether any field was bare. */
function csvFields(line: string): { fields: string[]; bare: boolean } {
  const fields: string[] = [];
  let bare = false;
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let value = '';
      at++;
      while (at < line.length) {
        if (line[at] === '"' && line[at + 1] === '"') {
          value += '"';
          at += 2;
        } else if (line[at] === '"') {
          at++;
          break;
        } else value += line[at++];
      }
      fields.push(value);
      const comma = line.indexOf(',', at);
      at = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(at, end).trim());
      bare = true;
      at = end + 1;
    }
  }
  return { fields, bare };
}

/**
 * Reads `changes.csv` (CSAF 2.0 §7.1.13: `"path","current_release_date"`, no header, newest first) and
 * returns it newest first. Unquoted fields, a header line, lines without a valid date and an order
 * that is not newest first are tolerated with one warning each (CISA's feed has all but the header).
 */
export function parseChangesCsv(body: string, warnings: FeedWarnings = []): ChangesEntry[] {
  const entries: ChangesEntry[] = [];
  let bareLines = 0;
  let skipped = 0;
  let inversions = 0;
  let previous: number | null = null;
  body.split(/\r?\n/).forEach((raw) => {
    const line = raw.trim();
    if (line === '') return;
    const { fields, bare } = csvFields(line);
    const [path, date] = fields;
    const at = date ? Date.parse(date) : Number.NaN;
    if (!path || Number.isNaN(at)) {
      skipped++;
      return;
    }
    if (bare) bareLines++;
    if (previous !== null && at > previous) inversions++;
    previous = at;
    entries.push({ path, currentReleaseDate: new Date(at).toISOString() });
  });
  if (bareLines > 0)
    warnings.push(`changes.csv: ${bareLines} line(s) with unquoted fields (CSAF 2.0 §7.1.13 quotes both)`);
  if (skipped > 0) warnings.push(`changes.csv: ${skipped} line(s) without a path and a date; skipped`);
  if (inversions > 0)
    warnings.push(
      `changes.csv: not newest first (${inversions} order inversion(s), CSAF 2.0 §7.1.13); sorted here`,
    );
  return entries.sort((a, b) => b.currentReleaseDate.localeCompare(a.currentReleaseDate));
}

/**
 * The URL of a path of index.txt/changes.csv, which CSAF 2.0 §7.1.12 makes relative to the directory.
 * Providers that write the path from their repository root instead (CISA: `csaf_files/OT/white/2020/…`
 * under a directory ending in `/csaf_files/OT/white/`) get the overlap removed; when the prefix matches
 * nothing, the path as written is tried first and `<YYYY>/<file>` under the directory after it.
 */
export function resolveDirectoryPath(
  directoryUrl: string,
  path: string,
): { url: string; alternates: string[]; prefixed: boolean } {
  if (/^https?:\/\//i.test(path)) return { url: path, alternates: [], prefixed: false };
  const relative = path.replace(/^\.?\/+/, '');
  const segments = relative.split('/');
  if (segments.length <= 2)
    return { url: new URL(relative, directoryUrl).href, alternates: [], prefixed: false };
  const directory = new URL(directoryUrl).pathname.split('/').filter(Boolean);
  for (let overlap = Math.min(directory.length, segments.length - 1); overlap > 0; overlap--) {
    const tail = directory.slice(directory.length - overlap).join('/');
    if (tail === segments.slice(0, overlap).join('/')) {
      return {
        url: new URL(segments.slice(overlap).join('/'), directoryUrl).href,
        alternates: [new URL(relative, directoryUrl).href],
        prefixed: true,
      };
    }
  }
  const yearAndFile = segments.slice(-2);
  const alternates = /^\d{4}$/.test(yearAndFile[0] ?? '')
    ? [new URL(yearAndFile.join('/'), directoryUrl).href]
    : [];
  return { url: new URL(relative, directoryUrl).href, alternates, prefixed: alternates.length > 0 };
}

/**
 * The hash in a `.sha256`/`.sha512` file (CSAF 2.0 §7.1.18: the hex digest, optionally followed by
 * the file name), lower-cased, with its algorithm from its length; null when there is none.
 */
export function parseHashFile(body: string): { algorithm: 'sha256' | 'sha512'; hex: string } | null {
  const first = body.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (/^[0-9a-f]{128}$/.test(first)) return { algorithm: 'sha512', hex: first };
  if (/^[0-9a-f]{64}$/.test(first)) return { algorithm: 'sha256', hex: first };
  return null;
}

/**
 * The documents of a directory-based distribution (CSAF 2.0 §7.1.11–13): the paths of `changes.csv`
 * (newest first, with their dates) and then those only `index.txt` lists. Paths not ending in `.json`
 * are skipped; prefixed paths are resolved by `resolveDirectoryPath`, with one warning.
 */
export function directoryDocuments(
  directoryUrl: string,
  index: string[] | null,
  changes: ChangesEntry[] | null,
  warnings: FeedWarnings = [],
): ProviderDocumentReference[] {
  const found = new Map<string, ProviderDocumentReference>();
  let prefixedExample: string | null = null;
  let notJson = 0;
  const add = (path: string, updated: string | null) => {
    if (!/\.json$/i.test(path)) {
      notJson++;
      return;
    }
    const resolved = resolveDirectoryPath(directoryUrl, path);
    if (resolved.prefixed) prefixedExample ??= path;
    if (found.has(resolved.url)) return;
    found.set(resolved.url, {
      url: resolved.url,
      hashUrls: [],
      signatureUrl: null,
      alternates: resolved.alternates,
      updated,
    });
  };
  for (const entry of changes ?? []) add(entry.path, entry.currentReleaseDate);
  for (const path of index ?? []) add(path, null);
  if (prefixedExample)
    warnings.push(
      `${directoryUrl}: paths are not relative to the directory (e.g. ${prefixedExample}; CSAF 2.0 §7.1.12); their prefix is removed`,
    );
  if (notJson > 0) warnings.push(`${directoryUrl}: ${notJson} listed path(s) not ending in .json; skipped`);
  return [...found.values()];
}

/** The documents updated on or after `since`; those without a date are kept (they may be new). */
export function updatedSince(
  documents: ProviderDocumentReference[],
  since: Date | null,
): ProviderDocumentReference[] {
  if (!since) return documents;
  return documents.filter((d) => {
    const at = d.updated ? Date.parse(d.updated) : Number.NaN;
    return Number.isNaN(at) || at >= since.getTime();
  });
}
