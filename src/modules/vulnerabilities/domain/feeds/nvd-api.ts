/**
 * NVD CVE API 2.0 records (https://nvd.nist.gov/developers/vulnerabilities; docs/matching.md "NVD CVE
 * API 2.0 — applicability configurations") read into Advisory. Three file shapes: a full API page
 * `{resultsPerPage, format: "NVD_CVE", vulnerabilities: [{cve}]}`, one item `{cve: {…}}`, or a bare
 * `cve` object (fkie-cad/nvd-json-data-feeds).
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
import { readConfigurations } from './nvd-configurations.ts';

/** NVD metric arrays and the severity type each one carries. `ssvcV203` and others are not CVSS. */
const metricTypes: Record<string, AdvisorySeverity['type']> = {
  cvssMetricV2: 'CVSS_V2',
  cvssMetricV30: 'CVSS_V3',
  cvssMetricV31: 'CVSS_V3',
  cvssMetricV40: 'CVSS_V4',
};
const bareCveKeys = ['sourceIdentifier', 'vulnStatus', 'descriptions', 'lastModified'];

/**
 * Reads any of the three NVD API 2.0 shapes. A page item that is not `{cve: {id: "CVE-…"}}` is
 * skipped with a warning; so are odd parts inside a record (see nvd-configurations.ts).
 * `vulnStatus: "Rejected"` sets `withdrawn` (to `lastModified`).
 *
 * @throws DomainError('invalid') when `json` is none of the three shapes (for example a legacy 1.1
 *   feed, a KEV catalogue or an OSV record), or when a single `{cve}`/bare record has no CVE id.
 */
export function parseNvdCve(json: unknown, warnings: FeedWarnings = []): Advisory[] {
  const document = requireObject(json, '$', 'an NVD CVE API 2.0 object');
  if ('vulnerabilities' in document) return readPage(document, warnings);
  if ('cve' in document) {
    const cve = requireObject(document.cve, '$.cve', 'an NVD cve object');
    return [readCve(cve, '$.cve', warnings)];
  }
  if (bareCveKeys.some((key) => key in document)) return [readCve(document, '$', warnings)];
  return invalid('$', 'an NVD CVE API 2.0 page {vulnerabilities: [...]}, item {cve: {...}} or cve object');
}

function readPage(page: JsonObject, warnings: FeedWarnings): Advisory[] {
  if (!Array.isArray(page.vulnerabilities)) invalid('$.vulnerabilities', 'an array of {cve} items');
  const format = text(page.format);
  if (format && !format.startsWith('NVD_CVE')) invalid('$.format', `NVD_CVE (found ${format})`);
  const items = page.vulnerabilities;
  if (items.length > 0 && !items.some((item) => isObject(item) && isObject(item.cve))) {
    invalid(
      '$.vulnerabilities[0].cve',
      'NVD {cve} items (is this another feed with a vulnerabilities list?)',
    );
  }
  return items.flatMap((item, index) => {
    const path = `$.vulnerabilities[${index}].cve`;
    const cve = isObject(item) && isObject(item.cve) ? item.cve : null;
    if (!cve || !isCveId(cve.id)) {
      warnings.push(`${path}: not a cve object with a CVE id; skipped`);
      return [];
    }
    return [readCve(cve, path, warnings)];
  });
}

function isCveId(value: unknown): value is string {
  return typeof value === 'string' && /^CVE-\d{4}-\d+$/.test(value);
}

function readCve(cve: JsonObject, path: string, warnings: FeedWarnings): Advisory {
  if (!isCveId(cve.id)) invalid(`${path}.id`, 'a CVE id (CVE-YYYY-NNNN)');
  const id = cve.id;
  const published = instant(cve.published);
  const modified = instant(cve.lastModified) ?? published ?? '';
  return {
    source: 'nvd',
    id,
    aliases: [],
    summary: null,
    details: englishText(cve.descriptions),
    published,
    modified,
    withdrawn: cve.vulnStatus === 'Rejected' ? modified : null,
    severities: readMetrics(cve.metrics, `${id} ${path}.metrics`, warnings),
    references: taggedReferences(cve.references),
    cwes: cweIds(
      list(cve.weaknesses).flatMap((weakness) =>
        isObject(weakness) ? list(weakness.description).map((entry) => isObject(entry) && entry.value) : [],
      ),
    ),
    affected: [],
    configurations: readConfigurations(cve.configurations, `${id} ${path}.configurations`, warnings),
    vendorProducts: [],
  };
}

/** `metrics.cvssMetricV2/V30/V31/V40[]` → one severity per entry, with NVD's `source` (who scored). */
function readMetrics(value: unknown, path: string, warnings: FeedWarnings): AdvisorySeverity[] {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, entries]) => {
    const type = metricTypes[key];
    if (!type) return [];
    return list(entries).flatMap((entry, index) => {
      const data = isObject(entry) && isObject(entry.cvssData) ? entry.cvssData : null;
      const vector = data ? text(data.vectorString) : null;
      if (!data || !vector) {
        warnings.push(`${path}.${key}[${index}]: no cvssData.vectorString; skipped`);
        return [];
      }
      const source = isObject(entry) ? text(entry.source) : null;
      return [{ type, vector, score: score(data.baseScore), source }];
    });
  });
}
