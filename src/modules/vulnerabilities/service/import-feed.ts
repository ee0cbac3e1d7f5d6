import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { findProductVersionsByComponentKeys } from '../../devices/index.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { parseCve5 } from '../domain/feeds/cve5.ts';
import { parseEpssCsv } from '../domain/feeds/epss.ts';
import { parseKev } from '../domain/feeds/kev.ts';
import { parseNvdCve } from '../domain/feeds/nvd-api.ts';
import { parseNvdLegacyFeed } from '../domain/feeds/nvd-legacy.ts';
import { parseOsv } from '../domain/feeds/osv.ts';
import { findVersionsWithOpenFindings } from '../vulnerabilities.repository.ts';
import {
  type AdvisoryImportResult,
  addImportResults,
  importAdvisoryBatch,
  importEpssScores,
  importKevEntries,
} from './import-advisories.ts';
import { type MatchOutcome, matchProductVersions } from './match-product-versions.ts';

export const feedKinds = ['osv', 'nvd', 'cve5', 'kev', 'epss'] as const;
export type FeedKind = (typeof feedKinds)[number];

export interface FeedImportReport {
  kind: FeedKind;
  files: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  warnings: string[];
  rematch: MatchOutcome | null;
}

const batchSize = 200;

/** Files under a path (one file, or every .json/.csv/.gz file below a directory), in a stable order. */
async function listFeedFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new DomainError('invalid', `${path}: no such file or directory`);
  if (info.isFile()) return [path];
  const out: string[] = [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (entry.isFile() && /\.(json|csv|gz)$/i.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
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
 */
export async function importFeed(
  deps: Pick<Deps, 'db' | 'clock'>,
  kind: FeedKind,
  path: string,
  options: { rematch?: boolean } = {},
): Promise<FeedImportReport> {
  const files = await listFeedFiles(path);
  const warnings: string[] = [];
  const report: FeedImportReport = {
    kind,
    files: files.length,
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    warnings,
    rematch: null,
  };
  if (kind === 'kev' || kind === 'epss') {
    for (const file of files) {
      const text = await readText(file);
      const result =
        kind === 'kev'
          ? await importKevEntries(deps, parseKev(parseJsonFile(file, text), warnings))
          : await importEpssScores(deps, parseEpssCsv(text, warnings));
      report.records += result.records;
      report.inserted += result.records;
    }
    return report;
  }

  let total: AdvisoryImportResult = {
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    changedKeys: [],
    changedVulnerabilityIds: [],
  };
  let pending: Advisory[] = [];
  const flush = async () => {
    total = addImportResults(total, await importAdvisoryBatch(deps, pending));
    pending = [];
  };
  for (const file of files) {
    const fileWarnings: string[] = [];
    try {
      pending.push(...advisoriesOf(kind, parseJsonFile(file, await readText(file)), fileWarnings));
    } catch (error) {
      // One bad file in a directory is reported, not fatal; a single bad file is.
      if (files.length === 1) throw error;
      warnings.push(`${file}: ${error instanceof Error ? error.message : String(error)}; skipped`);
    }
    warnings.push(...fileWarnings.map((w) => `${file}: ${w}`));
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  Object.assign(report, {
    records: total.records,
    inserted: total.inserted,
    updated: total.updated,
    unchanged: total.unchanged,
    withdrawn: total.withdrawn,
  });
  if (options.rematch !== false && (total.inserted > 0 || total.updated > 0)) {
    report.rematch = await rematchAfterAdvisoryChanges(deps, total);
  }
  return report;
}

/** The re-match half: by index keys and by vulnerabilities with open findings, never a full scan. */
export async function rematchAfterAdvisoryChanges(
  deps: Pick<Deps, 'db' | 'clock'>,
  changes: Pick<AdvisoryImportResult, 'changedKeys' | 'changedVulnerabilityIds'>,
): Promise<MatchOutcome> {
  const unique = new Map(changes.changedKeys.map((k) => [`${k.kind}\u0000${k.namespace}\u0000${k.name}`, k]));
  const versionIds = new Set([
    ...(await findProductVersionsByComponentKeys(deps, [...unique.values()])),
    ...(await findVersionsWithOpenFindings(deps.db, changes.changedVulnerabilityIds)),
  ]);
  return matchProductVersions(deps, [...versionIds]);
}
