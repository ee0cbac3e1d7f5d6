/**
 * The normalised shape every vulnerability feed is read into (OSV, NVD CVE API 2.0 and legacy 1.1,
 * CVE JSON 5, CSAF later), and the shapes matching reads. Pure types. Field names follow OSV where OSV
 * has one (https://ossf.github.io/osv-schema/), NVD's where the concept is NVD's.
 */
export const advisorySources = ['osv', 'nvd', 'cve5', 'csaf'] as const;
export type AdvisorySource = (typeof advisorySources)[number];

export interface Advisory {
  source: AdvisorySource;
  /** The record's own id: CVE-2022-39173, GHSA-…, PYSEC-…, GO-…, OSV-…, DSA-…. */
  id: string;
  /** Other ids of the same vulnerability (CVE ↔ GHSA/PYSEC/GO merge on these). */
  aliases: string[];
  summary: string | null;
  details: string | null;
  /** ISO 8601 instants. `modified` drives incremental re-import. */
  published: string | null;
  modified: string;
  /** Set when the record is withdrawn (OSV) or rejected (NVD/CVE): such records never match. */
  withdrawn: string | null;
  severities: AdvisorySeverity[];
  references: { type: string; url: string }[];
  cwes: string[];
  /** Package-level data (OSV `affected`, CVE 5 `affected` with a package name or purl). */
  affected: AffectedPackage[];
  /** CPE applicability (NVD configurations; CVE 5 `cpeApplicability`/`cpes` when present). */
  configurations: CpeConfiguration[];
  /** CVE 5 vendor/product ranges without a package ecosystem (matched via CPE vendor/product). */
  vendorProducts: VendorProductRange[];
}

export interface AdvisorySeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'OTHER';
  /** The vector string as published (e.g. CVSS:3.1/AV:N/…). */
  vector: string;
  /** The base score when the record states it; null when only the vector is given. */
  score: number | null;
  /** Who scored it: 'nvd@nist.gov', a CNA, 'osv', … */
  source: string | null;
}

/** OSV `affected[]` entry, ecosystem as OSV names it (npm, PyPI, Go, Maven, NuGet, Debian:11, Alpine:v3.16, …). */
export interface AffectedPackage {
  ecosystem: string;
  name: string;
  purl: string | null;
  ranges: AffectedRange[];
  /** Explicitly enumerated affected versions (OSV `versions`). */
  versions: string[];
}

export interface AffectedRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  /** OSV events in the order given; GIT ranges are kept but never evaluated against versions. */
  events: RangeEvent[];
}

export type RangeEvent =
  | { introduced: string }
  | { fixed: string }
  | { last_affected: string }
  | { limit: string };

/** NVD configuration: nodes combined with `operator` (AND for "running on/with" platform context). */
export interface CpeConfiguration {
  operator: 'AND' | 'OR';
  negate: boolean;
  nodes: CpeNode[];
}

export interface CpeNode {
  operator: 'AND' | 'OR';
  negate: boolean;
  cpeMatch: CpeMatchCriterion[];
}

export interface CpeMatchCriterion {
  /** false: platform context only (e.g. the hardware a firmware runs on), never a finding by itself. */
  vulnerable: boolean;
  /** CPE 2.3 formatted string, as published (escapes kept: `tcp\/ip`). */
  criteria: string;
  versionStartIncluding: string | null;
  versionStartExcluding: string | null;
  versionEndIncluding: string | null;
  versionEndExcluding: string | null;
}

/** CVE 5 `affected` entry keyed by vendor/product, with `versions[]` ranges. */
export interface VendorProductRange {
  vendor: string;
  product: string;
  /** CPEs the CNA listed for this product, if any. */
  cpes: string[];
  defaultStatus: 'affected' | 'unaffected' | 'unknown';
  versions: {
    version: string;
    status: 'affected' | 'unaffected' | 'unknown';
    lessThan: string | null;
    lessThanOrEqual: string | null;
    versionType: string | null;
  }[];
}

/** CISA KEV catalogue entry (join key: cveId). */
export interface KevEntry {
  cveId: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  dueDate: string | null;
  requiredAction: string;
  knownRansomwareCampaignUse: 'Known' | 'Unknown';
}

/** FIRST EPSS score of one CVE on one day. */
export interface EpssScore {
  cveId: string;
  epss: number;
  percentile: number;
  scoreDate: string;
  modelVersion: string | null;
}

/** Version order of one ecosystem: negative, zero or positive like Array.sort's comparator. */
export type VersionComparator = (a: string, b: string) => number;
