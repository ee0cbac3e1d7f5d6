/**
 * CSAF 2.0 advisories (OASIS CSAF 2.0, https://docs.oasis-open.org/csaf/csaf/v2.0/; 2.1 fields read
 * where they differ) as a vulnerability feed: one Advisory per `vulnerabilities[]` entry, matched on
 * the purl/CPE helpers of its affected products (csaf-affected.ts). Pure, no I/O.
 */
import { DomainError } from '../../../../shared/errors.ts';
import type {
  Advisory,
  AdvisorySeverity,
  AffectedPackage,
  CpeConfiguration,
  CpeMatchCriterion,
} from '../advisory-model.ts';
import { readPurlIdentity } from '../match/purl-identity.ts';
import { affectedPackageOf, cpeCriteriaOf, identityOf, purlKey } from './csaf-affected.ts';
import {
  type CsafProductTree,
  resolveCsafProductTree,
  trimmedText,
  trimmedTexts,
} from './csaf-product-tree.ts';
import {
  cweIds,
  type FeedWarnings,
  instant,
  invalid,
  isObject,
  type JsonObject,
  list,
  requireObject,
  score,
} from './feed-json.ts';

const affectedGroups = ['first_affected', 'known_affected', 'last_affected'];
const fixedGroups = ['first_fixed', 'fixed'];
const detailNotes = new Set(['description', 'summary', 'details']);
const metricTypes: [string, AdvisorySeverity['type']][] = [
  ['cvss_v4', 'CVSS_V4'],
  ['cvss_v3', 'CVSS_V3'],
  ['cvss_v2', 'CVSS_V2'],
];

interface DocumentMeta {
  trackingId: string;
  /** `publisher.namespace` + `tracking.id`: the advisory's global identity (CSAF 2.0 §3.2.1.8.3). */
  prefix: string;
  trackingAliases: string[];
  title: string | null;
  publisher: string | null;
  initial: string | null;
  modified: string;
  withdrawn: string | null;
  references: unknown[];
}

/** What a JSON document that is no CSAF document probably is, for the error message. */
function describeNonCsaf(root: JsonObject): string {
  if ('aggregator' in root) return ' It is a CSAF aggregator.json (a list of providers), not an advisory.';
  if ('canonical_url' in root && 'role' in root)
    return ' It is a CSAF provider-metadata.json (where a provider publishes), not an advisory.';
  if ('feed' in root || 'service' in root || 'categories' in root)
    return ' It is a ROLIE feed, service or category document (an index of advisories), not an advisory.';
  return '';
}

function readMeta(root: JsonObject, warnings: FeedWarnings): DocumentMeta {
  const document = isObject(root.document) ? root.document : null;
  if (!document || document.csaf_version === undefined) {
    throw new DomainError(
      'invalid',
      `Not a CSAF document: no document.csaf_version.${describeNonCsaf(root)}`,
      {
        path: '$.document.csaf_version',
      },
    );
  }
  const version = typeof document.csaf_version === 'string' ? document.csaf_version.trim() : null;
  if (version !== '2.0' && version !== '2.1')
    invalid('$.document.csaf_version', 'CSAF version "2.0" or "2.1"');
  const publisher = isObject(document.publisher) ? document.publisher : {};
  const namespace =
    trimmedText(publisher.namespace) ??
    invalid('$.document.publisher.namespace', 'the publisher namespace (a URL)');
  const tracking = requireObject(document.tracking, '$.document.tracking', 'the CSAF tracking object');
  const trackingId =
    trimmedText(tracking.id) ?? invalid('$.document.tracking.id', 'the tracking id (a string)');
  const initial = instant(tracking.initial_release_date);
  let modified = instant(tracking.current_release_date);
  if (!modified) {
    warnings.push(
      `${trackingId} $.document.tracking.current_release_date: missing; using the initial release date`,
    );
    modified = initial ?? '';
  }
  const category = trimmedText(document.category);
  return {
    trackingId,
    prefix: `${namespace.replace(/\/+$/, '')}/${trackingId}`,
    trackingAliases: trimmedTexts(tracking.aliases),
    title: trimmedText(document.title),
    publisher: trimmedText(publisher.name),
    initial,
    modified,
    // CSAF 2.1 §4.7: the profile of a withdrawn advisory; 2.0 has no such profile.
    withdrawn: version === '2.1' && category === 'csaf_withdrawn' ? modified : null,
    references: list(document.references),
  };
}

/**
 * Reads one CSAF 2.0 (or 2.1) document into one Advisory per vulnerability.
 *
 * - id: `<publisher.namespace>/<tracking.id>/<cve>` (else `<ids[0].system_name>:<ids[0].text>`, else
 *   `vulnerabilities[<n>]`, which a reordering changes). aliases: the CVE and `ids[].text` (an id shared
 *   by several vulnerabilities of the document is left out), plus `tracking.id` and `tracking.aliases`
 *   when the document has one vulnerability only, since an id shared by several CVEs would merge them
 *   into one vulnerability.
 * - summary: the vulnerability title, else the document title; details: its description/summary/details
 *   notes (else its general notes). published: `release_date` (2.1 `disclosure_date`), else the initial
 *   release; modified: `current_release_date`; withdrawn only for a 2.1 `csaf_withdrawn` document.
 * - severities: CVSS v2/v3 of `scores[]` (2.1: v2/v3/v4 of `metrics[].content`) that name an affected
 *   product (all of them when none does), source = publisher name. cwes: `cwe.id` (2.1 `cwes[].id`).
 * - affected/configurations: products of `first_affected`, `known_affected`, `last_affected` with a
 *   purl or CPE helper (see csaf-affected.ts); a product_status entry naming a product group stands for
 *   its products. Other statuses create nothing; a `fixed`/`first_fixed` product with the same purl
 *   (qualifiers included) closes an open-ended range, only when it names exactly one version.
 *
 * Affected products without purl or CPE are counted in one warning per document.
 *
 * @throws DomainError('invalid') when `json` is no CSAF document (provider metadata, ROLIE, aggregator),
 *   names a csaf_version other than 2.0/2.1, or lacks publisher.namespace or tracking.id.
 */
export function parseCsafAdvisories(json: unknown, warnings: FeedWarnings = []): Advisory[] {
  const root = requireObject(json, '$', 'a CSAF document (a JSON object)');
  const meta = readMeta(root, warnings);
  const warn = (message: string) => warnings.push(`${meta.trackingId} ${message}`);
  const treeWarnings: string[] = [];
  const tree = resolveCsafProductTree(root.product_tree, treeWarnings);
  for (const warning of treeWarnings) warn(warning);

  const vulnerabilities = list(root.vulnerabilities).flatMap((item, index) => {
    if (isObject(item)) return [{ item, index }];
    warn(`$.vulnerabilities[${index}]: not an object; skipped`);
    return [];
  });
  if (vulnerabilities.length === 0) {
    const withdrawn = meta.withdrawn ? ' (advisories imported from earlier revisions stay as they are)' : '';
    warn(`$.vulnerabilities: none; nothing to import${withdrawn}`);
  }
  const idCounts = new Map<string, number>();
  for (const { item } of vulnerabilities)
    for (const id of new Set(readIds(item).map((entry) => entry.text)))
      idCounts.set(id, (idCounts.get(id) ?? 0) + 1);

  const unmatchable = new Set<string>();
  const seen = new Set<string>();
  const advisories: Advisory[] = [];
  for (const { item, index } of vulnerabilities) {
    const path = `$.vulnerabilities[${index}]`;
    const cve = trimmedText(item.cve);
    const ids = readIds(item);
    const first = ids[0];
    if (!cve && !first) warn(`${path}: neither cve nor ids; identified by its position`);
    const key = cve ?? (first ? `${first.system ?? 'id'}:${first.text}` : `vulnerabilities[${index}]`);
    const id = `${meta.prefix}/${key}`;
    if (seen.has(id)) {
      warn(`${path}: ${key} listed twice in the document; skipped`);
      continue;
    }
    seen.add(id);
    const single = vulnerabilities.length === 1;
    const aliases = [
      ...(cve ? [cve] : []),
      ...ids.filter((entry) => idCounts.get(entry.text) === 1).map((entry) => entry.text),
      ...(single ? [meta.trackingId, ...meta.trackingAliases] : []),
    ];
    const status = isObject(item.product_status) ? item.product_status : {};
    const affectedIds = productIdsOf(status, affectedGroups, tree, `${path}.product_status`, warn);
    const fixedIds = productIdsOf(status, fixedGroups, tree, `${path}.product_status`, warn);
    const matchable = readAffected(affectedIds, fixedIds, tree, path, warn);
    for (const productId of matchable.unmatchable) unmatchable.add(productId);
    advisories.push({
      source: 'csaf',
      id,
      aliases: [...new Set(aliases)].filter((alias) => alias !== id),
      summary: trimmedText(item.title) ?? meta.title,
      details: readDetails(item),
      published: instant(item.release_date) ?? instant(item.disclosure_date) ?? meta.initial,
      modified: meta.modified,
      withdrawn: meta.withdrawn,
      severities: readSeverities(item, new Set(affectedIds), meta.publisher, path, warn),
      references: readReferences([...meta.references, ...list(item.references)]),
      cwes: cweIds([
        isObject(item.cwe) ? item.cwe.id : null,
        ...list(item.cwes).map((cwe) => (isObject(cwe) ? cwe.id : null)),
      ]),
      affected: matchable.affected,
      configurations: matchable.configurations,
      vendorProducts: [],
    });
  }
  if (unmatchable.size > 0) {
    warn(
      `${unmatchable.size} affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components`,
    );
  }
  return advisories;
}

function readIds(item: JsonObject): { system: string | null; text: string }[] {
  return list(item.ids).flatMap((entry) => {
    const text = isObject(entry) ? trimmedText(entry.text) : null;
    return isObject(entry) && text ? [{ system: trimmedText(entry.system_name), text }] : [];
  });
}

/** The product_ids of some product_status groups; a group_id there stands for its products. */
function productIdsOf(
  status: JsonObject,
  groups: string[],
  tree: CsafProductTree,
  path: string,
  warn: (message: string) => void,
): string[] {
  const found = new Set<string>();
  for (const group of groups) {
    for (const productId of trimmedTexts(status[group])) {
      if (tree.products.has(productId)) found.add(productId);
      else if (tree.groups.has(productId)) {
        warn(`${path}.${group}: ${productId} is a product group; its products are used`);
        for (const member of tree.groups.get(productId) ?? [])
          if (tree.products.has(member)) found.add(member);
      } else warn(`${path}.${group}: unknown product_id ${productId}; skipped`);
    }
  }
  return [...found];
}

function readAffected(
  affectedIds: string[],
  fixedIds: string[],
  tree: CsafProductTree,
  path: string,
  warn: (message: string) => void,
): { affected: AffectedPackage[]; configurations: CpeConfiguration[]; unmatchable: string[] } {
  // Fixed versions per purl (without version): used only when one purl has exactly one.
  const fixes = new Map<string, Set<string>>();
  for (const productId of fixedIds) {
    const product = tree.products.get(productId);
    const identity = product ? identityOf(product) : null;
    if (!identity || identity.versionRange !== null) continue;
    for (const purl of identity.purls) {
      const parsed = readPurlIdentity(purl, identity.version);
      if (!parsed?.version) continue;
      const key = purlKey(parsed);
      fixes.set(key, new Set([...(fixes.get(key) ?? []), parsed.version]));
    }
  }
  const fixedVersion = (key: string): string | null => {
    const versions = fixes.get(key);
    return versions?.size === 1 ? ([...versions][0] as string) : null;
  };
  const affected = new Map<string, AffectedPackage>();
  const criteria = new Map<string, CpeMatchCriterion>();
  const unmatchable: string[] = [];
  for (const productId of affectedIds) {
    const product = tree.products.get(productId);
    if (!product) continue;
    const identity = identityOf(product);
    if (identity.purls.length === 0 && identity.cpe === null) {
      unmatchable.push(productId);
      continue;
    }
    const productWarn = (message: string) => warn(`${path}: product ${productId}: ${message}`);
    for (const purl of identity.purls) {
      const entry = affectedPackageOf(purl, identity, fixedVersion, productWarn);
      if (entry) affected.set(JSON.stringify(entry), entry);
    }
    const found = identity.cpe ? cpeCriteriaOf(identity.cpe, identity, productWarn) : [];
    for (const criterion of found) criteria.set(JSON.stringify(criterion), criterion);
  }
  // All products in one OR node: any one of them is affected.
  const cpeMatch = [...criteria.values()];
  const configurations: CpeConfiguration[] =
    cpeMatch.length === 0
      ? []
      : [{ operator: 'OR', negate: false, nodes: [{ operator: 'OR', negate: false, cpeMatch }] }];
  return { affected: [...affected.values()], configurations, unmatchable };
}

function readDetails(item: JsonObject): string | null {
  const notes = list(item.notes).filter(isObject);
  const textOf = (category: (c: string | null) => boolean) =>
    notes
      .filter((note) => category(trimmedText(note.category)))
      .flatMap((note) => trimmedText(note.text) ?? []);
  const chosen = textOf((c) => c !== null && detailNotes.has(c));
  const texts = chosen.length > 0 ? chosen : textOf((c) => c === 'general');
  return texts.length > 0 ? texts.join('\n\n') : null;
}

function readSeverities(
  item: JsonObject,
  affectedIds: Set<string>,
  source: string | null,
  path: string,
  warn: (message: string) => void,
): AdvisorySeverity[] {
  const entries = [
    ...list(item.scores).map((entry, i) => ({ entry, content: entry, at: `${path}.scores[${i}]` })),
    ...list(item.metrics).map((entry, i) => ({
      entry,
      content: isObject(entry) ? entry.content : null,
      at: `${path}.metrics[${i}].content`,
    })),
  ].flatMap(({ entry, content, at }) =>
    isObject(entry) && isObject(content) ? [{ products: trimmedTexts(entry.products), content, at }] : [],
  );
  const relevant = entries.filter((entry) => entry.products.some((id) => affectedIds.has(id)));
  const found = new Map<string, AdvisorySeverity>();
  for (const { content, at } of relevant.length > 0 ? relevant : entries) {
    for (const [key, type] of metricTypes) {
      const data = content[key];
      if (data === undefined) continue;
      const vector = isObject(data) ? trimmedText(data.vectorString) : null;
      if (!isObject(data) || !vector) {
        warn(`${at}.${key}: no vectorString; skipped`);
        continue;
      }
      if (!found.has(`${type} ${vector}`))
        found.set(`${type} ${vector}`, { type, vector, score: score(data.baseScore), source });
    }
  }
  return [...found.values()];
}

/** OSV reference type of an `external` reference, from what its URL obviously is. */
function externalType(url: string): string {
  if (/\/commits?\/[0-9a-f]{7,}/i.test(url)) return 'FIX';
  if (/show_bug\.cgi|\/issues\/\d+|bugzilla\./i.test(url)) return 'REPORT';
  if (/nvd\.nist\.gov\/vuln\/detail|cve\.org\/CVERecord|cve\.mitre\.org\/cgi-bin/i.test(url))
    return 'ADVISORY';
  return 'WEB';
}

/** `self` references are the advisory itself (ADVISORY); others by their URL; first of each URL kept. */
function readReferences(references: unknown[]): { type: string; url: string }[] {
  const found = new Map<string, string>();
  for (const reference of references) {
    const url = isObject(reference) ? trimmedText(reference.url) : null;
    if (!isObject(reference) || !url || found.has(url)) continue;
    found.set(url, trimmedText(reference.category) === 'self' ? 'ADVISORY' : externalType(url));
  }
  return [...found].map(([url, type]) => ({ type, url }));
}
