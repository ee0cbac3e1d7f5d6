/**
 * OSV records (OSV schema 1.x, https://ossf.github.io/osv-schema/; docs/matching.md "OSV schema") read
 * into Advisory. `database_specific` and `ecosystem_specific` are ignored; GIT ranges are kept (the
 * matcher never evaluates them, see osv-range.ts).
 */
import type {
  Advisory,
  AdvisorySeverity,
  AffectedPackage,
  AffectedRange,
  RangeEvent,
} from '../advisory-model.ts';
import {
  type FeedWarnings,
  instant,
  invalid,
  isObject,
  type JsonObject,
  list,
  requireObject,
  text,
  textList,
} from './feed-json.ts';

const rangeTypes = new Set<AffectedRange['type']>(['SEMVER', 'ECOSYSTEM', 'GIT']);
const eventKeys = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const severityTypes = new Set<AdvisorySeverity['type']>(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);
// Top-level keys of the other feeds: a document with one of these is not an OSV record.
const foreignKeys = ['vulnerabilities', 'cve', 'CVE_Items', 'cveMetadata', 'sourceIdentifier', 'vulnStatus'];
const osvKeys = ['modified', 'published', 'affected', 'aliases', 'withdrawn', 'schema_version', 'severity'];

/**
 * Reads one OSV record.
 *
 * Odd parts are skipped and reported in `warnings` (an affected entry without a package, an unknown
 * range type, an event that is not `{introduced|fixed|last_affected|limit: string}`, an empty severity);
 * a record without `modified` (some Dependency-Track fixtures) gets `published`, else `''`.
 * An `affected` entry without `package` whose ranges are GIT (allowed since schema 1.3) becomes
 * ecosystem `GIT` with the repository URL as name, as osv.dev itself names such packages.
 *
 * @throws DomainError('invalid') when `json` is not an OSV record (no string `id`, or another feed's shape).
 */
export function parseOsv(json: unknown, warnings: FeedWarnings = []): Advisory {
  const record = requireObject(json, '$', 'an OSV record object');
  const id = text(record.id) ?? invalid('$.id', 'the OSV record id (a string)');
  const foreign = foreignKeys.find((key) => key in record);
  if (foreign) invalid(`$.${foreign}`, 'an OSV record, not an NVD or CVE 5 document');
  if (!osvKeys.some((key) => key in record)) invalid('$', `an OSV record (one of ${osvKeys.join(', ')})`);

  const published = instant(record.published);
  let modified = instant(record.modified);
  if (!modified) {
    warnings.push(`${id} $.modified: missing; using ${published ? 'published' : "''"}`);
    modified = published ?? '';
  }
  return {
    source: 'osv',
    id,
    aliases: textList(record.aliases).filter((alias) => alias !== id),
    summary: text(record.summary),
    details: text(record.details),
    published,
    modified,
    withdrawn: instant(record.withdrawn),
    severities: readSeverities(record.severity, id, warnings),
    references: list(record.references).flatMap((item) => {
      const url = isObject(item) ? text(item.url) : null;
      return url && isObject(item) ? [{ type: text(item.type) ?? 'WEB', url }] : [];
    }),
    cwes: [],
    affected: list(record.affected).flatMap((item, index) =>
      readAffected(item, `${id} $.affected[${index}]`, warnings),
    ),
    configurations: [],
    vendorProducts: [],
  };
}

function readSeverities(value: unknown, id: string, warnings: FeedWarnings): AdvisorySeverity[] {
  return list(value).flatMap((item, index) => {
    const vector = isObject(item) ? text(item.score) : null;
    if (!isObject(item) || !vector) {
      warnings.push(`${id} $.severity[${index}]: no score; skipped`);
      return [];
    }
    const declared = text(item.type) as AdvisorySeverity['type'] | null;
    // OSV names the type (CVSS_V2/3/4, or e.g. "Ubuntu" with a word as score): unknown ones are OTHER.
    const type = declared && severityTypes.has(declared) ? declared : 'OTHER';
    return [{ type, vector, score: null, source: 'osv' }];
  });
}

function readAffected(value: unknown, path: string, warnings: FeedWarnings): AffectedPackage[] {
  if (!isObject(value)) {
    warnings.push(`${path}: not an object; skipped`);
    return [];
  }
  const ranges = list(value.ranges).flatMap((item, index) =>
    readRange(item, `${path}.ranges[${index}]`, warnings),
  );
  const versions = textList(value.versions);
  const pkg = isObject(value.package) ? value.package : null;
  if (!pkg) return packageless(value, ranges, versions, path, warnings);
  const ecosystem = text(pkg.ecosystem);
  const name = text(pkg.name);
  if (!ecosystem || !name) {
    warnings.push(`${path}.package: no ecosystem or name; skipped`);
    return [];
  }
  return [{ ecosystem, name, purl: text(pkg.purl), ranges, versions }];
}

function packageless(
  value: JsonObject,
  ranges: AffectedRange[],
  versions: string[],
  path: string,
  warnings: FeedWarnings,
): AffectedPackage[] {
  const repo = list(value.ranges)
    .filter(isObject)
    .map((range) => (range.type === 'GIT' ? text(range.repo) : null))
    .find((url) => url !== null);
  if (!repo || ranges.some((range) => range.type !== 'GIT')) {
    warnings.push(`${path}: no package and no GIT repository; skipped`);
    return [];
  }
  return [{ ecosystem: 'GIT', name: repo, purl: null, ranges, versions }];
}

function readRange(value: unknown, path: string, warnings: FeedWarnings): AffectedRange[] {
  const type = isObject(value) ? (text(value.type) as AffectedRange['type'] | null) : null;
  if (!isObject(value) || !type || !rangeTypes.has(type)) {
    warnings.push(`${path}: range type ${String(type)} is not SEMVER, ECOSYSTEM or GIT; skipped`);
    return [];
  }
  const events = list(value.events).flatMap((item, index) => {
    const event = readEvent(item);
    if (!event) warnings.push(`${path}.events[${index}]: not a single introduced/fixed/last_affected/limit`);
    return event ? [event] : [];
  });
  if (events.length === 0) {
    warnings.push(`${path}: no events; skipped`);
    return [];
  }
  return [{ type, events }];
}

/** `{introduced: "1.0"}` etc.; an event with no known key, several keys or a non-string value is odd. */
export function readEvent(value: unknown): RangeEvent | null {
  if (!isObject(value)) return null;
  const keys = eventKeys.filter((key) => key in value);
  const key = keys[0];
  const version = key ? text(value[key]) : null;
  if (keys.length !== 1 || !key || !version) return null;
  switch (key) {
    case 'introduced':
      return { introduced: version };
    case 'fixed':
      return { fixed: version };
    case 'last_affected':
      return { last_affected: version };
    case 'limit':
      return { limit: version };
  }
}
