/**
 * One finding per (component, vulnerability): matches of advisories that name the same vulnerability
 * (a CVE and its GHSA/PYSEC/GO/DSA records, linked through `aliases`) are grouped by the transitive
 * union of their ids and aliases. Pure.
 */
import type { AdvisorySource } from '../advisory-model.ts';
import { type ComponentMatch, confidenceRank, type MatchConfidence, type MatchedBy } from './match-types.ts';

export interface VulnerabilityFinding {
  componentKey: string;
  /** The CVE id when the group has one (lowest if several), else the first advisory's id. */
  vulnerabilityId: string;
  /** Every id and alias of the group, sorted. */
  ids: string[];
  /** The advisories that matched, in input order. */
  advisories: { source: AdvisorySource; id: string }[];
  /** Identifiers that produced evidence, in order of first appearance. */
  matchedBy: MatchedBy[];
  confidence: MatchConfidence;
  reasons: string[];
  /** `fixedIn` of the first highest-confidence match that states one. */
  fixedIn: string | null;
  /** True when every contributing match rests on the component name alone. */
  isNameMatch: boolean;
}

const cvePattern = /^CVE-\d{4}-\d+$/i;

/** Union-find over upper-cased ids (GHSA ids are written in mixed case across feeds). */
class IdGroups {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root)
      root = this.parent.get(root) as string;
    this.parent.set(id, root);
    return root;
  }

  union(a: string, b: string): void {
    if (!this.parent.has(a)) this.parent.set(a, a);
    if (!this.parent.has(b)) this.parent.set(b, b);
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}

function idsOf(match: ComponentMatch): string[] {
  return [match.advisoryId, ...match.aliases].map((id) => id.trim()).filter((id) => id !== '');
}

function toFinding(matches: ComponentMatch[]): VulnerabilityFinding {
  const first = matches[0] as ComponentMatch;
  const spelled = new Map<string, string>();
  for (const id of matches.flatMap(idsOf))
    if (!spelled.has(id.toUpperCase())) spelled.set(id.toUpperCase(), id);
  const ids = [...spelled.values()].sort();
  const best = [...matches].sort(
    (a, b) => confidenceRank(b.confidence) - confidenceRank(a.confidence),
  )[0] as ComponentMatch;
  const cve = ids.filter((id) => cvePattern.test(id)).sort()[0];
  return {
    componentKey: first.componentKey,
    vulnerabilityId: cve?.toUpperCase() ?? first.advisoryId,
    ids,
    advisories: matches.map((match) => ({ source: match.advisorySource, id: match.advisoryId })),
    matchedBy: [...new Set(matches.map((match) => match.matchedBy))],
    confidence: best.confidence,
    reasons: [...new Set(matches.flatMap((match) => match.reasons))],
    fixedIn:
      matches.find((match) => match.confidence === best.confidence && match.fixedIn !== null)?.fixedIn ??
      null,
    isNameMatch: matches.every((match) => match.isNameMatch),
  };
}

/**
 * Groups matches into findings: two matches of the same component belong together when their id
 * sets (advisory id + aliases, case-insensitive) overlap, directly or through a third match. Matches
 * of different components never merge. Findings come in order of their first match.
 */
export function mergeMatches(matches: ComponentMatch[]): VulnerabilityFinding[] {
  const groups = new IdGroups();
  const keyOf = (match: ComponentMatch, id: string): string =>
    `${match.componentKey}\u0000${id.toUpperCase()}`;
  for (const match of matches) {
    const [head, ...rest] = idsOf(match);
    if (head === undefined) continue;
    groups.union(keyOf(match, head), keyOf(match, head));
    for (const id of rest) groups.union(keyOf(match, head), keyOf(match, id));
  }
  const byRoot = new Map<string, ComponentMatch[]>();
  for (const match of matches) {
    const head = idsOf(match)[0];
    const root =
      head === undefined ? `${match.componentKey}\u0000#${byRoot.size}` : groups.find(keyOf(match, head));
    const group = byRoot.get(root);
    if (group) group.push(match);
    else byRoot.set(root, [match]);
  }
  return [...byRoot.values()].map(toFinding);
}
