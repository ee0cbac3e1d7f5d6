/**
 * Picks the version ordering for an OSV ecosystem name (https://ossf.github.io/osv-schema/#affectedpackage-field,
 * release suffixes such as `Debian:11`, `Alpine:v3.16`, `Ubuntu:22.04:LTS` allowed) or a purl type
 * (https://github.com/package-url/purl-spec, PURL-TYPES). Unknown names get the generic fallback with
 * `confidence: 'low'`, as do ecosystems whose own ordering is only approximated here.
 */
import type { VersionComparator } from '../advisory-model.ts';
import { memoised } from '../memoised.ts';
import { compareAlpine, isAlpineVersion } from './apk-version.ts';
import { compareDebian, isDebianVersion } from './dpkg-version.ts';
import { compareGeneric, isGenericVersion } from './generic-version.ts';
import { compareGo, isGoVersion } from './go-version.ts';
import { compareMaven, isMavenVersion } from './maven-version.ts';
import { compareNuGet, isNuGetVersion } from './nuget-version.ts';
import { comparePackagist, isPackagistVersion } from './packagist-version.ts';
import { comparePep440, isPep440Version } from './pep440-version.ts';
import { compareRpm, isRpmVersion } from './rpm-version.ts';
import { compareRubyGems, isRubyGemsVersion } from './rubygems-version.ts';
import { compareSemver, isSemverVersion } from './semver-version.ts';

export type ComparatorConfidence = 'exact' | 'low';

/** vers scheme names (package-url/vers-spec) of the orderings implemented here. */
export type VersionScheme =
  | 'semver'
  | 'golang'
  | 'pypi'
  | 'maven'
  | 'nuget'
  | 'gem'
  | 'composer'
  | 'deb'
  | 'rpm'
  | 'apk'
  | 'generic';

export interface EcosystemComparator {
  /** Negative, zero or positive; may throw DomainError `invalid` for strings the scheme rejects. */
  compare: VersionComparator;
  /** Whether the scheme's grammar accepts the string (check before comparing untrusted input). */
  isValid: (version: string) => boolean;
  confidence: ComparatorConfidence;
  scheme: VersionScheme;
}

const schemes: Record<VersionScheme, Pick<EcosystemComparator, 'compare' | 'isValid'>> = {
  semver: { compare: compareSemver, isValid: isSemverVersion },
  golang: { compare: compareGo, isValid: isGoVersion },
  pypi: { compare: comparePep440, isValid: isPep440Version },
  maven: { compare: compareMaven, isValid: isMavenVersion },
  nuget: { compare: compareNuGet, isValid: isNuGetVersion },
  gem: { compare: compareRubyGems, isValid: isRubyGemsVersion },
  composer: { compare: comparePackagist, isValid: isPackagistVersion },
  deb: { compare: compareDebian, isValid: isDebianVersion },
  rpm: { compare: compareRpm, isValid: isRpmVersion },
  apk: { compare: compareAlpine, isValid: isAlpineVersion },
  generic: { compare: compareGeneric, isValid: isGenericVersion },
};

/** Lower-cased OSV ecosystem (before any `:` suffix) or purl type → scheme and confidence. */
const byName: Record<string, [VersionScheme, ComparatorConfidence]> = {
  // OSV ecosystems
  npm: ['semver', 'exact'],
  'crates.io': ['semver', 'exact'],
  go: ['golang', 'exact'],
  pypi: ['pypi', 'exact'],
  maven: ['maven', 'exact'],
  nuget: ['nuget', 'exact'],
  rubygems: ['gem', 'exact'],
  packagist: ['composer', 'exact'],
  debian: ['deb', 'exact'],
  ubuntu: ['deb', 'exact'],
  alpine: ['apk', 'exact'], // also the purl type syft still emits for apk packages
  wolfi: ['apk', 'exact'],
  chainguard: ['apk', 'exact'],
  'red hat': ['rpm', 'exact'],
  'rocky linux': ['rpm', 'exact'],
  almalinux: ['rpm', 'exact'],
  opensuse: ['rpm', 'exact'],
  suse: ['rpm', 'exact'],
  mageia: ['rpm', 'exact'],
  openeuler: ['rpm', 'exact'],
  hex: ['semver', 'exact'],
  bitnami: ['semver', 'exact'],
  swifturl: ['semver', 'exact'],
  // Dart's pub_semver also orders build metadata, which SemVer ignores.
  pub: ['semver', 'low'],
  // purl types
  cargo: ['semver', 'exact'],
  golang: ['golang', 'exact'],
  gem: ['gem', 'exact'],
  composer: ['composer', 'exact'],
  deb: ['deb', 'exact'],
  rpm: ['rpm', 'exact'],
  apk: ['apk', 'exact'],
  swift: ['semver', 'exact'],
  generic: ['generic', 'low'],
};

// Matching asks for the same few ecosystems for every component; the answers are never mutated.
const comparatorOf = memoised((ecosystem: string): EcosystemComparator => {
  const key = ecosystem.trim().replace(/^pkg:/i, '').split(':')[0]?.trim().toLowerCase() ?? '';
  const [scheme, confidence] = byName[key] ?? ['generic', 'low'];
  return { ...schemes[scheme], confidence, scheme };
}, 1000);

/**
 * The comparator for an OSV ecosystem (`npm`, `PyPI`, `Debian:11`, `Alpine:v3.16`, `Red Hat:…`) or a
 * purl type (`npm`, `cargo`, `golang`, `deb`, `apk`, …). Names are matched case-insensitively; anything
 * unknown (`OSS-Fuzz`, `GIT`, `Linux`, `github`, CPE-only components) gets the generic ordering with
 * `confidence: 'low'`.
 */
export function comparatorFor(ecosystem: string): EcosystemComparator {
  return comparatorOf(ecosystem);
}
