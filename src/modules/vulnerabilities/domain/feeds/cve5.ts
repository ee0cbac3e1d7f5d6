/**
 * CVE JSON 5.0–5.2 records (CVE Record Format, https://github.com/CVEProject/cve-schema; the CNA view
 * NVD enrichment is based on, docs/matching.md "NVD CVE API 2.0": CVE 5 CNA `affected` data and CISA
 * ADP are the fallback for records NVD has not analysed) read into Advisory.
 */
import type { Advisory, AdvisorySeverity } from '../advisory-model.ts';
import { readCve5Affected } from './cve5-affected.ts';
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

/** CVE 5 metric keys and their severity type; `other` (SSVC, KEV, text ratings) is not CVSS. */
const metricTypes: Record<string, AdvisorySeverity['type']> = {
  cvssV2_0: 'CVSS_V2',
  cvssV3_0: 'CVSS_V3',
  cvssV3_1: 'CVSS_V3',
  cvssV4_0: 'CVSS_V4',
};

/**
 * Reads one CVE 5 record. Data is taken from the CNA container and every ADP container (CISA's
 * vulnrichment adds CVSS, CWEs and sometimes `affected`): severities (source = the container's
 * `providerMetadata.shortName`), CWEs, references (first occurrence of each URL), `affected` (see
 * cve5-affected.ts) and `cpeApplicability` (NVD configuration shape). `state: REJECTED` sets
 * `withdrawn` (to `dateRejected`, else `dateUpdated`). A record has no aliases.
 *
 * @throws DomainError('invalid') when `json` has no `cveMetadata.cveId` or no `containers` object.
 */
export function parseCve5(json: unknown, warnings: FeedWarnings = []): Advisory {
  const record = requireObject(json, '$', 'a CVE JSON 5 record object');
  if (record.dataType !== undefined && record.dataType !== 'CVE_RECORD') {
    invalid('$.dataType', `CVE_RECORD (found ${String(record.dataType)})`);
  }
  const metadata = requireObject(record.cveMetadata, '$.cveMetadata', 'the CVE 5 cveMetadata object');
  const id = text(metadata.cveId) ?? invalid('$.cveMetadata.cveId', 'a CVE id');
  const containers = requireObject(record.containers, '$.containers', 'the CVE 5 containers object');
  const cna = isObject(containers.cna) ? containers.cna : null;
  if (!cna) warnings.push(`${id} $.containers.cna: missing; reading ADP containers only`);
  const all: [string, JsonObject][] = [
    ...(cna ? [['$.containers.cna', cna] as [string, JsonObject]] : []),
    ...list(containers.adp).flatMap((adp, index): [string, JsonObject][] =>
      isObject(adp) ? [[`$.containers.adp[${index}]`, adp]] : [],
    ),
  ];

  const published = instant(metadata.datePublished);
  const modified = instant(metadata.dateUpdated) ?? published ?? instant(metadata.dateReserved) ?? '';
  const rejected = metadata.state === 'REJECTED';
  const parts = all.map(([path, container]) =>
    readCve5Affected(container.affected, `${id} ${path}.affected`, warnings),
  );
  return {
    source: 'cve5',
    id,
    aliases: [],
    summary: cna ? text(cna.title) : null,
    details: cna ? englishText(cna.descriptions) : null,
    published,
    modified,
    withdrawn: rejected ? (instant(metadata.dateRejected) ?? modified) : null,
    severities: all.flatMap(([path, container]) => readMetrics(container, `${id} ${path}`, warnings)),
    references: uniqueByUrl(all.flatMap(([, container]) => taggedReferences(container.references))),
    cwes: cweIds(
      all.flatMap(([, container]) =>
        list(container.problemTypes).flatMap((problem) =>
          isObject(problem) ? list(problem.descriptions).map((entry) => isObject(entry) && entry.cweId) : [],
        ),
      ),
    ),
    affected: parts.flatMap((part) => part.affected),
    configurations: all.flatMap(([path, container]) =>
      readConfigurations(container.cpeApplicability, `${id} ${path}.cpeApplicability`, warnings),
    ),
    vendorProducts: parts.flatMap((part) => part.vendorProducts),
  };
}

function readMetrics(container: JsonObject, path: string, warnings: FeedWarnings): AdvisorySeverity[] {
  const provider = isObject(container.providerMetadata) ? container.providerMetadata : {};
  const source = text(provider.shortName) ?? text(provider.orgId);
  return list(container.metrics).flatMap((metric, index) => {
    if (!isObject(metric)) return [];
    return Object.entries(metric).flatMap(([key, data]) => {
      const type = metricTypes[key];
      if (!type) return [];
      const vector = isObject(data) ? text(data.vectorString) : null;
      if (!isObject(data) || !vector) {
        warnings.push(`${path}.metrics[${index}].${key}: no vectorString; skipped`);
        return [];
      }
      return [{ type, vector, score: score(data.baseScore), source }];
    });
  });
}

function uniqueByUrl(references: { type: string; url: string }[]): { type: string; url: string }[] {
  const seen = new Set<string>();
  return references.filter((reference) => {
    if (seen.has(reference.url)) return false;
    seen.add(reference.url);
    return true;
  });
}
