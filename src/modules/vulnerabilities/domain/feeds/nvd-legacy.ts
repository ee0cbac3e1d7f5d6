/**
 * The legacy NVD JSON 1.1 data feed (`nvdcve-1.1-*.json`, retired by NVD in 2023; docs/matching.md
 * "NVD CVE API 2.0 — applicability configurations": "Legacy 1.1 feed uses cpe_match/cpe23Uri with the
 * same semantics") read into the same Advisory shape as API 2.0 records.
 */
import type { Advisory, AdvisorySeverity } from '../advisory-model.ts';
import {
  cweIds,
  englishText,
  type FeedWarnings,
  instant,
  invalid,
  isObject,
  type JsonObject,
  list,
  requireObject,
  score,
  taggedReferences,
  text,
} from './feed-json.ts';
import { readLegacyNodes } from './nvd-configurations.ts';

/**
 * Reads a 1.1 feed `{CVE_data_type, CVE_Items: [{cve, configurations, impact, publishedDate,
 * lastModifiedDate}]}`. An item without `cve.CVE_data_meta.ID` is skipped with a warning.
 * The 1.1 feed has no status field: a description starting with `** REJECT **` (NVD's marker for
 * rejected candidates) sets `withdrawn`. Scores in `impact` are NVD's own (source `nvd@nist.gov`).
 * Note: the header's `CVE_data_numberOfCVEs` is not checked — it can disagree with the items.
 *
 * @throws DomainError('invalid') when `json` has no `CVE_Items` array.
 */
export function parseNvdLegacyFeed(json: unknown, warnings: FeedWarnings = []): Advisory[] {
  const feed = requireObject(json, '$', 'an NVD 1.1 feed object');
  if (!Array.isArray(feed.CVE_Items)) invalid('$.CVE_Items', 'the NVD 1.1 feed item array');
  return feed.CVE_Items.flatMap((item, index) => {
    const path = `$.CVE_Items[${index}]`;
    const cve = isObject(item) && isObject(item.cve) ? item.cve : null;
    const meta = cve && isObject(cve.CVE_data_meta) ? cve.CVE_data_meta : null;
    const id = meta ? text(meta.ID) : null;
    if (!isObject(item) || !cve || !id) {
      warnings.push(`${path}: no cve.CVE_data_meta.ID; skipped`);
      return [];
    }
    return [readItem(item, cve, id, path, warnings)];
  });
}

function readItem(
  item: JsonObject,
  cve: JsonObject,
  id: string,
  path: string,
  warnings: FeedWarnings,
): Advisory {
  const published = instant(item.publishedDate);
  const modified = instant(item.lastModifiedDate) ?? published ?? '';
  const details = isObject(cve.description) ? englishText(cve.description.description_data) : null;
  const problems = isObject(cve.problemtype) ? list(cve.problemtype.problemtype_data) : [];
  const configurations = isObject(item.configurations) ? item.configurations.nodes : [];
  return {
    source: 'nvd',
    id,
    aliases: [],
    summary: null,
    details,
    published,
    modified,
    withdrawn: details?.startsWith('** REJECT **') ? modified : null,
    severities: readImpact(item.impact),
    references: taggedReferences(isObject(cve.references) ? cve.references.reference_data : []),
    cwes: cweIds(
      problems.flatMap((problem) =>
        isObject(problem) ? list(problem.description).map((entry) => isObject(entry) && entry.value) : [],
      ),
    ),
    affected: [],
    configurations: readLegacyNodes(configurations, `${id} ${path}.configurations.nodes`, warnings),
    vendorProducts: [],
  };
}

/** `impact.baseMetricV3.cvssV3` and `impact.baseMetricV2.cvssV2` (the 1.1 feed has no v4). */
function readImpact(value: unknown): AdvisorySeverity[] {
  if (!isObject(value)) return [];
  const metrics: [string, string, AdvisorySeverity['type']][] = [
    ['baseMetricV3', 'cvssV3', 'CVSS_V3'],
    ['baseMetricV2', 'cvssV2', 'CVSS_V2'],
  ];
  return metrics.flatMap(([metricKey, dataKey, type]) => {
    const metric = value[metricKey];
    const data = isObject(metric) && isObject(metric[dataKey]) ? metric[dataKey] : null;
    const vector = isObject(data) ? text(data.vectorString) : null;
    return isObject(data) && vector
      ? [{ type, vector, score: score(data.baseScore), source: 'nvd@nist.gov' }]
      : [];
  });
}
