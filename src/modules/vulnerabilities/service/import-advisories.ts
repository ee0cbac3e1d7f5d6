import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { canonicalJson, sha256Hex } from '../../../shared/canonical-json.ts';
import { newId } from '../../../shared/ids.ts';
import type { Advisory, EpssScore, KevEntry } from '../domain/advisory-model.ts';
import { advisoryLookupKeys, type LookupKey } from '../domain/package-identity.ts';
import {
  findAdvisoryBySource,
  findAdvisoryHashes,
  findVulnerabilitiesSharingIds,
  findVulnerabilityById,
  insertVulnerability,
  listAdvisoriesOfVulnerability,
  lockAliasMerging,
  mergeVulnerabilitiesInto,
  replaceAdvisoryKeys,
  updateVulnerability,
  upsertAdvisory,
  upsertEpssScores,
  upsertKevEntries,
  type VulnerabilityRow,
} from '../vulnerabilities.repository.ts';

export interface AdvisoryImportResult {
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Lookup keys (old and new) of changed advisories, and their vulnerabilities: what to re-match. */
  changedKeys: LookupKey[];
  changedVulnerabilityIds: string[];
}

function emptyResult(): AdvisoryImportResult {
  return {
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    changedKeys: [],
    changedVulnerabilityIds: [],
  };
}

/** Adds one batch's outcome to a running total (importers call this per batch while streaming). */
export function addImportResults(
  total: AdvisoryImportResult,
  part: AdvisoryImportResult,
): AdvisoryImportResult {
  return {
    records: total.records + part.records,
    inserted: total.inserted + part.inserted,
    updated: total.updated + part.updated,
    unchanged: total.unchanged + part.unchanged,
    withdrawn: total.withdrawn + part.withdrawn,
    changedKeys: [...total.changedKeys, ...part.changedKeys],
    changedVulnerabilityIds: [
      ...new Set([...total.changedVulnerabilityIds, ...part.changedVulnerabilityIds]),
    ],
  };
}

function bestSeverity(advisories: Advisory[]): { score: number | null; vector: string | null } {
  let best: { score: number | null; vector: string | null } = { score: null, vector: null };
  for (const advisory of advisories) {
    for (const severity of advisory.severities) {
      if (severity.score !== null && (best.score === null || severity.score > best.score)) {
        best = { score: severity.score, vector: severity.vector };
      } else if (best.vector === null && severity.type !== 'OTHER')
        best = { score: best.score, vector: severity.vector };
    }
  }
  return best;
}

/** Re-derives a vulnerability's shown fields from all its advisories. */
function summarise(row: VulnerabilityRow, advisories: Advisory[]): VulnerabilityRow {
  const ids = [...new Set([...row.ids, ...advisories.flatMap((a) => [a.id, ...a.aliases])])].sort();
  const cve = ids.find((id) => /^CVE-\d{4}-\d+$/.test(id));
  const live = advisories.filter((a) => !a.withdrawn);
  const severity = bestSeverity(live.length > 0 ? live : advisories);
  const dates = (values: (string | null)[]) =>
    values
      .filter((v): v is string => !!v)
      .map((v) => new Date(v))
      .filter((d) => !Number.isNaN(d.getTime()));
  const published =
    dates(advisories.map((a) => a.published)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const modified =
    dates(advisories.map((a) => a.modified)).sort((a, b) => b.getTime() - a.getTime())[0] ?? row.modified;
  const withdrawnDates = dates(advisories.map((a) => a.withdrawn));
  return {
    ...row,
    ids,
    displayId: cve ?? row.displayId,
    summary:
      advisories.map((a) => a.summary ?? a.details?.split('\n')[0] ?? null).find((s) => s) ?? row.summary,
    cvssScore: severity.score,
    cvssVector: severity.vector,
    published,
    modified,
    withdrawn:
      live.length === 0 && withdrawnDates.length > 0
        ? (withdrawnDates.sort((a, b) => b.getTime() - a.getTime())[0] ?? null)
        : null,
  };
}

/**
 * Stores a batch of advisories from one feed. Unchanged records (same content hash) are skipped, so
 * re-importing the same data is cheap and changes nothing. A record joins the vulnerability that shares
 * one of its ids or aliases; when it links several, they merge into one. Returns what changed, so the
 * caller can re-match only the affected product versions.
 */
export async function importAdvisoryBatch(
  deps: Pick<Deps, 'db' | 'clock'>,
  advisories: Advisory[],
): Promise<AdvisoryImportResult> {
  const result = emptyResult();
  result.records = advisories.length;
  if (advisories.length === 0) return result;
  const bySource = new Map<string, Advisory[]>();
  for (const advisory of advisories)
    bySource.set(advisory.source, [...(bySource.get(advisory.source) ?? []), advisory]);
  const changed: { advisory: Advisory; hash: string }[] = [];
  for (const [source, list] of bySource) {
    const hashes = await findAdvisoryHashes(
      deps.db,
      source,
      list.map((a) => a.id),
    );
    for (const advisory of list) {
      const hash = sha256Hex(canonicalJson(advisory));
      if (hashes.get(advisory.id) === hash) result.unchanged++;
      else changed.push({ advisory, hash });
    }
  }
  if (changed.length === 0) return result;

  await withTransaction(deps.db, async (tx) => {
    await lockAliasMerging(tx);
    const now = deps.clock.now();
    for (const { advisory, hash } of changed) {
      const existing = await findAdvisoryBySource(tx, advisory.source, advisory.id);
      const ids = [...new Set([advisory.id, ...advisory.aliases])];
      const related = await findVulnerabilitiesSharingIds(tx, ids);
      let target: VulnerabilityRow | null =
        (existing ? related.find((v) => v.id === existing.vulnerabilityId) : undefined) ?? related[0] ?? null;
      if (!target && existing) target = await findVulnerabilityById(tx, existing.vulnerabilityId);
      if (!target) {
        target = {
          id: newId(),
          displayId: advisory.id,
          ids,
          summary: null,
          cvssScore: null,
          cvssVector: null,
          published: null,
          modified: now,
          withdrawn: null,
        };
        await insertVulnerability(tx, target);
      }
      const others = related.filter((v) => v.id !== target.id).map((v) => v.id);
      if (others.length > 0) {
        await mergeVulnerabilitiesInto(tx, target.id, others);
        result.changedVulnerabilityIds.push(...others);
      }
      const modified = new Date(advisory.modified || advisory.published || now.toISOString());
      const advisoryId = newId();
      await upsertAdvisory(tx, {
        id: advisoryId,
        vulnerabilityId: target.id,
        source: advisory.source,
        sourceId: advisory.id,
        modified: Number.isNaN(modified.getTime()) ? now : modified,
        withdrawn: advisory.withdrawn ? new Date(advisory.withdrawn) : null,
        contentHash: hash,
        record: advisory,
        importedAt: now,
      });
      const stored = await findAdvisoryBySource(tx, advisory.source, advisory.id);
      const keys = advisoryLookupKeys(advisory);
      const oldKeys = await replaceAdvisoryKeys(tx, stored?.id ?? advisoryId, keys);
      result.changedKeys.push(...oldKeys, ...keys);
      const all = (await listAdvisoriesOfVulnerability(tx, target.id)).map((a) => a.record as Advisory);
      await updateVulnerability(
        tx,
        summarise(
          { ...target, ids: [...new Set([...target.ids, ...ids, ...related.flatMap((r) => r.ids)])] },
          all,
        ),
      );
      result.changedVulnerabilityIds.push(target.id);
      if (existing) result.updated++;
      else result.inserted++;
      if (advisory.withdrawn) result.withdrawn++;
    }
  });
  result.changedVulnerabilityIds = [...new Set(result.changedVulnerabilityIds)];
  return result;
}

export async function importKevEntries(
  deps: Pick<Deps, 'db'>,
  entries: KevEntry[],
): Promise<{ records: number }> {
  await upsertKevEntries(deps.db, entries);
  return { records: entries.length };
}

export async function importEpssScores(
  deps: Pick<Deps, 'db'>,
  scores: EpssScore[],
): Promise<{ records: number }> {
  await upsertEpssScores(
    deps.db,
    scores.map((s) => ({ cveId: s.cveId, epss: s.epss, percentile: s.percentile, scoreDate: s.scoreDate })),
  );
  return { records: scores.length };
}
