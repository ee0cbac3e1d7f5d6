/**
 * What an SBOM component can be matched on, from one affected CSAF product: its purl (→ an OSV-style
 * `affected[]` entry) and its CPE (→ an NVD-style configuration), with versions from the purl, the
 * `product_version` branch or a `vers` range (CSAF 2.0 §3.1.3.3 product_identification_helper,
 * §3.2.2.1 branches). Pure, never throws.
 */
import type { AffectedPackage, AffectedRange, CpeMatchCriterion, RangeEvent } from '../advisory-model.ts';
import { type CpeName, type CpeValue, cpeAttributeNames, parseCpeName } from '../cpe/cpe-name.ts';
import { readComponentDistro } from '../match/distro-release.ts';
import { type PurlIdentity, readPurlIdentity } from '../match/purl-identity.ts';
import { purlTypeForEcosystem } from '../package-identity.ts';
import type { CsafProduct } from './csaf-product-tree.ts';
import { parseVers, type VersInterval } from './csaf-vers.ts';

/** The identifiers an SBOM would hold for a product, and the versions the tree gives it. */
export interface CsafIdentity {
  purls: string[];
  cpe: string | null;
  version: string | null;
  versionRange: string | null;
}

/**
 * For a relationship product (§3.2.2.4) the SBOM component is the `product_reference` side, so its
 * identity is taken (recursively); the relationship's own helper is the fallback.
 */
export function identityOf(product: CsafProduct): CsafIdentity {
  if (product.relationship) {
    const inner = identityOf(product.relationship.component);
    if (inner.purls.length > 0 || inner.cpe !== null) return inner;
    return { purls: product.purls, cpe: product.cpe, version: null, versionRange: null };
  }
  return {
    purls: product.purls,
    cpe: product.cpe,
    version: product.version,
    versionRange: product.versionRange,
  };
}

// OSV ecosystem names whose purl type purlTypeForEcosystem knows (its mapping inverted).
const osvEcosystems = [
  'npm',
  'PyPI',
  'Go',
  'Maven',
  'NuGet',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Hex',
  'Pub',
  'SwiftURL',
  'CRAN',
];
const ecosystemByPurlType = new Map(
  osvEcosystems.map((ecosystem) => [purlTypeForEcosystem(ecosystem) as string, ecosystem]),
);
// Distro families (distro-release.ts names) → OSV ecosystem; the release comes from the `distro` qualifier.
const distroEcosystems: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  redhat: 'Red Hat',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
  opensuse: 'openSUSE',
  suse: 'SUSE',
};

/**
 * The OSV ecosystem of a purl: `npm`, `PyPI`, `Maven`, …; for deb/rpm/apk the distro family of the
 * namespace with the release of the `distro` qualifier (`Debian:11`); else the purl type itself, which
 * the matcher then reads from the entry's purl.
 */
export function ecosystemOfPurl(identity: PurlIdentity): string {
  const registry = ecosystemByPurlType.get(identity.purlType);
  if (registry) return registry;
  const distro = readComponentDistro(identity.distro, identity.namespace);
  const family = distro.family === null ? undefined : distroEcosystems[distro.family];
  if (family && purlTypeForEcosystem(family) === identity.purlType)
    return distro.release ? `${family}:${distro.release}` : family;
  return identity.purlType;
}

/** The purl without its version, qualifiers in a stable order: what "the same purl" means for fixes. */
export function purlKey(identity: PurlIdentity): string {
  const qualifiers = Object.entries(identity.qualifiers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${identity.purlType}/${identity.namespace ?? ''}/${identity.name}?${qualifiers}`;
}

function intervalEvents(interval: VersInterval): RangeEvent[] {
  const events: RangeEvent[] = [{ introduced: interval.lower?.version ?? '0' }];
  if (interval.upper)
    events.push(
      interval.upper.inclusive
        ? { last_affected: interval.upper.version }
        : { fixed: interval.upper.version },
    );
  return events;
}

/**
 * One `affected[]` entry for a purl. Versions: a `vers` range of the tree (one range per interval,
 * SEMVER for scheme `semver`, else ECOSYSTEM; `=` constraints listed in `versions`), else the purl's
 * version, else the `product_version` branch; a product with none of these is affected in every version
 * (`introduced: 0`). `fixedVersion`, when given, closes a range that is open upward.
 */
export function affectedPackageOf(
  purl: string,
  identity: CsafIdentity,
  fixedVersion: (key: string) => string | null,
  warn: (message: string) => void,
): AffectedPackage | null {
  const parsed = readPurlIdentity(purl, null);
  if (!parsed) {
    warn(`purl '${purl}' does not parse; skipped`);
    return null;
  }
  const base = { ecosystem: ecosystemOfPurl(parsed), name: parsed.ecosystemName, purl };
  let ranges: AffectedRange[] = [];
  let versions: string[] = [];
  if (identity.versionRange !== null) {
    const vers = parseVers(identity.versionRange);
    if (typeof vers === 'string') {
      warn(`${vers}; ${purl} skipped`);
      return null;
    }
    if (vers.intervals.some((interval) => interval.lower && !interval.lower.inclusive)) {
      warn(`'${identity.versionRange}': an exclusive lower bound (>) has no OSV event; ${purl} skipped`);
      return null;
    }
    if (vers.excluded.length > 0)
      warn(
        `'${identity.versionRange}': != constraints ignored (${vers.excluded.join(', ')} read as affected)`,
      );
    const type = vers.scheme === 'semver' ? 'SEMVER' : 'ECOSYSTEM';
    ranges = vers.intervals.map((interval) => ({ type, events: intervalEvents(interval) }));
    versions = vers.equals;
  } else {
    const version = parsed.version ?? identity.version;
    if (version !== null) versions = [version];
    else ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }];
  }
  const fix = fixedVersion(purlKey(parsed));
  const open = ranges.filter((range) => !range.events.some((event) => !('introduced' in event)));
  if (fix !== null && open.length === 1) (open[0] as AffectedRange).events.push({ fixed: fix });
  return { ...base, ranges, versions };
}

const isPlain = (character: string) => /[A-Za-z0-9._-]/.test(character);

function bindValue(value: CpeValue): string {
  if (value.kind === 'any') return '*';
  if (value.kind === 'na') return '-';
  const quoted = [...value.literal].map((c) => (isPlain(c) ? c : `\\${c}`)).join('');
  return `${value.prefix}${quoted}${value.suffix}`;
}

/** A CPE name as a CPE 2.3 formatted string (NISTIR 7695 §6.2.2 bind_to_fs). */
export function formatCpe23(name: CpeName): string {
  return `cpe:2.3:${cpeAttributeNames.map((attribute) => bindValue(name[attribute])).join(':')}`;
}

function criterion(criteria: string, bounds: Partial<CpeMatchCriterion> = {}): CpeMatchCriterion {
  return {
    vulnerable: true,
    criteria,
    versionStartIncluding: null,
    versionStartExcluding: null,
    versionEndIncluding: null,
    versionEndExcluding: null,
    ...bounds,
  };
}

const withVersion = (name: CpeName, version: string): CpeName => ({
  ...name,
  version: { kind: 'text', literal: version.toLowerCase(), prefix: '', suffix: '' },
});
// What a CPE attribute can hold once quoted (NISTIR 7695 §5.3.2): printable ASCII without spaces.
const isCpeVersion = (version: string) => /^[\x21-\x7e]+$/.test(version);

/**
 * The vulnerable criteria for a CPE (2.2 URIs converted to 2.3). A CPE with version `*` takes the tree's
 * versions: a `vers` range becomes bounds (one criterion per interval, `=` versions as the CPE version),
 * a `product_version` branch the CPE version; a CPE with its own version is kept as published.
 */
export function cpeCriteriaOf(
  cpe: string,
  identity: CsafIdentity,
  warn: (message: string) => void,
): CpeMatchCriterion[] {
  const name = parseCpeName(cpe);
  if (!name) {
    warn(`CPE '${cpe}' does not parse; skipped`);
    return [];
  }
  let criteria: CpeMatchCriterion[];
  if (name.version.kind !== 'any') criteria = [criterion(formatCpe23(name))];
  else if (identity.versionRange !== null) {
    const vers = parseVers(identity.versionRange);
    if (typeof vers === 'string') {
      warn(`${vers}; ${cpe} skipped`);
      return [];
    }
    if (vers.excluded.length > 0)
      warn(
        `'${identity.versionRange}': != constraints ignored (${vers.excluded.join(', ')} read as affected)`,
      );
    const any = formatCpe23(name);
    if (vers.equals.some((version) => !isCpeVersion(version))) {
      warn(`'${identity.versionRange}' holds a version a CPE cannot carry; ${cpe} skipped`);
      return [];
    }
    criteria = [
      ...vers.intervals.map(({ lower, upper }) =>
        criterion(any, {
          versionStartIncluding: lower?.inclusive ? lower.version : null,
          versionStartExcluding: lower && !lower.inclusive ? lower.version : null,
          versionEndIncluding: upper?.inclusive ? upper.version : null,
          versionEndExcluding: upper && !upper.inclusive ? upper.version : null,
        }),
      ),
      ...vers.equals.map((version) => criterion(formatCpe23(withVersion(name, version)))),
    ];
  } else if (identity.version !== null) {
    if (!isCpeVersion(identity.version)) {
      warn(`version '${identity.version}' cannot be a CPE version; ${cpe} skipped`);
      return [];
    }
    criteria = [criterion(formatCpe23(withVersion(name, identity.version)))];
  } else criteria = [criterion(formatCpe23(name))];
  return criteria;
}
