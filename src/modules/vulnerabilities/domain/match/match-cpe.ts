/**
 * Product-level evidence for a CPE-identified component: NVD applicability configurations (via
 * `matchConfigurations`, strict NISTIR 7696 name matching) and CVE 5 vendor/product entries for the
 * products no configuration covers; plus the opt-in name matching. Pure.
 */
import type {
  Advisory,
  CpeMatchCriterion,
  VendorProductRange,
  VersionComparator,
} from '../advisory-model.ts';
import { matchConfigurations } from '../cpe/nvd-configuration-match.ts';
import { cpeVendorProduct, splitCpe } from '../package-identity.ts';
import { evaluateCve5Version } from './cve5-version-status.ts';
import type { MatchConfidence, MatchEvidence } from './match-types.ts';

/** The concrete version a CPE carries (unescaped), or null for `*`, `-` or an unparseable string. */
function cpeVersion(cpe: string): string | null {
  const version = splitCpe(cpe)[5];
  if (version === undefined || version === '*' || version === '-' || version === '') return null;
  return version.replace(/\\(.)/g, '$1');
}

/** Quotes a version for a CPE 2.3 formatted string (NISTIR 7695 §6.2: punctuation other than . - _). */
function quoteCpeValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, (c) => `\\${c}`);
}

function describeCriterion(criterion: CpeMatchCriterion): string {
  const bounds = (
    [
      ['versionStartIncluding', criterion.versionStartIncluding],
      ['versionStartExcluding', criterion.versionStartExcluding],
      ['versionEndIncluding', criterion.versionEndIncluding],
      ['versionEndExcluding', criterion.versionEndExcluding],
    ] as const
  ).flatMap(([name, value]) => (value === null ? [] : [`${name} ${value}`]));
  return bounds.length > 0 ? `${criterion.criteria} (${bounds.join(', ')})` : criterion.criteria;
}

/**
 * Evidence from the advisory's NVD configurations for a component CPE; one item per matched vulnerable
 * criterion, with `matchConfigurations`' confidence (see nvd-configuration-match.ts). `fixedIn` is the
 * criterion's `versionEndExcluding`.
 */
export function matchNvdConfigurations(
  advisory: Advisory,
  cpe: string,
  version: string | null,
  compare: VersionComparator,
  platformCpes: string[] | undefined,
): MatchEvidence[] {
  const context = platformCpes === undefined ? {} : { platformCpes };
  return matchConfigurations(advisory.configurations, { cpe, version }, compare, context).map((result) => {
    const criterion = advisory.configurations[result.configurationIndex]?.nodes[result.nodeIndex]?.cpeMatch[
      result.criterionIndex
    ] as CpeMatchCriterion;
    const position = `configuration ${result.configurationIndex + 1} node ${result.nodeIndex + 1} criterion ${result.criterionIndex + 1}`;
    const platforms = result.platformCpes.length > 0 ? `; platform ${result.platformCpes.join(', ')}` : '';
    return {
      matchedBy: 'cpe' as const,
      confidence: result.confidence,
      reasons: [
        `${advisory.source.toUpperCase()} ${advisory.id} ${position}: ${describeCriterion(criterion)} matches ${cpe}` +
          ` at version ${result.matchedVersion ?? 'unknown'} [${result.reasons.join(', ')}]${platforms}`,
      ],
      fixedIn: criterion.versionEndExcluding,
      isNameMatch: false,
    };
  });
}

/** Vendor/product pairs of the advisory's vulnerable configuration criteria (`vendor\0product`). */
function configuredProducts(advisory: Advisory): Set<string> {
  const keys = new Set<string>();
  for (const configuration of advisory.configurations) {
    for (const node of configuration.nodes) {
      for (const criterion of node.cpeMatch) {
        const vp = criterion.vulnerable ? cpeVendorProduct(criterion.criteria) : null;
        if (vp) keys.add(`${vp.vendor}\u0000${vp.product}`);
      }
    }
  }
  return keys;
}

/** CVE 5 free text as a CPE value would write it: lower case, white space as `_`. */
function cpeStyle(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '_');
}

function cve5Evidence(
  advisory: Advisory,
  range: VendorProductRange,
  index: number,
  version: string | null,
  compare: VersionComparator,
  identifier: string,
  cap: MatchConfidence,
  isNameMatch: boolean,
): MatchEvidence | null {
  const where = `${advisory.source.toUpperCase()} ${advisory.id} vendorProducts[${index}] ${range.vendor}/${range.product}`;
  if (version === null) {
    if (range.defaultStatus !== 'affected' && !range.versions.some((entry) => entry.status === 'affected'))
      return null;
    const reasons = [`${where}: component version unknown, versions not evaluated (${identifier})`];
    return { matchedBy: 'cve5', confidence: 'low', reasons, fixedIn: null, isNameMatch };
  }
  const verdict = evaluateCve5Version(range, version, compare);
  if (verdict.status !== 'affected') return null;
  return {
    matchedBy: 'cve5',
    confidence: cap,
    reasons: [
      `${where}: version ${version} — ${verdict.reason} (${identifier}); CNA vendor/product data, not NVD-analysed`,
    ],
    fixedIn: verdict.fixedIn,
    isNameMatch,
  };
}

/**
 * Evidence from CVE 5 vendor/product entries whose vendor/product no vulnerable configuration
 * criterion of the advisory names. The entry's vendor and product (lower-cased, spaces as `_`), or one
 * of its `cpes`, must EQUAL the component CPE's (unescaped, lower-cased); `vendorAliases` may widen
 * the vendor. The version is the CPE's own, else the component's. Confidence `medium` at most.
 */
export function matchCve5VendorProducts(
  advisory: Advisory,
  cpe: string,
  componentVersion: string | null,
  compare: VersionComparator,
  vendorAliases: Record<string, string[]>,
): MatchEvidence[] {
  const component = cpeVendorProduct(cpe);
  if (component === null || advisory.vendorProducts.length === 0) return [];
  const configured = configuredProducts(advisory);
  const version = cpeVersion(cpe) ?? componentVersion;
  return advisory.vendorProducts.flatMap((range, index) => {
    const vendor = cpeStyle(range.vendor);
    const product = cpeStyle(range.product);
    const vendors = [vendor, ...(vendorAliases[vendor] ?? []).map(cpeStyle)];
    const isNamed =
      (product === component.product && vendors.includes(component.vendor)) ||
      range.cpes.some((listed) => {
        const vp = cpeVendorProduct(listed);
        return vp !== null && vp.vendor === component.vendor && vp.product === component.product;
      });
    if (!isNamed || configured.has(`${component.vendor}\u0000${component.product}`)) return [];
    const evidence = cve5Evidence(advisory, range, index, version, compare, cpe, 'medium', false);
    return evidence ? [evidence] : [];
  });
}

/**
 * Opt-in name matching for a component without a CPE: the exact lower-cased component name against
 * CVE 5 products and the products of vulnerable NVD criteria (each candidate vendor/product evaluated
 * as if the component had that CPE). Always confidence `low`, flagged `isNameMatch`.
 */
export function matchByName(
  advisory: Advisory,
  name: string,
  version: string | null,
  compare: VersionComparator,
): MatchEvidence[] {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return [];
  const evidence: MatchEvidence[] = [];
  const note = `matched by component name '${name}' only (allowNameMatching)`;
  advisory.vendorProducts.forEach((range, index) => {
    if (cpeStyle(range.product) !== cpeStyle(wanted) && range.product.trim().toLowerCase() !== wanted) return;
    const hit = cve5Evidence(advisory, range, index, version, compare, `name '${name}'`, 'low', true);
    if (hit) evidence.push({ ...hit, reasons: [...hit.reasons, note] });
  });
  const candidates = new Set<string>();
  for (const configuration of advisory.configurations) {
    for (const node of configuration.nodes) {
      for (const criterion of node.cpeMatch) {
        const vp = criterion.vulnerable ? cpeVendorProduct(criterion.criteria) : null;
        if (vp?.product !== wanted && vp?.product !== cpeStyle(wanted)) continue;
        const [, , part, vendor, product] = splitCpe(criterion.criteria);
        candidates.add(`cpe:2.3:${part}:${vendor}:${product}`);
      }
    }
  }
  for (const prefix of candidates) {
    const synthetic = `${prefix}:${version === null ? '*' : quoteCpeValue(version)}:*:*:*:*:*:*:*`;
    for (const hit of matchNvdConfigurations(advisory, synthetic, version, compare, undefined)) {
      evidence.push({ ...hit, confidence: 'low', isNameMatch: true, reasons: [...hit.reasons, note] });
    }
  }
  return evidence;
}
