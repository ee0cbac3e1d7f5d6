import type { DbOrTx } from '../../../platform/db/database.ts';
import { findAdvisoriesByKeys } from '../candidates.repository.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { type ComponentMatch, matchComponent } from '../domain/match/match-component.ts';
import {
  advisoryLookupKeys,
  componentKeyOf,
  componentLookupKeys,
  type LookupKey,
  LookupKeyMap,
} from '../domain/package-identity.ts';
import { findAdvisoryIdsByProductNames, listAdvisoriesByIds } from '../vulnerabilities.repository.ts';

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

async function loadAdvisories(db: DbOrTx, ids: string[], into: Map<string, StoredAdvisory>): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    for (const row of await listAdvisoriesByIds(db, ids.slice(i, i + 1000)))
      into.set(row.id, { advisory: row.record as Advisory, vulnerabilityId: row.vulnerabilityId });
  }
}

/** The advisories filed under one lookup key. */
interface KeySlot {
  key: LookupKey;
  advisories: Advisory[];
}

/** The advisories filed under any of the slots' keys, each once, in key order. */
function advisoriesIn(slots: KeySlot | readonly KeySlot[]): Advisory[] {
  if (!Array.isArray(slots)) return (slots as KeySlot).advisories;
  if (slots.length === 1) return (slots[0] as KeySlot).advisories;
  const found = new Set<Advisory>();
  for (const slot of slots) for (const advisory of slot.advisories) found.add(advisory);
  return [...found];
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
  /**
   * The advisories to match `component` against; by name too when `byName` (bare components only).
   * `index`, the component's position in the list `loadMatchCandidates` was given, spares finding it.
   */
  candidatesFor(component: CandidateComponent, byName: boolean, index?: number): Advisory[];
  /** The vulnerability an advisory (source, id) belongs to. */
  vulnerabilityOf(advisory: { advisorySource: string; advisoryId: string }): string | undefined;
  /**
   * Positions, ascending, of the components `loadMatchCandidates` was given that may have candidates:
   * filed under a key some advisory has, or bare and matched by name. The others need no look.
   */
  positionsWithCandidates(): number[];
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
  const slots = new LookupKeyMap<KeySlot>();
  const slotOf = (key: LookupKey): KeySlot => {
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = { key, advisories: [] };
      slots.set(key, slot);
    }
    return slot;
  };
  const names = new Set<string>();
  // Each component's key slots, found here for the query and kept for `candidatesFor`: reading the
  // purl is most of the cost of candidate selection, and the caller asks about the same components.
  // Most components have one key: its slot is kept as it is, without an array around it.
  const slotsAt: (KeySlot | KeySlot[] | null)[] = [];
  const nameMatchedAt: number[] = [];
  for (let i = 0; i < components.length; i++) {
    const component = components[i] as C;
    if (isBareComponent(component)) {
      if (isNameMatched(component)) {
        for (const name of nameLookupNames(component.name)) names.add(name);
        nameMatchedAt.push(i);
      }
      slotsAt.push(null);
      continue;
    }
    const keys = componentLookupKeys(component);
    slotsAt.push(keys.length === 1 ? slotOf(keys[0] as LookupKey) : keys.map(slotOf));
  }
  // Positions of the components, for callers that do not say (built when first needed).
  let indexOf: Map<CandidateComponent, number> | null = null;
  const slotsFor = (component: CandidateComponent, index: number | undefined): KeySlot | KeySlot[] => {
    let at = index;
    if (at === undefined || components[at] !== component) {
      indexOf ??= new Map(components.map((c, i) => [c, i]));
      at = indexOf.get(component);
    }
    const known = at === undefined ? null : slotsAt[at];
    return known ?? componentLookupKeys(component).flatMap((key) => slots.get(key) ?? []);
  };
  const stored = new Map<string, StoredAdvisory>();
  const queried = [...slots.values()].map((slot) => slot.key);
  if (queried.length > 0) {
    for (const row of await findAdvisoriesByKeys(db, queried))
      stored.set(row.id, { advisory: row.record as Advisory, vulnerabilityId: row.vulnerabilityId });
  }
  // Filed under every key of theirs, so that a component not seen above finds them too.
  for (const { advisory } of stored.values())
    for (const key of advisoryLookupKeys(advisory)) slotOf(key).advisories.push(advisory);
  const named = names.size > 0 ? await findAdvisoryIdsByProductNames(db, [...names]) : [];
  await loadAdvisories(
    db,
    [...new Set(named.map((n) => n.advisoryId))].filter((id) => !stored.has(id)),
    stored,
  );

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
    candidatesFor(component, nameMatching, index) {
      if (!nameMatching || !isBareComponent(component)) return advisoriesIn(slotsFor(component, index));
      const found = new Set<Advisory>();
      for (const name of nameLookupNames(component.name))
        for (const advisory of byName.get(name) ?? []) found.add(advisory);
      return [...found];
    },
    vulnerabilityOf(match) {
      return vulnerabilities.get(`${match.advisorySource}\u0000${match.advisoryId}`);
    },
    positionsWithCandidates() {
      const positions: number[] = [];
      let named = 0;
      for (let i = 0; i < slotsAt.length; i++) {
        const at = slotsAt[i];
        if (at === null || at === undefined) {
          if (nameMatchedAt[named] === i) {
            positions.push(i);
            named++;
          }
        } else if (
          Array.isArray(at) ? at.some((slot) => slot.advisories.length > 0) : at.advisories.length > 0
        ) {
          positions.push(i);
        }
      }
      return positions;
    },
  };
}

/** The answer for the many components without candidates (frozen: callers never mutate answers). */
const noMatches: ComponentMatch[] = Object.freeze([]) as unknown as ComponentMatch[];

/**
 * matchComponent for `component` against its candidates (by name too when `byName`). Most components
 * have no candidate at all: those skip reading their purl and version order. `index` as for
 * `candidatesFor`.
 */
export function matchCandidates(
  component: CandidateComponent & { version: string | null },
  candidates: MatchCandidates,
  byName: boolean,
  index?: number,
): ComponentMatch[] {
  const advisories = candidates.candidatesFor(component, byName, index);
  if (advisories.length === 0) return noMatches;
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
