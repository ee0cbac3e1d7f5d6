import { packageLookupName } from '../../../shared/package-lookup-name.ts';
import type { Advisory } from './advisory-model.ts';

/**
 * Lookup keys between components and advisories. A key is deliberately coarse — (purl type, last name
 * segment: `packageLookupName`) or (CPE vendor, product) — so that finding candidates is one indexed
 * lookup; the matcher then decides with the full identity and the version ranges.
 */
export interface LookupKey {
  kind: 'purl' | 'cpe';
  namespace: string;
  name: string;
}

/** OSV ecosystem (before any `:release` suffix) → purl type. OSV schema §affected.package.ecosystem. */
const purlTypeByEcosystem: Record<string, string> = {
  npm: 'npm',
  pypi: 'pypi',
  go: 'golang',
  maven: 'maven',
  nuget: 'nuget',
  'crates.io': 'cargo',
  rubygems: 'gem',
  packagist: 'composer',
  hex: 'hex',
  pub: 'pub',
  debian: 'deb',
  ubuntu: 'deb',
  alpine: 'apk',
  'red hat': 'rpm',
  'rocky linux': 'rpm',
  almalinux: 'rpm',
  opensuse: 'rpm',
  suse: 'rpm',
  swifturl: 'swift',
  conan: 'conan',
  cran: 'cran',
};

export function purlTypeForEcosystem(ecosystem: string): string | null {
  const base = (ecosystem.split(':')[0] ?? '').trim().toLowerCase();
  return purlTypeByEcosystem[base] ?? null;
}

/** A purl type as keys use it: lower-cased, with the unregistered `alpine` read as `apk` (syft writes it). */
export function normalisePurlType(type: string): string {
  const lower = type.toLowerCase();
  return lower === 'alpine' ? 'apk' : lower;
}

/** The lookup name for a package of a purl type: `packageLookupName`, which the devices side shares. */
export const lookupName = packageLookupName;

/** Unescapes a CPE 2.3 attribute value and lower-cases it (NISTIR 7695 §6.2 quoting). */
export function unescapeCpeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1').toLowerCase();
}

/** Splits a CPE 2.3 formatted string at unescaped colons, escapes kept. */
export function splitCpe(cpe: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < cpe.length; i++) {
    const c = cpe[i] as string;
    if (c === '\\' && i + 1 < cpe.length) {
      current += c + (cpe[i + 1] as string);
      i++;
    } else if (c === ':') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Vendor and product of a CPE 2.3 formatted string, honouring escaped colons; null when absent. */
export function cpeVendorProduct(cpe: string): { vendor: string; product: string } | null {
  let vendor: string;
  let product: string;
  if (!cpe.includes('\\')) {
    // Nothing escaped (nearly every CPE): the attributes lie between plain colons.
    if (!cpe.startsWith('cpe:2.3:')) return null;
    const afterPart = cpe.indexOf(':', 8);
    const afterVendor = afterPart === -1 ? -1 : cpe.indexOf(':', afterPart + 1);
    if (afterVendor === -1) return null;
    const afterProduct = cpe.indexOf(':', afterVendor + 1);
    vendor = cpe.slice(afterPart + 1, afterVendor).toLowerCase();
    product = cpe.slice(afterVendor + 1, afterProduct === -1 ? cpe.length : afterProduct).toLowerCase();
  } else {
    const parts = splitCpe(cpe);
    if (parts[0] !== 'cpe' || parts[1] !== '2.3' || parts.length < 5) return null;
    vendor = unescapeCpeValue(parts[3] as string);
    product = unescapeCpeValue(parts[4] as string);
  }
  if (!vendor || !product || vendor === '*' || product === '*' || vendor === '-' || product === '-')
    return null;
  return { vendor, product };
}

/** Every key under which an advisory may concern a component (deduplicated). */
export function advisoryLookupKeys(advisory: Advisory): LookupKey[] {
  const keys = new Map<string, LookupKey>();
  const add = (key: LookupKey) => keys.set(`${key.kind}\u0000${key.namespace}\u0000${key.name}`, key);
  for (const affected of advisory.affected) {
    const purlType = affected.purl
      ? normalisePurlType(/^pkg:([^/]+)\//.exec(affected.purl)?.[1] ?? '') || null
      : null;
    const type = purlType ?? purlTypeForEcosystem(affected.ecosystem);
    if (type && affected.name) add({ kind: 'purl', namespace: type, name: lookupName(type, affected.name) });
  }
  for (const configuration of advisory.configurations) {
    for (const node of configuration.nodes) {
      for (const criterion of node.cpeMatch) {
        if (!criterion.vulnerable) continue;
        const vp = cpeVendorProduct(criterion.criteria);
        if (vp) add({ kind: 'cpe', namespace: vp.vendor, name: vp.product });
      }
    }
  }
  for (const range of advisory.vendorProducts) {
    const vendor = range.vendor.trim().toLowerCase();
    const product = range.product.trim().toLowerCase();
    if (vendor && product && vendor !== 'n/a' && product !== 'n/a')
      add({ kind: 'cpe', namespace: vendor, name: product });
    for (const cpe of range.cpes) {
      const vp = cpeVendorProduct(cpe);
      if (vp) add({ kind: 'cpe', namespace: vp.vendor, name: vp.product });
    }
  }
  return [...keys.values()];
}

/** purl type characters (`[a-zA-Z0-9.+-]`), by char code. */
function isTypeCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 43 ||
    code === 45
  );
}

const distroTypes = new Set(['deb', 'rpm', 'apk']);

/** Decoded as in a purl, or kept as written when it is not valid percent-encoding. */
function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The last purl type read, as written and as keys spell it (`normalisePurlType`). */
let lastRawType = '';
let lastType = '';

/**
 * The key type of the purl whose type ends at `typeEnd`. Components come in runs of one type: the last
 * one is kept, sparing a new string per component (types are short, so the kept string is a copy,
 * never a view into a document).
 */
function purlTypeAt(purl: string, typeEnd: number): string {
  if (typeEnd - 4 === lastRawType.length && purl.startsWith(lastRawType, 4)) return lastType;
  const raw = purl.slice(4, typeEnd);
  const type = normalisePurlType(raw);
  if (raw.length <= 12) {
    lastRawType = raw;
    lastType = type;
  }
  return type;
}

/**
 * The key of a purl: its type and the last non-empty name segment before any `@`, `?` or `#`, as
 * `/^pkg:([a-zA-Z0-9.+-]+)\/(?:[^@?#]*\/)?([^/@?#]+)/` reads them (for Go, with the segment before a
 * major version suffix). Scanned by hand, and a key or two per
 * component with nothing else allocated: every component of a scan comes through here.
 */
function purlKey(purl: string): LookupKey | null {
  if (!purl.startsWith('pkg:')) return null;
  let typeEnd = 4;
  while (typeEnd < purl.length && isTypeCharacter(purl.charCodeAt(typeEnd))) typeEnd++;
  if (typeEnd === 4 || purl.charCodeAt(typeEnd) !== 47) return null;
  const start = typeEnd + 1;
  let end = start;
  while (end < purl.length) {
    const code = purl.charCodeAt(end);
    if (code === 64 || code === 63 || code === 35) break;
    end++;
  }
  for (let segmentEnd = end; segmentEnd > start; ) {
    const slash = purl.lastIndexOf('/', segmentEnd - 1);
    const segmentStart = slash < start ? start : slash + 1;
    if (segmentStart < segmentEnd) {
      const type = purlTypeAt(purl, typeEnd);
      // A Go major version suffix (`…/bar/v2`) is looked up with the segment before it.
      const from =
        type === 'golang' && slash > start && purl.charCodeAt(segmentStart) === 118
          ? Math.max(purl.lastIndexOf('/', slash - 1) + 1, start)
          : segmentStart;
      const name = percentDecoded(purl.slice(from, segmentEnd));
      return { kind: 'purl', namespace: type, name: lookupName(type, name) };
    }
    segmentEnd = slash;
  }
  return null;
}

/** Distro packages are also advised under their source package (purl qualifier `upstream`). */
function upstreamKey(purl: string, type: string): LookupKey | null {
  const upstream = /[?&]upstream=([^&#]+)/.exec(purl)?.[1];
  if (!upstream) return null;
  const sourceName = percentDecoded(upstream).split(/[@ (]/)[0]?.trim();
  return sourceName ? { kind: 'purl', namespace: type, name: lookupName(type, sourceName) } : null;
}

/** The keys under which a component's candidates are filed (its purl's type and name, its CPE's vendor/product). */
export function componentLookupKeys(component: { purl: string | null; cpe: string | null }): LookupKey[] {
  const purl = component.purl ? purlKey(component.purl) : null;
  const upstream =
    purl !== null && distroTypes.has(purl.namespace)
      ? upstreamKey(component.purl as string, purl.namespace)
      : null;
  const vp = component.cpe ? cpeVendorProduct(component.cpe) : null;
  const cpe: LookupKey | null = vp ? { kind: 'cpe', namespace: vp.vendor, name: vp.product } : null;
  // Arrays of the exact size: nearly every component has one key.
  if (upstream === null) {
    if (cpe === null) return purl === null ? [] : [purl];
    return purl === null ? [cpe] : [purl, cpe];
  }
  return cpe === null ? [purl as LookupKey, upstream] : [purl as LookupKey, upstream, cpe];
}

/** A component's identity across SBOM re-imports: its purl, else its CPE, else name@version. */
export function componentKeyOf(component: {
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
}): string {
  return component.purl ?? component.cpe ?? `${component.name.toLowerCase()}@${component.version ?? ''}`;
}

/**
 * Values filed by lookup key, as maps of maps (kind, namespace, name) rather than one map of joined
 * strings: a scan files and looks up ten thousand keys, and joining each into a new string to hash
 * costs more than reading it from the purl.
 */
export class LookupKeyMap<T> {
  private readonly byKind = new Map<string, Map<string, Map<string, T>>>();

  get(key: LookupKey): T | undefined {
    return this.byKind.get(key.kind)?.get(key.namespace)?.get(key.name);
  }

  set(key: LookupKey, value: T): void {
    let namespaces = this.byKind.get(key.kind);
    if (namespaces === undefined) {
      namespaces = new Map();
      this.byKind.set(key.kind, namespaces);
    }
    let names = namespaces.get(key.namespace);
    if (names === undefined) {
      names = new Map();
      namespaces.set(key.namespace, names);
    }
    names.set(key.name, value);
  }

  *values(): IterableIterator<T> {
    for (const namespaces of this.byKind.values())
      for (const names of namespaces.values()) yield* names.values();
  }
}

/** Advisories grouped by their lookup keys. */
function advisoriesByKey<T extends Advisory>(advisories: readonly T[]): LookupKeyMap<T[]> {
  const byKey = new LookupKeyMap<T[]>();
  for (const advisory of advisories) {
    for (const key of advisoryLookupKeys(advisory)) {
      const list = byKey.get(key);
      if (list) list.push(advisory);
      else byKey.set(key, [advisory]);
    }
  }
  return byKey;
}

/** The advisories filed under any of `keys`, each once, in key order. */
function advisoriesUnder<T>(byKey: LookupKeyMap<T[]>, keys: readonly LookupKey[]): T[] {
  if (keys.length === 1) return byKey.get(keys[0] as LookupKey) ?? [];
  const found = new Set<T>();
  for (const key of keys) for (const advisory of byKey.get(key) ?? []) found.add(advisory);
  return [...found];
}

/**
 * Groups advisories by lookup key, so that each component is matched only against the advisories filed
 * under its own keys (matching every component against every candidate of a batch is quadratic).
 */
export function indexAdvisoriesByKey<T extends Advisory>(
  advisories: readonly T[],
): (component: { purl: string | null; cpe: string | null }) => T[] {
  const byKey = advisoriesByKey(advisories);
  return (component) => advisoriesUnder(byKey, componentLookupKeys(component));
}
