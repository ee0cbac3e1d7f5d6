import { PackageURL } from 'packageurl-js';
import { constructPurl, formatPurl, parsePurlFast } from './purl-fast.ts';

/** Result of normalising one purl: the canonical string (or null) and what was repaired or refused. */
export interface PurlNormalisation {
  purl: string | null;
  warnings: string[];
}

/**
 * Type aliases emitted by real generators that are not registered purl types. syft writes
 * `pkg:alpine/…`; the registered type is `apk` with namespace `alpine` (purl-spec PURL-TYPES "apk").
 */
const typeAliases: ReadonlyMap<string, { type: string; namespace: string }> = new Map([
  ['alpine', { type: 'apk', namespace: 'alpine' }],
]);

/**
 * Undoes the Microsoft SBOM tool quirk `pkg:nuget/xunit%402.4.1`: when the name segment holds a
 * percent-encoded `@` (not at its start, where npm scopes legitimately have one) and the purl has no
 * literal version separator, the last `%40` is the version separator. Plain string scanning, no regex.
 */
function repairEncodedVersionSeparator(raw: string): string | null {
  if (!raw.includes('%40')) return null;
  const end = firstIndexOfAny(raw, '?#');
  const path = raw.slice(0, end);
  const lastSlash = path.lastIndexOf('/');
  const nameSegment = path.slice(lastSlash + 1);
  // Lower-casing cannot create a '%40' (it maps no character to '%', '4' or '0'), so a name segment
  // without one needs no lower-cased copy.
  if (nameSegment.includes('@') || !nameSegment.includes('%40')) return null;
  const encoded = nameSegment.toLowerCase().lastIndexOf('%40');
  if (encoded <= 0) return null;
  const at = lastSlash + 1 + encoded;
  return `${raw.slice(0, at)}@${raw.slice(at + 3)}`;
}

function firstIndexOfAny(text: string, characters: string): number {
  let end = text.length;
  for (const character of characters) {
    const index = text.indexOf(character);
    if (index !== -1 && index < end) end = index;
  }
  return end;
}

/**
 * The fast path of purl-fast.ts for what it can read (same result as packageurl-js), or null to let
 * packageurl-js decide — also for the alias types, whose rewrite stays below.
 */
function normaliseFast(
  text: string,
  componentVersion: string | null,
): { purl: string; versionAdded: boolean } | null {
  try {
    const fast = parsePurlFast(text);
    if (fast === null || typeAliases.has(fast.type)) return null;
    if (fast.version || !componentVersion) return { purl: formatPurl(fast), versionAdded: false };
    const qualifiers = fast.qualifiers && Object.entries(fast.qualifiers);
    const versioned = constructPurl(fast.type, fast.namespace, fast.name, componentVersion, qualifiers);
    return versioned === null ? null : { purl: formatPurl(versioned), versionAdded: true };
  } catch {
    // An encoder refused a character (a lone surrogate in the component version): packageurl-js
    // throws the same way below, and its message is the warning.
    return null;
  }
}

/**
 * Parses a purl with packageurl-js (spec-strict) and returns its canonical string, after three repairs
 * seen in real SBOMs (each one reported as a warning):
 * - `%40` used as the version separator (Microsoft SBOM tool) → `@`;
 * - unregistered type aliases (`alpine` → `apk` with namespace `alpine`);
 * - a purl without version gets the component's own `version` field (firmware purls in the
 *   medical-device SBOM: `pkg:github/wolfssl/wolfssl` + version 4.8.1).
 * Lower-casing and other type-specific normalisation are packageurl-js's, per purl-spec PURL-TYPES.
 * Common purls take the equivalent fast path of purl-fast.ts; the rest go through packageurl-js.
 * Never throws: an unparseable purl yields `{ purl: null }` and a warning.
 */
export function normalisePurl(raw: string, componentVersion: string | null): PurlNormalisation {
  const warnings: string[] = [];
  const trimmed = raw.trim();
  if (trimmed === '') return { purl: null, warnings };
  let text = trimmed;
  const repaired = repairEncodedVersionSeparator(text);
  if (repaired !== null) {
    text = repaired;
    warnings.push(`purl ${trimmed} percent-encodes its version separator (%40); read as ${repaired}`);
  }
  const fast = normaliseFast(text, componentVersion);
  if (fast !== null) {
    if (fast.versionAdded) {
      warnings.push(`purl ${trimmed} has no version; the component version ${componentVersion} was added`);
    }
    return { purl: fast.purl, warnings };
  }
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(text);
    const originalType = parsed.type;
    const alias = typeAliases.get(originalType);
    if (alias) {
      parsed = new PackageURL(
        alias.type,
        parsed.namespace ?? alias.namespace,
        parsed.name,
        parsed.version,
        parsed.qualifiers,
        parsed.subpath,
      );
      warnings.push(`purl type '${originalType}' is not registered; rewritten to type '${alias.type}'`);
    }
    if (!parsed.version && componentVersion) {
      parsed = new PackageURL(
        parsed.type,
        parsed.namespace,
        parsed.name,
        componentVersion,
        parsed.qualifiers,
        parsed.subpath,
      );
      warnings.push(`purl ${trimmed} has no version; the component version ${componentVersion} was added`);
    }
    return { purl: parsed.toString(), warnings };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      purl: null,
      warnings: [...warnings, `purl ${trimmed} is not valid and was left out: ${reason}`],
    };
  }
}
