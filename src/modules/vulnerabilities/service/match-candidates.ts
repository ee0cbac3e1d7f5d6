import type { DbOrTx } from '../../../platform/db/database.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { type ComponentMatch, matchComponent } from '../domain/match/match-component.ts';
import {
  componentKeyOf,
  componentLookupKeys,
  indexAdvisoriesByKey,
  type LookupKey,
} from '../domain/package-identity.ts';
import {
  findAdvisoryIdsByKeys,
  findAdvisoryIdsByProductNames,
  listAdvisoriesByIds,
} from '../vulnerabilities.repository.ts';

/** What candidate selection reads of a component. */
export interface CandidateComponent {
  name: string;
  purl: string | null;
  cpe: string | null;
}

/** An advisory as matching uses it, with the vulnerability it belongs to. */
interface StoredAdvisory {
  advisory: Advisory;
  vulnerabilityId: string;
}

async function loadAdvisories(db: DbOrTx, ids: string[]): Promise<Map<string, StoredAdvisory>> {
  const out = new Map<string, StoredAdvisory>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const row of await listAdvisoriesByIds(db, ids.slice(i, i + 1000)))
      out.set(row.id, { advisory: row.record as Advisory, vulnerabilityId: row.vulnerabilityId });
  }
  return out;
}

/** Neither purl nor CPE: the only components name matching applies to (the organisation's setting). */
export function isBareComponent(component: { purl: string | null; cpe: string | null }): boolean {
  return component.purl === null && (component.cpe?.trim() ?? '') === '';
}

/**
 * The names a bare component is looked up under: lower-cased as written, and CPE-style (blanks as `_`),
 * the two forms the matcher compares (match-cpe.ts `matchByName`).
 */
export function nameLookupNames(name: string): string[] {
  const lower = name.trim().toLowerCase();
  if (lower === '') return [];
  const cpeStyle = lower.replace(/\s+/g, '_');
  return cpeStyle === lower ? [lower] : [lower, cpeStyle];
}

export interface MatchCandidates {
  /** The advisories to match `component` against; by name too when `byName` (bare components only). */
  candidatesFor(component: CandidateComponent, byName: boolean): Advisory[];
  /** The vulnerability an advisory (source, id) belongs to. */
  vulnerabilityOf(advisory: { advisorySource: string; advisoryId: string }): string | undefined;
}

/**
 * Reads the candidate advisories of many components at once: one indexed lookup by purl/CPE keys,
 * one by name for the bare components `isNameMatched` accepts, then the advisories themselves.
 */
export async function loadMatchCandidates<C extends CandidateComponent>(
  db: DbOrTx,
  components: readonly C[],
  isNameMatched: (component: C) => boolean,
): Promise<MatchCandidates> {
  const keys = new Map<string, LookupKey>();
  const names = new Set<string>();
  const identities = new Set<string>();
  for (const component of components) {
    if (isBareComponent(component)) {
      if (isNameMatched(component)) for (const name of nameLookupNames(component.name)) names.add(name);
      continue;
    }
    // Many components share a purl and CPE (versions of one product): their keys are read once.
    const identity = `${component.purl ?? ''}\u0000${component.cpe ?? ''}`;
    if (identities.has(identity)) continue;
    identities.add(identity);
    for (const key of componentLookupKeys(component))
      keys.set(`${key.kind}\u0000${key.namespace}\u0000${key.name}`, key);
  }
  const keyed = keys.size > 0 ? await findAdvisoryIdsByKeys(db, [...keys.values()]) : [];
  const named = names.size > 0 ? await findAdvisoryIdsByProductNames(db, [...names]) : [];
  const stored = await loadAdvisories(db, [...new Set([...keyed, ...named.map((n) => n.advisoryId)])]);

  const byKey = indexAdvisoriesByKey(keyed.flatMap((id) => stored.get(id)?.advisory ?? []));
  const byName = new Map<string, Advisory[]>();
  for (const { advisoryId, name } of named) {
    const advisory = stored.get(advisoryId)?.advisory;
    if (!advisory) continue;
    const list = byName.get(name);
    if (list) list.push(advisory);
    else byName.set(name, [advisory]);
  }
  const vulnerabilities = new Map<string, string>();
  for (const { advisory, vulnerabilityId } of stored.values())
    vulnerabilities.set(`${advisory.source}\u0000${advisory.id}`, vulnerabilityId);

  return {
    candidatesFor(component, nameMatching) {
      if (!nameMatching || !isBareComponent(component)) return byKey(component);
      const found = new Set<Advisory>();
      for (const name of nameLookupNames(component.name))
        for (const advisory of byName.get(name) ?? []) found.add(advisory);
      return [...found];
    },
    vulnerabilityOf(match) {
      return vulnerabilities.get(`${match.advisorySource}\u0000${match.advisoryId}`);
    },
  };
}

/**
 * matchComponent for `component` against its candidates (by name too when `byName`). Most components
 * have no candidate at all: those skip reading their purl and version order.
 */
export function matchCandidates(
  component: CandidateComponent & { version: string | null },
  candidates: MatchCandidates,
  byName: boolean,
): ComponentMatch[] {
  const advisories = candidates.candidatesFor(component, byName);
  if (advisories.length === 0) return [];
  const { name, version, purl, cpe } = component;
  return matchComponent(
    { key: componentKeyOf(component), name, version, purl, cpe },
    advisories,
    byName ? { allowNameMatching: true } : {},
  );
}

/**
 * The matcher's answers for the component identities a run already matched: the versions of one
 * portfolio share most of their components, so each distinct (name, version, purl, CPE) is matched once
 * per run, not once per version. Bounded: past `limit` identities it starts over. The answers are those
 * of the first batch that met an identity (a run is a snapshot, as if the store did not change during it).
 */
export class MatchMemo {
  private readonly entries = new Map<string, ComponentMatch[]>();
  constructor(private readonly limit = 100_000) {}

  /** matchCandidates, once per identity; the arrays returned are shared: do not mutate them. */
  matches(
    component: CandidateComponent & { version: string | null },
    candidates: MatchCandidates,
    byName: boolean,
  ): ComponentMatch[] {
    const { name, version, purl, cpe } = component;
    const key = `${byName ? 'n' : 'k'}\u0000${name}\u0000${version ?? '\u0001'}\u0000${purl ?? '\u0001'}\u0000${cpe ?? '\u0001'}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const found = matchCandidates(component, candidates, byName);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, found);
    return found;
  }
}
