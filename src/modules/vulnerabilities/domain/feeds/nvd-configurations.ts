/**
 * NVD applicability configurations (docs/matching.md "NVD CVE API 2.0 — applicability configurations"):
 * the API 2.0 `configurations[].nodes[].cpeMatch[]` shape, which CVE 5 `cpeApplicability` reuses, and
 * the legacy 1.1 feed's `configurations.nodes[]` with `cpe_match`/`cpe23Uri`/`children`, both read into
 * the one CpeConfiguration shape. CPE strings are kept verbatim (escapes such as `tcp\/ip` included).
 */
import type { CpeConfiguration, CpeMatchCriterion, CpeNode } from '../advisory-model.ts';
import { type FeedWarnings, isObject, type JsonObject, list, text } from './feed-json.ts';

const operator = (value: unknown): 'AND' | 'OR' => (value === 'AND' ? 'AND' : 'OR');

/**
 * API 2.0 `configurations[]` (also CVE 5 `cpeApplicability[]`). A criterion without a `criteria`
 * string, a node without criteria and a configuration without nodes are skipped with a warning.
 */
export function readConfigurations(value: unknown, path: string, warnings: FeedWarnings): CpeConfiguration[] {
  return list(value).flatMap((item, index) => {
    const at = `${path}[${index}]`;
    const nodes = isObject(item)
      ? list(item.nodes).flatMap((node, n) =>
          readNode(node, `${at}.nodes[${n}]`, 'cpeMatch', 'criteria', warnings),
        )
      : [];
    if (!isObject(item) || nodes.length === 0) {
      warnings.push(`${at}: no usable nodes; skipped`);
      return [];
    }
    return [{ operator: operator(item.operator), negate: item.negate === true, nodes }];
  });
}

/**
 * Legacy NVD 1.1 `configurations.nodes[]`. Each top-level node is one configuration of API 2.0 terms:
 * an `AND` node with `children` becomes `{operator: AND, nodes: children}` (the running-on pattern:
 * firmware AND hardware); an `OR` node with `cpe_match` becomes `{operator: OR, nodes: [itself]}`. The
 * 1.1 feed nests at most one level; deeper children are flattened into their parent's list with a
 * warning, as CpeConfiguration has two levels only. Empty nodes are skipped with a warning.
 */
export function readLegacyNodes(value: unknown, path: string, warnings: FeedWarnings): CpeConfiguration[] {
  return list(value).flatMap((item, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(item)) {
      warnings.push(`${at}: not an object; skipped`);
      return [];
    }
    const children = list(item.children);
    const ownMatches = readNode(item, at, 'cpe_match', 'cpe23Uri', warnings);
    if (children.length === 0) {
      return ownMatches.map((node) => ({ operator: 'OR' as const, negate: false, nodes: [node] }));
    }
    const nodes = [
      ...ownMatches,
      ...children.flatMap((child, c) => legacyChild(child, `${at}.children[${c}]`, warnings)),
    ];
    if (nodes.length === 0) {
      warnings.push(`${at}: ${operator(item.operator)} node without criteria; skipped`);
      return [];
    }
    return [{ operator: operator(item.operator), negate: item.negate === true, nodes }];
  });
}

function legacyChild(value: unknown, path: string, warnings: FeedWarnings): CpeNode[] {
  if (!isObject(value)) return [];
  const grandchildren = list(value.children);
  if (grandchildren.length > 0) warnings.push(`${path}: nested children flattened into this node`);
  return [
    ...readNode(value, path, 'cpe_match', 'cpe23Uri', warnings),
    ...grandchildren.flatMap((child, c) => legacyChild(child, `${path}.children[${c}]`, warnings)),
  ];
}

function readNode(
  value: unknown,
  path: string,
  matchesKey: 'cpeMatch' | 'cpe_match',
  criteriaKey: 'criteria' | 'cpe23Uri',
  warnings: FeedWarnings,
): CpeNode[] {
  if (!isObject(value)) {
    warnings.push(`${path}: not an object; skipped`);
    return [];
  }
  const cpeMatch = list(value[matchesKey]).flatMap((match, m) => {
    const criterion = readCriterion(match, criteriaKey);
    if (!criterion) warnings.push(`${path}.${matchesKey}[${m}]: no ${criteriaKey}; skipped`);
    return criterion ? [criterion] : [];
  });
  if (cpeMatch.length === 0) {
    if (list(value.children).length === 0) warnings.push(`${path}: no ${matchesKey}; skipped`);
    return [];
  }
  return [{ operator: operator(value.operator), negate: value.negate === true, cpeMatch }];
}

function readCriterion(value: unknown, criteriaKey: string): CpeMatchCriterion | null {
  if (!isObject(value)) return null;
  const criteria = text(value[criteriaKey]);
  if (!criteria) return null;
  const bound = (key: string): string | null => text((value as JsonObject)[key]);
  return {
    // NVD always states `vulnerable`; a missing flag is read as platform context, never as a finding.
    vulnerable: value.vulnerable === true,
    criteria,
    versionStartIncluding: bound('versionStartIncluding'),
    versionStartExcluding: bound('versionStartExcluding'),
    versionEndIncluding: bound('versionEndIncluding'),
    versionEndExcluding: bound('versionEndExcluding'),
  };
}
