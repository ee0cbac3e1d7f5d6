import type { Advisory } from './advisory-model.ts';

/**
 * Lookup keys between components and advisories. A key is deliberately coarse — (purl type, last name
 * segment) or (CPE vendor, product) — so that finding candidates is one indexed lookup; the matcher then
 * decides with the full identity and the version ranges.
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

/** The last segment of a package name, lower-cased: `github.com/foo/bar` → bar, `g:a` → a, `@s/n` → n. */
export function lastNameSegment(name: string): string {
  const segments = name.split(/[/:]/);
  return (segments.at(-1) ?? name).toLowerCase();
}

/** The lookup name for a package of a purl type (PyPI: PEP 503 normalised, as the devices side stores it). */
export function lookupName(purlType: string, name: string): string {
  const last = lastNameSegment(name);
  return purlType === 'pypi' ? last.replace(/[-_.]+/g, '-') : last;
}

/** Unescapes a CPE 2.3 attribute value and lower-cases it (NISTIR 7695 §6.2 quoting). */
export function unescapeCpeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1').toLowerCase();
}

/** Vendor and product of a CPE 2.3 formatted string, honouring escaped colons; null when absent. */
export function cpeVendorProduct(cpe: string): { vendor: string; product: string } | null {
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
  if (parts[0] !== 'cpe' || parts[1] !== '2.3' || parts.length < 5) return null;
  const vendor = unescapeCpeValue(parts[3] as string);
  const product = unescapeCpeValue(parts[4] as string);
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

/** The keys under which a component's candidates are filed (its purl's type and name, its CPE's vendor/product). */
export function componentLookupKeys(component: { purl: string | null; cpe: string | null }): LookupKey[] {
  const keys: LookupKey[] = [];
  const match = component.purl
    ? /^pkg:([a-zA-Z0-9.+-]+)\/(?:[^@?#]*\/)?([^/@?#]+)/.exec(component.purl)
    : null;
  if (match) {
    let name = match[2] as string;
    try {
      name = decodeURIComponent(name);
    } catch {
      // keep the encoded form
    }
    const type = normalisePurlType(match[1] as string);
    keys.push({ kind: 'purl', namespace: type, name: lookupName(type, name) });
    // Distro packages are also advised under their source package (purl qualifier `upstream`).
    const upstream = /[?&]upstream=([^&#]+)/.exec(component.purl ?? '')?.[1];
    if (upstream && ['deb', 'rpm', 'apk'].includes(type)) {
      let source = upstream;
      try {
        source = decodeURIComponent(upstream);
      } catch {
        // keep the encoded form
      }
      const sourceName = source.split(/[@ (]/)[0]?.trim();
      if (sourceName) keys.push({ kind: 'purl', namespace: type, name: lookupName(type, sourceName) });
    }
  }
  const vp = component.cpe ? cpeVendorProduct(component.cpe) : null;
  if (vp) keys.push({ kind: 'cpe', namespace: vp.vendor, name: vp.product });
  return keys;
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
 * Groups advisories by lookup key, so that each component is matched only against the advisories filed
 * under its own keys (matching every component against every candidate of a batch is quadratic).
 */
export function indexAdvisoriesByKey<T extends Advisory>(
  advisories: readonly T[],
): (component: { purl: string | null; cpe: string | null }) => T[] {
  const byKey = new Map<string, T[]>();
  for (const advisory of advisories) {
    for (const key of advisoryLookupKeys(advisory)) {
      const id = `${key.kind}\u0000${key.namespace}\u0000${key.name}`;
      const list = byKey.get(id);
      if (list) list.push(advisory);
      else byKey.set(id, [advisory]);
    }
  }
  return (component) => {
    const keys = componentLookupKeys(component);
    if (keys.length === 1) {
      const only = keys[0] as LookupKey;
      return byKey.get(`${only.kind}\u0000${only.namespace}\u0000${only.name}`) ?? [];
    }
    const found = new Set<T>();
    for (const key of keys)
      for (const advisory of byKey.get(`${key.kind}\u0000${key.namespace}\u0000${key.name}`) ?? [])
        found.add(advisory);
    return [...found];
  };
}
