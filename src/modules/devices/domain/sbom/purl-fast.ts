import { PackageURL, type PurlTypeEntry } from 'packageurl-js';

/**
 * A fast path for the common purl shape, giving exactly what `PackageURL.fromString(text).toString()`
 * gives (packageurl-js 2.x) without its WHATWG URL parse, URLSearchParams and frozen objects, which
 * cost more than the rest of an SBOM import. It accepts only purls it can split as packageurl-js
 * would: `pkg:` in lower case, a lower-case type, no subpath (`#`), only printable ASCII that the URL
 * parser keeps unchanged in an opaque path, and qualifiers (if any) whose keys and values need no
 * decoding or encoding (`?type=jar`, `?arch=x86_64&distro=debian-11`). Component normalisation,
 * validation, the type-specific rules and the encoders are packageurl-js's own (`PackageURL.Component`,
 * `PackageURL.Type`). Anything else — or anything packageurl-js would refuse — returns null, and the
 * caller runs packageurl-js itself, so its errors and edge cases stay the reference.
 * purl-fast.test.ts checks the fast path against packageurl-js on generated and real purls.
 */

/** The purl's parts as found in the text: not yet decoded nor normalised. */
interface PurlSource {
  text: string;
  namespace: string | undefined;
  name: string;
  version: string | undefined;
  /** What follows `?`, or undefined without `?`. */
  query: string | undefined;
}

/** The parts of a purl this fast path handles (no subpath). */
export interface FastPurl {
  type: string;
  namespace: string | undefined;
  name: string;
  version: string | undefined;
  /** As packageurl-js keeps them: lower-case keys, trimmed non-empty values, null prototype. */
  qualifiers: Record<string, string> | undefined;
  /** The text and raw parts it was parsed from (absent when built by {@link constructPurl}). */
  source?: PurlSource;
}

const { Component } = PackageURL;
// packageurl-js's helpers, looked up once: its frozen null-prototype tables are slow to read per call.
const typeComponent = { normalize: Component.type.normalize, validate: Component.type.validate };
const namespaceComponent = {
  normalize: Component.namespace.normalize,
  validate: Component.namespace.validate,
};
const nameComponent = { normalize: Component.name.normalize, validate: Component.name.validate };
const versionComponent = { normalize: Component.version.normalize, validate: Component.version.validate };
const validateQualifierKey = Component.qualifierKey.validate;
const typeRules = new Map<string, PurlTypeEntry>(
  Object.keys(PackageURL.Type).map((type) => {
    const entry = (PackageURL.Type as unknown as Record<string, PurlTypeEntry>)[type] as PurlTypeEntry;
    return [type, { normalize: entry.normalize, validate: entry.validate }];
  }),
);

let lastType = '';
let lastRules: PurlTypeEntry | undefined;

/**
 * The type's rules (most SBOMs have few types: the last one is kept, sparing a hash of the type). Only
 * short types are kept: V8 copies substrings under 13 characters rather than slicing them, so the
 * kept string never holds on to the document it came from.
 */
function rulesOf(type: string): PurlTypeEntry | undefined {
  if (type === lastType) return lastRules;
  const rules = typeRules.get(type);
  if (type.length <= 12) {
    lastType = type;
    lastRules = rules;
  }
  return rules;
}

/** Character classes of printable ASCII, as bit flags in a 128-entry table. */
const unreserved = 1; // kept by encodeURIComponent: A–Z a–z 0–9 - _ . ! ~ * ' ( )
const accepted = 2; // accepted in the path: unreserved and / @ % : +
const formPlain = 4; // kept by the application/x-www-form-urlencoded parser and serializer: A–Z a–z 0–9 * - . _
const classes = Uint8Array.from({ length: 128 }, (_, code) => {
  const character = String.fromCharCode(code);
  const alphanumeric = /[A-Za-z0-9]/.test(character);
  let flags = 0;
  if (alphanumeric || "-_.!~*'()".includes(character)) flags |= unreserved | accepted;
  if ('/@%:+'.includes(character)) flags |= accepted;
  if (alphanumeric || '*-._'.includes(character)) flags |= formPlain;
  return flags;
});

function has(code: number, flag: number): boolean {
  return code < 128 && ((classes[code] as number) & flag) !== 0;
}

/** True when every character of `text[start, end)` has `flag`. */
function allHave(text: string, flag: number, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) if (!has(text.charCodeAt(i), flag)) return false;
  return true;
}

/** The last (short) type read: the same string object again spares slicing and hashing it. */
let lastPlainType = '';

/**
 * The type of `text` (between `pkg:` and `end`) when it normalises and encodes to itself and
 * packageurl-js accepts it: [a-z][a-z0-9.-]*; else null.
 */
function plainTypeAt(text: string, end: number): string | null {
  if (end - 4 === lastPlainType.length && text.startsWith(lastPlainType, 4)) return lastPlainType;
  for (let i = 4; i < end; i++) {
    const code = text.charCodeAt(i);
    const letter = code >= 97 && code <= 122;
    if (!(letter || (i > 4 && ((code >= 48 && code <= 57) || code === 45 || code === 46)))) return null;
  }
  const type = text.slice(4, end);
  if (type.length <= 12) lastPlainType = type;
  return type;
}

/**
 * Splits a query as URLSearchParams would, for plain pairs only: keys that packageurl-js accepts
 * (not starting with a digit, [A-Za-z0-9._-]) and values of form-plain characters, so that neither
 * `+`/`%` decoding nor re-encoding changes them. Undefined for anything else.
 */
function plainQualifierEntries(query: string): [string, string][] | undefined {
  const entries: [string, string][] = [];
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) {
      const equals = query.indexOf('=', start);
      const split = equals === -1 || equals > end ? end : equals;
      if (split === start) return undefined;
      const first = query.charCodeAt(start);
      if (first >= 48 && first <= 57) return undefined;
      for (let i = start; i < end; i++) {
        const code = query.charCodeAt(i);
        if (i === split) continue;
        if (!has(code, formPlain) || (i < split && code === 42)) return undefined;
      }
      entries.push([query.slice(start, split), split === end ? '' : query.slice(split + 1, end)]);
    }
    start = end + 1;
  }
  return entries;
}

/**
 * packageurl-js normalizeQualifiers over key/value pairs (blank values dropped, keys lower-cased), then
 * its validateQualifiers, which checks each key (throws like it).
 */
function normaliseQualifiers(entries: readonly [string, string][]): Record<string, string> | undefined {
  let qualifiers: Record<string, string> | undefined;
  for (const [key, value] of entries) {
    const trimmed = value.trim();
    if (trimmed.length === 0) continue;
    if (qualifiers === undefined) qualifiers = Object.create(null) as Record<string, string>;
    const lower = key.toLowerCase();
    validateQualifierKey(lower, true);
    qualifiers[lower] = trimmed;
  }
  return qualifiers;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * decodeURIComponent, skipped when there is nothing to decode and done here when every escape is of
 * an ASCII character (`%40`); undefined when decodeURIComponent would throw.
 */
function decode(text: string): string | undefined {
  let percent = text.indexOf('%');
  if (percent === -1) return text;
  let out = '';
  let from = 0;
  while (percent !== -1) {
    const high = hexValue(text.charCodeAt(percent + 1));
    const low = hexValue(text.charCodeAt(percent + 2));
    // A non-ASCII (multi-byte UTF-8) or malformed escape: leave the whole text to decodeURIComponent.
    if (high < 0 || high > 7 || low < 0) return decodeSlow(text);
    out += text.slice(from, percent) + String.fromCharCode(high * 16 + low);
    from = percent + 3;
    percent = text.indexOf('%', from);
  }
  return out + text.slice(from);
}

function decodeSlow(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const hexDigits = '0123456789ABCDEF';

/**
 * encodeURIComponent, keeping also the characters `extra1`/`extra2` (char codes, -1 for none) as
 * packageurl-js's encoders do after it (`%3A` → `:`, `%2F` → `/`, `%2B` → `+`). Done here for ASCII
 * (uppercase hex, as encodeURIComponent writes it); text with other characters goes to `slow`, the
 * packageurl-js encoder itself. Returns `text` itself when nothing needs encoding.
 */
function encode(text: string, extra1: number, extra2: number, slow: (text: string) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (has(code, unreserved) || code === extra1 || code === extra2) continue;
    if (code >= 128) return slow(text);
    out += `${text.slice(from, i)}%${hexDigits[code >> 4]}${hexDigits[code & 15]}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const encodeType = (type: string) => encode(type, -1, -1, Component.type.encode);
const encodeNamespace = (namespace: string) => encode(namespace, 58, 47, Component.namespace.encode);
const encodeName = (name: string) => encode(name, -1, -1, Component.name.encode);
const encodeVersion = (version: string) => encode(version, 58, 43, Component.version.encode);

/**
 * True when packageurl-js's normalizePath would return the path unchanged: no leading, trailing or
 * repeated '/' (it drops empty segments and joins the others with '/').
 */
function isNormalPath(path: string): boolean {
  return path.charCodeAt(0) !== 47 && path.charCodeAt(path.length - 1) !== 47 && !path.includes('//');
}

/**
 * Mirrors the PackageURL constructor for string components without subpath, with packageurl-js's own
 * normalisers, validators and type rules. Null when packageurl-js would throw.
 */
export function constructPurl(
  rawType: string,
  rawNamespace: string | undefined,
  rawName: string,
  rawVersion: string | undefined,
  rawQualifiers: readonly [string, string][] | undefined,
): FastPurl | null {
  try {
    const type = rawType.length > 0 ? (typeComponent.normalize(rawType) as string) : rawType;
    typeComponent.validate(type, true);
    const namespace =
      rawNamespace !== undefined && rawNamespace.length > 0 && !isNormalPath(rawNamespace)
        ? namespaceComponent.normalize(rawNamespace)
        : rawNamespace;
    namespaceComponent.validate(namespace, true);
    const name = rawName.length > 0 ? (nameComponent.normalize(rawName) as string) : rawName;
    nameComponent.validate(name, true);
    const version =
      rawVersion !== undefined && rawVersion.length > 0 ? versionComponent.normalize(rawVersion) : rawVersion;
    versionComponent.validate(version, true);
    const qualifiers = rawQualifiers === undefined ? undefined : normaliseQualifiers(rawQualifiers);
    const purl: FastPurl = { type, namespace, name, version, qualifiers };
    const rules = rulesOf(type);
    // The type rules read namespace, name, version and qualifiers only (never a subpath).
    if (rules !== undefined) {
      rules.normalize(purl as unknown as PackageURL);
      rules.validate(purl as unknown as PackageURL, true);
    }
    return purl;
  } catch {
    return null;
  }
}

/**
 * Splits and builds a purl as `PackageURL.fromString` does (see its parseString), or returns null when
 * the text is outside the shapes described above or packageurl-js would refuse it.
 */
export function parsePurlFast(text: string): FastPurl | null {
  if (!text.startsWith('pkg:') || text.charCodeAt(4) === 47) return null;
  const question = text.indexOf('?');
  const pathEnd = question === -1 ? text.length : question;
  // One pass over the path (what the URL parser gives as `pathname`): its characters, its first '/'
  // (after the type), its last '/', its last '@' and the last '/' before that '@'.
  let firstSlash = -1;
  let lastSlash = -1;
  let lastAt = -1;
  let slashBeforeAt = -1;
  let escaped = false;
  for (let i = 4; i < pathEnd; i++) {
    const code = text.charCodeAt(i);
    if (!has(code, accepted)) return null;
    if (code === 37) escaped = true;
    else if (code === 47) {
      if (firstSlash === -1) firstSlash = i;
      lastSlash = i;
    } else if (code === 64) {
      lastAt = i;
      slashBeforeAt = lastSlash;
    }
  }
  if (firstSlash <= 4) return null;
  const type = plainTypeAt(text, firstSlash);
  if (type === null) return null;
  let query: string | undefined;
  let qualifiers: [string, string][] | undefined;
  if (question !== -1) {
    query = text.slice(question + 1);
    qualifiers = plainQualifierEntries(query);
    if (qualifiers === undefined) return null;
    // URLSearchParams of an empty query is empty: packageurl-js then passes no qualifiers at all.
    if (qualifiers.length === 0) qualifiers = undefined;
  }
  // packageurl-js splits on the last '@', unless a '/' precedes it (an npm scope starting the name).
  const at = lastAt !== -1 && text.charCodeAt(lastAt - 1) !== 47 ? lastAt : -1;
  const nameEnd = at === -1 ? pathEnd : at;
  // The last '/' of the part before the version, if it is not the one after the type.
  const slash = at === -1 ? lastSlash : slashBeforeAt;
  const rawVersion = at === -1 ? undefined : text.slice(at + 1, pathEnd);
  const rawName = text.slice(slash === firstSlash ? firstSlash + 1 : slash + 1, nameEnd);
  const rawNamespace = slash === firstSlash ? undefined : text.slice(firstSlash + 1, slash);
  const version = rawVersion === undefined || !escaped ? rawVersion : decode(rawVersion);
  const name = escaped ? decode(rawName) : rawName;
  const namespace = rawNamespace === undefined || !escaped ? rawNamespace : decode(rawNamespace);
  if (name === undefined || (rawVersion !== undefined && version === undefined)) return null;
  if (rawNamespace !== undefined && namespace === undefined) return null;
  const purl = constructPurl(type, namespace, name, version, qualifiers);
  if (purl === null) return null;
  purl.source = { text, namespace: rawNamespace, name: rawName, version: rawVersion, query };
  return purl;
}

/**
 * PackageURL#toString for a purl without subpath (packageurl-js's encoders, see {@link encode}).
 * When every part is spelt as in the source text, the source itself is returned: a flat string,
 * cheaper to hash and compare than a concatenation — and most purls are written canonically.
 */
export function formatPurl(purl: FastPurl): string {
  const { type, namespace, name, version, qualifiers, source } = purl;
  const encodedNamespace = namespace ? encodeNamespace(namespace) : undefined;
  const encodedName = encodeName(name);
  const encodedVersion = version ? encodeVersion(version) : undefined;
  const encodedQualifiers = qualifiers ? formatQualifiers(qualifiers) : undefined;
  if (
    source !== undefined &&
    encodedNamespace === source.namespace &&
    encodedName === source.name &&
    encodedVersion === source.version &&
    encodedQualifiers === source.query
  ) {
    return source.text;
  }
  let out = `pkg:${encodeType(type)}/`;
  if (encodedNamespace !== undefined) out += `${encodedNamespace}/`;
  out += encodedName;
  if (encodedVersion !== undefined) out += `@${encodedVersion}`;
  if (encodedQualifiers !== undefined) out += `?${encodedQualifiers}`;
  return out;
}

/** packageurl-js encodeQualifiers: keys sorted, `key=value` joined with `&`, form-encoded. */
function formatQualifiers(qualifiers: Record<string, string>): string {
  const keys = Object.keys(qualifiers);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (const key of keys) {
    const value = qualifiers[key] as string;
    if (!allHave(key, formPlain) || !allHave(value, formPlain)) {
      return Component.qualifiers.encode(qualifiers);
    }
    out += `${out === '' ? '' : '&'}${key}=${value}`;
  }
  return out;
}
