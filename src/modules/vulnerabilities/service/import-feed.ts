import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import type { Config } from '../../../platform/config/config.ts';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import {
  findProductVersionsByBareComponentNames,
  findProductVersionsByComponentKeys,
} from '../../devices/index.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { parseCve5 } from '../domain/feeds/cve5.ts';
import { parseEpssCsv } from '../domain/feeds/epss.ts';
import { isObject } from '../domain/feeds/feed-json.ts';
import { parseKev } from '../domain/feeds/kev.ts';
import { parseNvdCve } from '../domain/feeds/nvd-api.ts';
import { parseNvdLegacyFeed } from '../domain/feeds/nvd-legacy.ts';
import { parseOsv } from '../domain/feeds/osv.ts';
import { findVersionsWithOpenFindings } from '../vulnerabilities.repository.ts';
import {
  type AdvisoryImportResult,
  importAdvisoryBatch,
  importEpssScores,
  importKevEntries,
} from './import-advisories.ts';
import { type CsafProviderOptions, csafAdvisoriesOf, csafProviderDocuments } from './import-csaf-provider.ts';
import { type MatchOutcome, matchProductVersions } from './match-product-versions.ts';
import { organizationsMatchingByName } from './settings.ts';

export const feedKinds = ['osv', 'nvd', 'cve5', 'csaf', 'kev', 'epss'] as const;
export type FeedKind = (typeof feedKinds)[number];

/** A file, archive entry or downloaded document that was not imported, and why. */
export interface FeedRejection {
  document: string;
  reason: string;
  /** CSAF: the schema or mandatory tests it fails (e.g. `mandatoryTest_6_1_1`); else empty. */
  failingTests: string[];
}

export interface FeedImportReport {
  kind: FeedKind;
  /** Documents read (files, archive entries, downloaded advisories), rejected ones included. */
  files: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Every rejection is also a warning (`<document>: <reason>; skipped`), as before this list existed. */
  warnings: string[];
  rejected: FeedRejection[];
  rematch: MatchOutcome | null;
}

/**
 * Called with each valid CSAF document once its advisories are read (e.g. to republish it on the
 * portal); a returned text is added to the report's warnings, a thrown error too (the import goes on).
 */
export type CsafDocumentHook = (
  document: Record<string, unknown>,
  source: { name: string; sourceUrl: string | null },
) => Promise<string | null | undefined>;

export interface ImportFeedOptions {
  rematch?: boolean;
  zipLimits?: ZipLimits;
  /**
   * What happens when the path names one file that cannot be imported: `throw` it (default, for the
   * upload API's 400) or `report` it in `rejected` like a directory's bad file (the CLI).
   */
  singleFile?: 'throw' | 'report';
  onCsafDocument?: CsafDocumentHook;
  /** For `csaf` from an http(s) URL: the provider is read as CSAF 2.0 §7.3 says. */
  provider?: CsafProviderOptions;
}

/** `csaf` also reads a CSAF provider: its metadata URL or a URL of its main domain. */
export const isFeedUrl = (path: string) => /^https?:\/\//i.test(path);

const batchSize = 200;

/**
 * Files under a path (one file, or every .json/.csv/.gz/.zip file below a directory), in a stable order.
 * A CSAF provider directory (CSAF 2.0 §7.1.11–14) also holds .asc/.sha512 files, index.txt and
 * changes.csv next to the advisories: for `csaf`, only its .json files are read.
 */
async function listFeedFiles(path: string, kind: FeedKind): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new DomainError('invalid', `${path}: no such file or directory`);
  if (info.isFile()) return [path];
  const out: string[] = [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  const wanted = kind === 'csaf' ? /\.json$/i : /\.(json|csv|gz|zip)$/i;
  for (const entry of entries) {
    if (entry.isFile() && wanted.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * Caps on what a .zip feed may expand to (per entry, and in all), so that a zip bomb is refused instead
 * of exhausting memory or time. An OSV record is a few kB and an NVD or KEV file a few MB; an ecosystem
 * export of osv.dev is well under the total, but its all-ecosystem `all.zip` may come near it (then
 * import the ecosystem zips one by one, or pass larger `zipLimits`). Entries are streamed, so memory
 * stays at about one entry whatever the total.
 */
export const zipLimits = { maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 };
export type ZipLimits = typeof zipLimits;

/** One document of a feed: a file, an entry of a .zip archive, or a document of a CSAF provider. */
export interface FeedDocument {
  name: string;
  /** Reads a file when called (a failure is that file's, reported like a parse error); a zip entry is already read. */
  read(): Promise<string>;
  /** Where it was downloaded from; null or absent for local files. */
  sourceUrl?: string | null;
  /** What was noticed while fetching it (a missing signature, …), once `read()` has settled. */
  notes?: string[];
}

const isZip = (file: string) => /\.zip$/i.test(file);

/**
 * The wanted entries of a ZIP archive (an OSV export such as osv.dev's `all.zip`), one at a time and
 * streamed: at most one read chunk and the entries it completes are held in memory. Declared and
 * actual expanded sizes are checked against `limits`; an archive over them is refused as `invalid`.
 */
async function* readZipEntries(
  file: string,
  wanted: (entryName: string) => boolean,
  limits: ZipLimits,
): AsyncGenerator<FeedDocument> {
  const ready: FeedDocument[] = [];
  const tooLarge = (what: string) =>
    new DomainError(
      'invalid',
      `${file}: ${what} (at most ${limits.maxEntryBytes} bytes per entry and ${limits.maxTotalBytes} in all); refused as a possible zip bomb`,
    );
  let declaredTotal = 0;
  let expandedTotal = 0;
  const unzip = new Unzip((entry) => {
    const name = `${file}!/${entry.name}`;
    const keep = wanted(entry.name);
    if (entry.originalSize !== undefined) {
      if (entry.originalSize > limits.maxEntryBytes)
        throw tooLarge(`entry ${entry.name} declares ${entry.originalSize} bytes`);
      declaredTotal += entry.originalSize;
      if (declaredTotal > limits.maxTotalBytes) throw tooLarge(`entries declare over ${declaredTotal} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let expanded = 0;
    // Every entry is expanded (skipped ones into nothing), so that their compressed bytes are not kept.
    entry.ondata = (error, data, final) => {
      if (error) {
        if (keep) throw new DomainError('invalid', `${name}: ${error.message}`);
        return;
      }
      expanded += data.length;
      expandedTotal += data.length;
      if (expanded > limits.maxEntryBytes) throw tooLarge(`entry ${entry.name} expands past the cap`);
      if (expandedTotal > limits.maxTotalBytes) throw tooLarge('entries expand past the cap');
      if (!keep) return;
      chunks.push(data);
      if (final) {
        const text = Buffer.concat(chunks).toString('utf8');
        ready.push({ name, read: async () => text });
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        // A local file header, or the end-of-central-directory record of an empty archive.
        const signature = chunk.length >= 4 ? chunk.readUInt32LE(0) : 0;
        if (signature !== 0x04034b50 && signature !== 0x06054b50)
          throw new DomainError('invalid', `${file}: not a ZIP archive`);
      }
      unzip.push(chunk);
      while (ready.length > 0) yield ready.shift() as FeedDocument;
    }
    if (first) throw new DomainError('invalid', `${file}: empty file, not a ZIP archive`);
    unzip.push(new Uint8Array(0), true);
    while (ready.length > 0) yield ready.shift() as FeedDocument;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'invalid',
      `${file}: unreadable ZIP archive (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    stream.destroy();
  }
}

/** Every document of the feed files, lazily: a file at a time, a .zip an entry at a time. */
async function* feedDocuments(
  files: string[],
  kind: FeedKind,
  limits: ZipLimits,
): AsyncGenerator<FeedDocument> {
  const wanted = (entryName: string) => (kind === 'epss' ? /\.csv$/i : /\.json$/i).test(entryName);
  for (const file of files) {
    if (isZip(file)) yield* readZipEntries(file, wanted, limits);
    else yield { name: file, read: () => readText(file) };
  }
}

function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      'invalid',
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function advisoriesOf(kind: 'osv' | 'nvd' | 'cve5', json: unknown, warnings: string[]): Advisory[] {
  if (kind === 'osv') return [parseOsv(json, warnings)];
  if (kind === 'cve5') return [parseCve5(json, warnings)];
  // NVD: the API 2.0 shapes, or the legacy 1.1 feed (CVE_Items).
  const isLegacy = typeof json === 'object' && json !== null && 'CVE_Items' in json;
  return isLegacy ? parseNvdLegacyFeed(json, warnings) : parseNvdCve(json, warnings);
}

/**
 * Imports a feed from a file or directory, a file at a time and a batch of records at a time (memory
 * stays flat however large the directory), then re-matches only the product versions whose components
 * share a lookup key with a changed advisory, or that had findings of a changed vulnerability.
 *
 * `csaf` also takes an http(s) URL of a CSAF provider (see csafProviderDocuments: hashes and signatures
 * checked), and validates every document (strict schema and mandatory tests): a failing one is not
 * imported but listed in `rejected` with the tests it fails, like a file that is no JSON or no CSAF.
 *
 * @throws DomainError('invalid') when the path or provider cannot be read at all, or when it names one
 *   file that cannot be imported (unless `singleFile: 'report'`).
 */
export async function importFeed(
  deps: Pick<Deps, 'db' | 'clock'> & { config?: Pick<Config, 'feedDownloadLimitBytes'> },
  kind: FeedKind,
  path: string,
  options: ImportFeedOptions = {},
): Promise<FeedImportReport> {
  const warnings: string[] = [];
  const fromProvider = kind === 'csaf' && isFeedUrl(path);
  const files = fromProvider ? [] : await listFeedFiles(path, kind);
  // One bad file in a directory or archive is reported, not fatal; a single bad file is.
  const singleFile = files.length === 1 && !isZip(files[0] as string) && options.singleFile !== 'report';
  const documents = fromProvider
    ? csafProviderDocuments(deps, path, options.provider ?? {}, warnings)
    : feedDocuments(files, kind, options.zipLimits ?? zipLimits);
  const report: FeedImportReport = {
    kind,
    files: 0,
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    warnings,
    rejected: [],
    rematch: null,
  };
  const skip = (name: string, error: unknown) => {
    if (singleFile) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const tests = error instanceof DomainError ? error.details?.failingTests : undefined;
    report.rejected.push({ document: name, reason, failingTests: Array.isArray(tests) ? tests : [] });
    warnings.push(`${name}: ${reason}; skipped`);
  };
  if (kind === 'kev' || kind === 'epss') {
    for await (const document of documents) {
      report.files++;
      let result: { records: number };
      try {
        const text = await document.read();
        result =
          kind === 'kev'
            ? await importKevEntries(deps, parseKev(parseJsonFile(document.name, text), warnings))
            : await importEpssScores(deps, parseEpssCsv(text, warnings));
      } catch (error) {
        skip(document.name, error);
        continue;
      }
      report.records += result.records;
      report.inserted += result.records;
    }
    return report;
  }

  // Running totals; the changed lookup keys are kept once each (a large feed repeats them a lot).
  const changedKeys = new Map<string, AdvisoryImportResult['changedKeys'][number]>();
  const changedVulnerabilityIds = new Set<string>();
  let pending: Advisory[] = [];
  const flush = async () => {
    const batch = await importAdvisoryBatch(deps, pending);
    pending = [];
    report.records += batch.records;
    report.inserted += batch.inserted;
    report.updated += batch.updated;
    report.unchanged += batch.unchanged;
    report.withdrawn += batch.withdrawn;
    for (const key of batch.changedKeys)
      changedKeys.set(`${key.kind}\u0000${key.namespace}\u0000${key.name}`, key);
    for (const id of batch.changedVulnerabilityIds) changedVulnerabilityIds.add(id);
  };
  for await (const document of documents) {
    report.files++;
    const fileWarnings: string[] = [];
    try {
      const json = parseJsonFile(document.name, await document.read());
      if (kind === 'csaf') {
        pending.push(...(await csafAdvisoriesOf(json, fileWarnings)));
        const note = await republish(options.onCsafDocument, json, document);
        if (note) fileWarnings.push(note);
      } else pending.push(...advisoriesOf(kind, json, fileWarnings));
    } catch (error) {
      skip(document.name, error);
    }
    warnings.push(...[...(document.notes ?? []), ...fileWarnings].map((w) => `${document.name}: ${w}`));
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  if (options.rematch !== false && (report.inserted > 0 || report.updated > 0)) {
    report.rematch = await rematchAfterAdvisoryChanges(deps, {
      changedKeys: [...changedKeys.values()],
      changedVulnerabilityIds: [...changedVulnerabilityIds],
    });
  }
  return report;
}

/** Runs the hook of a valid CSAF document; its failure is a note, never the import's. */
async function republish(
  hook: CsafDocumentHook | undefined,
  json: unknown,
  document: FeedDocument,
): Promise<string | null> {
  if (!hook || !isObject(json)) return null;
  try {
    return (await hook(json, { name: document.name, sourceUrl: document.sourceUrl ?? null })) ?? null;
  } catch (error) {
    return `not republished (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The re-match half: by index keys and by vulnerabilities with open findings, never a full scan. */
export async function rematchAfterAdvisoryChanges(
  deps: Pick<Deps, 'db' | 'clock'>,
  changes: Pick<AdvisoryImportResult, 'changedKeys' | 'changedVulnerabilityIds'>,
): Promise<MatchOutcome> {
  const unique = new Map(changes.changedKeys.map((k) => [`${k.kind}\u0000${k.namespace}\u0000${k.name}`, k]));
  // Organisations that match by name also hear of advisories whose package names their bare components carry.
  const nameMatching = await organizationsMatchingByName(deps.db);
  const versionIds = new Set([
    ...(await findProductVersionsByComponentKeys(deps, [...unique.values()])),
    ...(await findVersionsWithOpenFindings(deps.db, changes.changedVulnerabilityIds)),
    ...(await findProductVersionsByBareComponentNames(
      deps,
      nameMatching,
      [...unique.values()].map((k) => k.name),
    )),
  ]);
  return matchProductVersions(deps, [...versionIds]);
}
