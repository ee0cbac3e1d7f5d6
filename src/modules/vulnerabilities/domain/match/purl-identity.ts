/**
 * The identity of a component as the vulnerability matcher needs it, read from its purl
 * (package-url/purl-spec: `pkg:type/namespace/name@version?qualifiers#subpath`). The devices module
 * already stores canonical purls; this parse is deliberately defensive anyway (docs/matching.md
 * "Recommendations" 2: type alias `alpine → apk`, a `%40` version separator, a missing version taken
 * from the component's version). Pure.
 */

export interface PurlIdentity {
  /** Lower-case purl type after aliasing (`alpine` → `apk`). */
  purlType: string;
  /** Decoded namespace (`@babel`, `org.apache.logging.log4j`, `debian`, `golang.org/x`), or null. */
  namespace: string | null;
  /** Decoded name as written in the purl. */
  name: string;
  /** The package name as OSV writes it for this ecosystem (see `ecosystemNameOf`). */
  ecosystemName: string;
  /** From the purl, else the component's version; deb/rpm `epoch` qualifier folded in (`1:2.3-4`). */
  version: string | null;
  /** The `distro` qualifier of deb/rpm/apk purls (`debian-11`, `alpine-3.16`), else null. */
  distro: string | null;
  /** Decoded qualifiers, keys lower-cased. */
  qualifiers: Record<string, string>;
  /** What had to be repaired, for the match reasons (empty for a canonical purl). */
  repairs: string[];
}

const typeAliases: Record<string, string> = { alpine: 'apk' };
const distroTypes = new Set(['deb', 'rpm', 'apk']);
/** Types whose OSV name is the purl name alone (the namespace is a distro or absent). */
const nameOnlyTypes = new Set([
  'deb',
  'rpm',
  'apk',
  'nuget',
  'pypi',
  'cargo',
  'gem',
  'hex',
  'pub',
  'cran',
  'conan',
]);

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** PEP 503 name normalisation: lower-case, runs of `-`, `_`, `.` become one `-`. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The OSV package name of a purl: maven `group:artifact`, npm `@scope/name`, Go/composer/… `ns/name`. */
export function ecosystemNameOf(purlType: string, namespace: string | null, name: string): string {
  if (purlType === 'pypi') return normalisePypiName(name);
  if (namespace === null || nameOnlyTypes.has(purlType)) return name;
  if (purlType === 'maven') return `${namespace}:${name}`;
  if (purlType === 'npm') return `${namespace.startsWith('@') ? '' : '@'}${namespace}/${name}`;
  return `${namespace}/${name}`;
}

/**
 * The form two names of one ecosystem are compared in: PEP 503 for PyPI, lower case for NuGet and
 * Composer (both registries are case-insensitive), exact for everything else (Go module paths, Maven
 * coordinates and distro package names are case-sensitive).
 */
export function comparableName(purlType: string, name: string): string {
  if (purlType === 'pypi') return normalisePypiName(name);
  if (purlType === 'nuget' || purlType === 'composer') return name.toLowerCase();
  return name;
}

/** Index of the version separator in `path` (after the type), and whether it was a `%40`. */
function findVersionSeparator(path: string): { index: number; length: number } | null {
  const nameStart = path.lastIndexOf('/') + 1;
  const at = path.lastIndexOf('@');
  // An `@` at the very start of the name would be an unencoded npm scope, not a version.
  if (at > nameStart) return { index: at, length: 1 };
  const encoded = path.toLowerCase().lastIndexOf('%40');
  if (encoded > nameStart) return { index: encoded, length: 3 };
  return null;
}

function readQualifiers(text: string): Record<string, string> {
  const qualifiers: Record<string, string> = {};
  for (const pair of text.split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const value = decode(pair.slice(equals + 1));
    if (value !== '') qualifiers[decode(pair.slice(0, equals)).toLowerCase()] = value;
  }
  return qualifiers;
}

/**
 * Reads a component's purl into the identity the matcher compares. Tolerates what SBOM tools emit
 * beyond the spec: `pkg:alpine/…` (→ apk), a version separated by `%40` (`pkg:nuget/xunit%402.4.1`),
 * no version (the component's `version` is used), an unencoded `@scope` in npm namespaces.
 *
 * @returns null when the string is not a purl (no `pkg:` scheme, no type or no name). Never throws.
 */
export function readPurlIdentity(purl: string, componentVersion: string | null): PurlIdentity | null {
  const trimmed = purl.trim();
  if (!/^pkg:/i.test(trimmed)) return null;
  const repairs: string[] = [];
  let rest = trimmed.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const qualifiers = question >= 0 ? readQualifiers(rest.slice(question + 1)) : {};
  if (question >= 0) rest = rest.slice(0, question);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const rawType = decode(rest.slice(0, slash)).toLowerCase();
  const purlType = typeAliases[rawType] ?? rawType;
  if (purlType !== rawType) repairs.push(`purl type '${rawType}' read as '${purlType}'`);
  let path = rest.slice(slash + 1).replace(/\/+$/, '');

  let version: string | null = null;
  const separator = findVersionSeparator(path);
  if (separator !== null) {
    version = decode(path.slice(separator.index + separator.length)).trim() || null;
    if (separator.length === 3) repairs.push("version separated by '%40' in the purl");
    path = path.slice(0, separator.index);
  }
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decode);
  const name = segments.pop();
  if (name === undefined || name.trim() === '') return null;
  const namespace = segments.length > 0 ? segments.join('/') : null;

  if (version === null && componentVersion !== null && componentVersion.trim() !== '') {
    version = componentVersion.trim();
    repairs.push(`version '${version}' taken from the component (the purl has none)`);
  }
  const epoch = qualifiers.epoch;
  if (version !== null && epoch !== undefined && /^\d+$/.test(epoch) && !version.includes(':')) {
    if (purlType === 'deb' || purlType === 'rpm') version = `${epoch}:${version}`;
  }
  return {
    purlType,
    namespace,
    name,
    ecosystemName: ecosystemNameOf(purlType, namespace, name),
    version,
    distro: distroTypes.has(purlType) ? (qualifiers.distro ?? null) : null,
    qualifiers,
    repairs,
  };
}
