/**
 * CVE JSON 5 `affected[]` (CVE Record Format 5.x, schema `product` and `versions` definitions; docs/
 * matching.md "NVD CVE API 2.0" on CVE 5 as the fallback) read into AffectedPackage where an OSV
 * ecosystem can be derived from `collectionURL`, else into VendorProductRange, kept as published.
 */
import type { AffectedPackage, AffectedRange, VendorProductRange } from '../advisory-model.ts';
import { type FeedWarnings, isObject, type JsonObject, list, text, textList } from './feed-json.ts';

type Status = VendorProductRange['defaultStatus'];
type VersionEntry = VendorProductRange['versions'][number];

/**
 * Package registries named by CVE 5 `collectionURL` (the schema's examples) and the OSV ecosystem each
 * is; `name` reads the package name from a package-page URL when `packageName` is missing.
 * Anything else (GitHub repositories, vendor download pages, Red Hat's package browser) has no
 * ecosystem a purl could be matched in.
 */
const registries: { host: RegExp; ecosystem: string; name?: RegExp }[] = [
  { host: /^(pypi\.org|pypi\.python\.org)$/, ecosystem: 'PyPI', name: /^\/project\/([^/]+)/ },
  {
    host: /^(registry\.npmjs\.org|www\.npmjs\.com)$/,
    ecosystem: 'npm',
    name: /^\/package\/((?:@[^/]+\/)?[^/]+)/,
  },
  { host: /^(repo1?\.maven\.apache\.org|repo\.maven\.org)$/, ecosystem: 'Maven' },
  { host: /^(proxy\.golang\.org|pkg\.go\.dev)$/, ecosystem: 'Go' },
  { host: /^crates\.io$/, ecosystem: 'crates.io', name: /^\/crates\/([^/]+)/ },
  { host: /^rubygems\.org$/, ecosystem: 'RubyGems', name: /^\/gems\/([^/]+)/ },
  { host: /^(www\.nuget\.org|api\.nuget\.org)$/, ecosystem: 'NuGet', name: /^\/packages\/([^/]+)/ },
  { host: /^packagist\.org$/, ecosystem: 'Packagist', name: /^\/packages\/([^/]+\/[^/]+)/ },
  { host: /^hex\.pm$/, ecosystem: 'Hex', name: /^\/packages\/([^/]+)/ },
  { host: /^pub\.dev$/, ecosystem: 'Pub', name: /^\/packages\/([^/]+)/ },
  { host: /^cran\.r-project\.org$/, ecosystem: 'CRAN' },
  { host: /^hackage\.haskell\.org$/, ecosystem: 'Hackage', name: /^\/package\/([^/]+)/ },
];

// Placeholders CNAs write where a version is unknown; as a range start they mean "from the beginning".
const unspecified = new Set(['0', '*', 'n/a', 'unspecified', '-']);

/** Splits one container's `affected[]`; odd entries are skipped with a warning. */
export function readCve5Affected(
  value: unknown,
  path: string,
  warnings: FeedWarnings,
): { affected: AffectedPackage[]; vendorProducts: VendorProductRange[] } {
  const affected: AffectedPackage[] = [];
  const vendorProducts: VendorProductRange[] = [];
  for (const [index, entry] of list(value).entries()) {
    const at = `${path}[${index}]`;
    if (!isObject(entry)) {
      warnings.push(`${at}: not an object; skipped`);
      continue;
    }
    const range = readVendorProduct(entry, at, warnings);
    if (!range) continue;
    const pkg = toPackage(entry, range);
    if (pkg) affected.push(pkg);
    else vendorProducts.push(range);
  }
  return { affected, vendorProducts };
}

function registryPackage(entry: JsonObject): { ecosystem: string; name: string } | null {
  const url = text(entry.collectionURL);
  if (!url || !URL.canParse(url)) return null;
  const { hostname, pathname } = new URL(url);
  const registry = registries.find((candidate) => candidate.host.test(hostname.toLowerCase()));
  if (!registry) return null;
  const fromUrl = registry.name?.exec(pathname)?.[1];
  const name = text(entry.packageName) ?? (fromUrl ? decodeURIComponent(fromUrl) : null);
  return name ? { ecosystem: registry.ecosystem, name } : null;
}

/**
 * The OSV form of a registry package, or null when the entry's statuses cannot be said with OSV
 * events: a default of `affected` with unaffected exceptions, or an open-ended `*` bound inside a
 * range (`lessThanOrEqual: "5.15.*"`). Each affected `versions[]` entry becomes its own range
 * (entries are OR'ed; one range with several `introduced: "0"` would not be). The ecosystem's
 * order is used (ECOSYSTEM) whatever the `versionType`, except `git` ranges, which are GIT.
 */
function toPackage(entry: JsonObject, range: VendorProductRange): AffectedPackage | null {
  const registry = registryPackage(entry);
  if (!registry) return null;
  const affectedEntries = range.versions.filter((version) => version.status === 'affected');
  const hasExceptions = range.versions.some((version) => version.status !== 'affected');
  if (range.defaultStatus === 'affected' && hasExceptions) return null;
  const ranges: AffectedRange[] = [];
  const versions: string[] = [];
  if (range.defaultStatus === 'affected') ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: '0' }] });
  for (const version of affectedEntries) {
    const introduced = unspecified.has(version.version) ? '0' : version.version;
    const type = version.versionType === 'git' ? 'GIT' : 'ECOSYSTEM';
    const upper = version.lessThan ?? version.lessThanOrEqual;
    if (upper === null) {
      if (!unspecified.has(version.version)) versions.push(version.version);
    } else if (upper === '*') {
      ranges.push({ type, events: [{ introduced }] });
    } else if (upper.includes('*') || unspecified.has(upper)) {
      return null;
    } else {
      const end = version.lessThan !== null ? { fixed: upper } : { last_affected: upper };
      ranges.push({ type, events: [{ introduced }, end] });
    }
  }
  return ranges.length + versions.length > 0 ? { ...registry, purl: null, ranges, versions } : null;
}

function readStatus(value: unknown): Status | null {
  return value === 'affected' || value === 'unaffected' || value === 'unknown' ? value : null;
}

function readVendorProduct(
  entry: JsonObject,
  path: string,
  warnings: FeedWarnings,
): VendorProductRange | null {
  const product = text(entry.product) ?? text(entry.packageName);
  if (!product) {
    warnings.push(`${path}: neither product nor packageName; skipped`);
    return null;
  }
  const versions = list(entry.versions).flatMap((version, index) =>
    readVersion(version, `${path}.versions[${index}]`, warnings),
  );
  return {
    // CVE 5 allows collectionURL+packageName without a vendor (e.g. xz, CVE-2024-3094); CNAs write `n/a`.
    vendor: text(entry.vendor) ?? 'n/a',
    product,
    cpes: textList(entry.cpes),
    defaultStatus: readStatus(entry.defaultStatus) ?? 'unknown',
    versions,
  };
}

/**
 * One `versions[]` entry. `changes[]` (status flips inside the range, e.g. Log4Shell) is expanded into
 * consecutive entries `[version, at₁) [at₁, at₂) … [atₙ, lessThan)` with the statuses it gives, in the
 * order published (the schema asks consumers to re-sort by `versionType`; a parser has no comparator).
 */
function readVersion(value: unknown, path: string, warnings: FeedWarnings): VersionEntry[] {
  const version = isObject(value) ? text(value.version) : null;
  const status = isObject(value) ? readStatus(value.status) : null;
  if (!isObject(value) || !version || !status) {
    warnings.push(`${path}: no version or status; skipped`);
    return [];
  }
  const entry: VersionEntry = {
    version,
    status,
    lessThan: text(value.lessThan),
    lessThanOrEqual: text(value.lessThanOrEqual),
    versionType: text(value.versionType),
  };
  const changes = list(value.changes).flatMap((change) => {
    const at = isObject(change) ? text(change.at) : null;
    const to = isObject(change) ? readStatus(change.status) : null;
    return at && to ? [{ at, status: to }] : [];
  });
  if (changes.length === 0) return [entry];
  const starts = [{ at: version, status }, ...changes];
  return starts.map((start, index) => {
    const next = starts[index + 1];
    return {
      ...entry,
      version: start.at,
      status: start.status,
      lessThan: next ? next.at : entry.lessThan,
      lessThanOrEqual: next ? null : entry.lessThanOrEqual,
    };
  });
}
