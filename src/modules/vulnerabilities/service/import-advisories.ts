import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { canonicalJson, sha256Hex } from '../../../shared/canonical-json.ts';
import { newId } from '../../../shared/ids.ts';
import type { Advisory, EpssScore, KevEntry } from '../domain/advisory-model.ts';
import { advisoryLookupKeys, type LookupKey } from '../domain/package-identity.ts';
import {
  findAdvisoriesBySources,
  findAdvisoryHashes,
  findVulnerabilitiesSharingIds,
  insertVulnerabilities,
  listAdvisoryRecordsOfVulnerabilities,
  listVulnerabilitiesByIds,
  lockAliasMerging,
  mergeVulnerabilitiesInto,
  replaceKeysOfAdvisories,
  updateVulnerabilities,
  upsertAdvisories,
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

/** A vulnerability while a batch is planned: its row, where it merged to, the batch's records in it. */
interface PlannedVulnerability {
  row: VulnerabilityRow;
  isNew: boolean;
  mergedInto: string | null;
  /** Records of this batch that land here, by `source\0id` (a later duplicate replaces an earlier one). */
  records: Map<string, Advisory>;
}

/**
 * Stores a batch of advisories from one feed. Unchanged records (same content hash) are skipped, so
 * re-importing the same data is cheap and changes nothing. A record joins the vulnerability that shares
 * one of its ids or aliases; when it links several, they merge into one. Returns what changed, so the
 * caller can re-match only the affected product versions.
 *
 * The batch is planned in memory from two reads (its stored advisories, the vulnerabilities sharing any
 * of its ids), record by record as if each were stored in turn, then written with a few multi-row
 * statements, all under the alias-merging lock so that concurrent imports never merge the same ids apart.
 */
export async function importAdvisoryBatch(
  deps: Pick<Deps, 'db' | 'clock'>,
  advisories: Advisory[],
): Promise<AdvisoryImportResult> {
  const result = emptyResult();
  result.records = advisories.length;
  if (advisories.length === 0) return result;
  const bySource = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const list = bySource.get(advisory.source);
    if (list) list.push(advisory);
    else bySource.set(advisory.source, [advisory]);
  }
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
    const stored = new Map(
      (
        await findAdvisoriesBySources(
          tx,
          changed.map(({ advisory }) => ({ source: advisory.source, sourceId: advisory.id })),
        )
      ).map((a) => [`${a.source}\u0000${a.sourceId}`, a]),
    );
    const allIds = [...new Set(changed.flatMap(({ advisory }) => [advisory.id, ...advisory.aliases]))];
    const sharing = await findVulnerabilitiesSharingIds(tx, allIds);
    const known = new Set(sharing.map((v) => v.id));
    const byId = [...stored.values()].map((a) => a.vulnerabilityId).filter((id) => !known.has(id));
    const plan = planBatch(
      changed,
      [...sharing, ...(await listVulnerabilitiesByIds(tx, [...new Set(byId)]))],
      new Map([...stored].map(([key, a]) => [key, a.vulnerabilityId])),
      now,
      result,
    );

    // Writes: new vulnerabilities first (advisories and merges refer to them), merges in the order
    // planned, advisories, their keys. A vulnerability the batch joined that holds stored advisories
    // (its own, or merged in) is summarised from all of them once written; a new one from its records.
    const touched = new Set(plan.advisories.map((a) => plan.resolve(a.vulnerabilityId)));
    const live = [...touched].map((id) => plan.vulnerabilities.get(id) as PlannedVulnerability);
    const fromStore = new Set<string>();
    for (const v of plan.vulnerabilities.values()) if (!v.isNew) fromStore.add(plan.resolve(v.row.id));
    await insertVulnerabilities(
      tx,
      live
        .filter((v) => v.isNew)
        .map((v) => (fromStore.has(v.row.id) ? v.row : summarise(v.row, [...v.records.values()]))),
    );
    for (const { from, to } of plan.merges) await mergeVulnerabilitiesInto(tx, plan.resolve(to), [from]);

    const upserted = await upsertAdvisories(
      tx,
      plan.advisories.map(({ advisory, hash, vulnerabilityId }) => {
        const modified = new Date(advisory.modified || advisory.published || now.toISOString());
        return {
          id: newId(),
          vulnerabilityId: plan.resolve(vulnerabilityId),
          source: advisory.source,
          sourceId: advisory.id,
          modified: Number.isNaN(modified.getTime()) ? now : modified,
          withdrawn: advisory.withdrawn ? new Date(advisory.withdrawn) : null,
          contentHash: hash,
          record: advisory,
          importedAt: now,
        };
      }),
    );
    const idOf = new Map(upserted.map((a) => [`${a.source}\u0000${a.sourceId}`, a.id]));
    const keys = plan.advisories.flatMap(({ advisory }) => {
      const advisoryId = idOf.get(`${advisory.source}\u0000${advisory.id}`) as string;
      return advisoryLookupKeys(advisory).map((key) => ({ advisoryId, ...key }));
    });
    const oldKeys = await replaceKeysOfAdvisories(
      tx,
      [...stored.values()].map((a) => a.id),
      keys,
    );
    result.changedKeys.push(
      ...oldKeys,
      ...keys.map(({ kind, namespace, name }) => ({ kind, namespace, name })),
    );

    const summarised = live.filter((v) => fromStore.has(v.row.id));
    const records = new Map<string, Advisory[]>();
    for (const row of await listAdvisoryRecordsOfVulnerabilities(
      tx,
      summarised.map((v) => v.row.id),
    )) {
      const list = records.get(row.vulnerabilityId);
      if (list) list.push(row.record as Advisory);
      else records.set(row.vulnerabilityId, [row.record as Advisory]);
    }
    await updateVulnerabilities(
      tx,
      summarised.map((v) => summarise(v.row, records.get(v.row.id) ?? [])),
    );
  });
  result.changedVulnerabilityIds = [...new Set(result.changedVulnerabilityIds)];
  return result;
}

/**
 * The batch record by record, in memory, as the store would see it if each were written in turn: the
 * vulnerability each record joins (its stored one if it still shares an id, else the first sharing one,
 * else its stored one, else a new one), and the vulnerabilities that merge because a record links them.
 */
function planBatch(
  changed: { advisory: Advisory; hash: string }[],
  vulnerabilities: VulnerabilityRow[],
  storedVulnerabilityOf: Map<string, string>,
  now: Date,
  result: AdvisoryImportResult,
) {
  const planned = new Map<string, PlannedVulnerability>();
  const holders = new Map<string, Set<string>>();
  const file = (v: PlannedVulnerability, ids: Iterable<string>) => {
    for (const id of ids) {
      const set = holders.get(id);
      if (set) set.add(v.row.id);
      else holders.set(id, new Set([v.row.id]));
    }
  };
  const resolve = (id: string): string => {
    let current = id;
    for (let next = planned.get(current)?.mergedInto; next; next = planned.get(current)?.mergedInto)
      current = next;
    return current;
  };
  for (const row of vulnerabilities) {
    const v: PlannedVulnerability = { row: { ...row }, isNew: false, mergedInto: null, records: new Map() };
    planned.set(row.id, v);
    file(v, row.ids);
  }
  const vulnerabilityOf = new Map(storedVulnerabilityOf);
  const merges: { from: string; to: string }[] = [];
  const advisories = new Map<string, { advisory: Advisory; hash: string; vulnerabilityId: string }>();
  for (const { advisory, hash } of changed) {
    const key = `${advisory.source}\u0000${advisory.id}`;
    const previous = vulnerabilityOf.get(key);
    const existing = previous === undefined ? undefined : resolve(previous);
    const ids = [...new Set([advisory.id, ...advisory.aliases])];
    const related = [...new Set(ids.flatMap((id) => [...(holders.get(id) ?? [])].map(resolve)))].map(
      (id) => planned.get(id) as PlannedVulnerability,
    );
    let target =
      related.find((v) => v.row.id === existing) ??
      related[0] ??
      (existing === undefined ? undefined : planned.get(existing));
    if (!target) {
      target = {
        row: {
          id: newId(),
          displayId: advisory.id,
          ids,
          summary: null,
          cvssScore: null,
          cvssVector: null,
          published: null,
          modified: now,
          withdrawn: null,
        },
        isNew: true,
        mergedInto: null,
        records: new Map(),
      };
      planned.set(target.row.id, target);
    }
    const into = target;
    for (const other of related.filter((v) => v !== into)) {
      other.mergedInto = into.row.id;
      for (const [otherKey, record] of other.records) into.records.set(otherKey, record);
      if (!other.isNew) merges.push({ from: other.row.id, to: into.row.id });
      result.changedVulnerabilityIds.push(other.row.id);
    }
    into.row.ids = [...new Set([...into.row.ids, ...ids, ...related.flatMap((v) => v.row.ids)])];
    file(into, into.row.ids);
    if (existing !== undefined && existing !== into.row.id) planned.get(existing)?.records.delete(key);
    into.records.set(key, advisory);
    vulnerabilityOf.set(key, into.row.id);
    advisories.set(key, { advisory, hash, vulnerabilityId: into.row.id });
    result.changedVulnerabilityIds.push(into.row.id);
    if (previous !== undefined) result.updated++;
    else result.inserted++;
    if (advisory.withdrawn) result.withdrawn++;
  }
  return { vulnerabilities: planned, merges, advisories: [...advisories.values()], resolve };
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
