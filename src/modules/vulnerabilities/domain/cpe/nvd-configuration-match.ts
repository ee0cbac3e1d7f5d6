import type { CpeConfiguration, CpeMatchCriterion, CpeNode, VersionComparator } from '../advisory-model.ts';
import { memoised } from '../memoised.ts';
import { type CpeName, type CpeValue, parseCpeName as parseCpeNameOnce } from './cpe-name.ts';
import { matchCriterionName } from './cpe-name-match.ts';
import { judgeVersion, resolveComponentVersion, type VersionBounds } from './criterion-version.ts';

/**
 * Evaluates NVD applicability configurations (CVE API 2.0 `configurations[]`, see docs/matching.md
 * "NVD CVE API 2.0 — applicability configurations") against one component identified by a CPE.
 *
 * Confidence levels (the lowest rule that applies wins):
 * - `high`: vendor and product EQUAL (NISTIR 7696), the component CPE itself carries a concrete version,
 *   and that version equals the criterion's concrete version or lies within its bounds (comparator);
 *   no narrower criterion attribute; platform conditions (AND configurations) verified or not needed.
 * - `medium`: the match holds but rests on something weaker: the version came from the component's
 *   version field (CPE version ANY), the CPE version disagrees with that field, the criterion covers
 *   all versions (`*` without bounds), vendor/product are only SUPERSET/SUBSET, or the criterion is
 *   narrower than the component on update/edition/language/target attributes (e.g. `target_sw=windows`
 *   against ANY).
 * - `low`: the version cannot be decided (component has no version, or the criterion's version is NA).
 * Platform decision: an AND configuration whose other nodes (typically the non-vulnerable hardware a
 * firmware runs on) cannot be checked because `context.platformCpes` is absent is still reported, one
 * level lower and with reason `platform-unverified` — a medical-device SBOM rarely lists its hardware,
 * and silently dropping firmware findings is the worse error. When `platformCpes` is given (even empty),
 * it is authoritative: an unsatisfied platform node drops the configuration. Platform CPEs go through
 * the same rules as the component (NVD hardware criteria use version `-`, so a platform CPE should
 * carry `-` or `*` there: `h:netapp:h300s:-`; a concrete hardware revision is DISJOINT from NA).
 */

export type CpeMatchConfidence = 'high' | 'medium' | 'low';

/** An advisory's criteria are read again for every component CPE they are matched against. */
const parseCpeName = memoised(parseCpeNameOnce);

export type CpeMatchReason =
  | 'version-equal'
  | 'version-in-range'
  | 'all-versions'
  | 'version-from-component-field'
  | 'cpe-version-conflicts-with-component-version'
  | 'component-version-unknown'
  | 'criterion-version-unspecified'
  | 'vendor-product-not-exact'
  | 'criterion-narrower-than-component'
  | 'platform-verified'
  | 'platform-unverified';

export interface CpeMatchResult {
  configurationIndex: number;
  nodeIndex: number;
  criterionIndex: number;
  /** The criterion as published. */
  criteria: string;
  /** What applied: the criterion's version attribute (`*`, `-` or the unquoted version) and its bounds. */
  bound: VersionBounds & { version: string };
  /** The component version the decision used, null when unknown. */
  matchedVersion: string | null;
  confidence: CpeMatchConfidence;
  reasons: CpeMatchReason[];
  /** Platform CPEs from the context that matched a criterion of this configuration. */
  platformCpes: string[];
}

export interface CpeComponent {
  cpe: string;
  version: string | null;
}

export interface CpeMatchContext {
  /** CPEs of what the component runs on/with (hardware, OS). Undefined: unknown, not "none". */
  platformCpes?: string[];
}

const levels: CpeMatchConfidence[] = ['low', 'medium', 'high'];

function capAt(current: CpeMatchConfidence, cap: CpeMatchConfidence): CpeMatchConfidence {
  return levels.indexOf(current) < levels.indexOf(cap) ? current : cap;
}

function lowerOneLevel(confidence: CpeMatchConfidence): CpeMatchConfidence {
  return levels[Math.max(0, levels.indexOf(confidence) - 1)] as CpeMatchConfidence;
}

function displayVersion(value: CpeValue): string {
  if (value.kind === 'any') return '*';
  if (value.kind === 'na') return '-';
  return value.prefix + value.literal + value.suffix;
}

interface CriterionHit {
  criterionVersion: string;
  confidence: CpeMatchConfidence;
  reasons: CpeMatchReason[];
  matchedVersion: string | null;
}

const qualifierAttributes = [
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSoftware',
  'targetHardware',
  'other',
] as const;

/** One criterion against one CPE (component or platform): name guards, then version; null = no match. */
function matchCriterion(
  criterion: CpeMatchCriterion,
  parsed: CpeName | null,
  target: CpeName,
  fieldVersion: string | null,
  compare: VersionComparator,
): CriterionHit | null {
  if (parsed === null) return null;
  const name = matchCriterionName(parsed, target);
  if (!name.matched) return null;
  const version = resolveComponentVersion(target, fieldVersion);
  const verdict = judgeVersion(parsed.version, criterion, version, compare);
  if (verdict.outcome === 'no-match') return null;
  const reasons: CpeMatchReason[] = [];
  let confidence: CpeMatchConfidence = 'high';
  if (verdict.outcome === 'undecided') {
    reasons.push(verdict.reason);
    confidence = 'low';
  } else if (verdict.outcome === 'all-versions') {
    reasons.push('all-versions');
    confidence = 'medium';
  } else {
    reasons.push(verdict.outcome === 'equal' ? 'version-equal' : 'version-in-range');
    if (version.source === 'component') {
      reasons.push('version-from-component-field');
      confidence = capAt(confidence, 'medium');
    }
  }
  if (version.isConflicting) {
    reasons.push('cpe-version-conflicts-with-component-version');
    confidence = capAt(confidence, 'medium');
  }
  if (name.relations.vendor !== 'EQUAL' || name.relations.product !== 'EQUAL') {
    reasons.push('vendor-product-not-exact');
    confidence = capAt(confidence, 'medium');
  }
  if (qualifierAttributes.some((attribute) => name.relations[attribute] === 'SUBSET')) {
    reasons.push('criterion-narrower-than-component');
    confidence = capAt(confidence, 'medium');
  }
  return {
    criterionVersion: displayVersion(parsed.version),
    confidence,
    reasons,
    matchedVersion: version.version,
  };
}

type NodeState = 'yes' | 'no' | 'unknown';

interface NodeEvaluation {
  state: NodeState;
  /** Vulnerable criteria the component itself matched (empty for negated nodes). */
  hits: { criterionIndex: number; hit: CriterionHit }[];
  /** Platform CPEs that matched a criterion of this node. */
  platformCpes: string[];
}

function evaluateNode(
  node: CpeNode,
  component: { name: CpeName; version: string | null },
  platforms: { cpe: string; name: CpeName }[] | null,
  compare: VersionComparator,
): NodeEvaluation {
  const hits: NodeEvaluation['hits'] = [];
  const usedPlatforms = new Set<string>();
  const parsed = node.cpeMatch.map((criterion) => parseCpeName(criterion.criteria));
  const byComponent = node.cpeMatch.map((criterion, criterionIndex) => {
    const hit = matchCriterion(
      criterion,
      parsed[criterionIndex] ?? null,
      component.name,
      component.version,
      compare,
    );
    if (hit !== null && criterion.vulnerable) hits.push({ criterionIndex, hit });
    return hit !== null;
  });
  const isAnd = node.operator === 'AND';
  // Platforms are consulted only where the component itself does not satisfy the node, so a plain
  // configuration is never reported as "platform-verified".
  const isSatisfiedByComponent = isAnd ? byComponent.every(Boolean) : byComponent.some(Boolean);
  const matched = node.cpeMatch.map((criterion, criterionIndex) => {
    if (byComponent[criterionIndex] || isSatisfiedByComponent) return byComponent[criterionIndex];
    let isMatched = false;
    for (const platform of platforms ?? []) {
      if (matchCriterion(criterion, parsed[criterionIndex] ?? null, platform.name, null, compare) !== null) {
        usedPlatforms.add(platform.cpe);
        isMatched = true;
      }
    }
    return isMatched;
  });
  const isSatisfied = isAnd ? matched.every(Boolean) : matched.some(Boolean);
  let state: NodeState = isSatisfied ? 'yes' : platforms === null ? 'unknown' : 'no';
  if (node.negate && state !== 'unknown') state = state === 'yes' ? 'no' : 'yes';
  return { state, hits: node.negate ? [] : hits, platformCpes: [...usedPlatforms] };
}

function combine(operator: 'AND' | 'OR', states: NodeState[]): NodeState {
  if (operator === 'AND') {
    if (states.includes('no')) return 'no';
    return states.includes('unknown') ? 'unknown' : 'yes';
  }
  if (states.includes('yes')) return 'yes';
  return states.includes('unknown') ? 'unknown' : 'no';
}

/**
 * Matches one component against an advisory's NVD configurations. Configurations are alternatives; in
 * each, nodes combine with the configuration's operator (OR by default, AND for "running on/with") and
 * criteria within a node with the node's operator; `negate` is honoured on nodes and configurations.
 * Only a `vulnerable: true` criterion matched by the component itself yields a result; a
 * `vulnerable: false` criterion is platform context and never a finding (anchore/grype#1349). Other
 * nodes may be satisfied by the component or by `context.platformCpes`. Criteria or platform CPEs that
 * do not parse are skipped; a component CPE that does not parse yields no results. Never throws.
 *
 * @returns one result per matched vulnerable criterion, in configuration/node/criterion order.
 */
export function matchConfigurations(
  configurations: CpeConfiguration[],
  component: CpeComponent,
  compare: VersionComparator,
  context: CpeMatchContext = {},
): CpeMatchResult[] {
  const name = parseCpeName(component.cpe);
  if (name === null) return [];
  const platforms =
    context.platformCpes === undefined
      ? null
      : context.platformCpes.flatMap((cpe) => {
          const parsed = parseCpeName(cpe);
          return parsed === null ? [] : [{ cpe, name: parsed }];
        });
  const results: CpeMatchResult[] = [];
  configurations.forEach((configuration, configurationIndex) => {
    const nodes = configuration.nodes.map((node) =>
      evaluateNode(node, { name, version: component.version }, platforms, compare),
    );
    if (!nodes.some((node) => node.hits.length > 0)) return;
    let state = combine(
      configuration.operator,
      nodes.map((node) => node.state),
    );
    if (configuration.negate && state !== 'unknown') state = state === 'yes' ? 'no' : 'yes';
    if (state === 'no') return;
    const platformCpes = [...new Set(nodes.flatMap((node) => node.platformCpes))];
    const reliesOnPlatform =
      (configuration.operator === 'AND' && configuration.nodes.length > 1) || platformCpes.length > 0;
    nodes.forEach((node, nodeIndex) => {
      for (const { criterionIndex, hit } of node.hits) {
        const criterion = configuration.nodes[nodeIndex]?.cpeMatch[criterionIndex] as CpeMatchCriterion;
        const reasons = [...hit.reasons];
        let confidence = hit.confidence;
        if (state === 'unknown') {
          reasons.push('platform-unverified');
          confidence = lowerOneLevel(confidence);
        } else if (reliesOnPlatform) reasons.push('platform-verified');
        results.push({
          configurationIndex,
          nodeIndex,
          criterionIndex,
          criteria: criterion.criteria,
          bound: {
            version: hit.criterionVersion,
            versionStartIncluding: criterion.versionStartIncluding,
            versionStartExcluding: criterion.versionStartExcluding,
            versionEndIncluding: criterion.versionEndIncluding,
            versionEndExcluding: criterion.versionEndExcluding,
          },
          matchedVersion: hit.matchedVersion,
          confidence,
          reasons,
          platformCpes: state === 'yes' ? platformCpes : [],
        });
      }
    });
  });
  return results;
}
