import {
  type CpeAttributeName,
  type CpeName,
  type CpeValue,
  cpeAttributeNames,
  hasWildcards,
} from './cpe-name.ts';

/**
 * CPE name matching per NISTIR 7696 (CPE 2.3 Name Matching): attribute comparison (§6.1, Table 6-2,
 * pseudo-code `compare`/`compare_strings` in §6.1.2) and name comparison (§6.2), plus the guards
 * Dependency-Track learned the hard way (see docs/matching.md "CPE 2.3 name matching"). The source
 * is always the advisory's criterion, the target the component's CPE.
 */

/**
 * Attribute relation (NISTIR 7696 Table 6-1). UNDEFINED is the spec's result when the *target*
 * carries wildcards (Table 6-2 cases 4, 8, 11, 15, 16): a pattern is not the name of one thing.
 */
export type CpeRelation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

export type CpeNameRelations = Record<CpeAttributeName, CpeRelation>;

/**
 * NISTIR 7696 §6.1.2 `compare_strings`: does the (possibly wildcarded) source match the literal
 * target? A leading/trailing `*` matches any run of characters; a run of n `?` matches up to n
 * characters, exactly as the spec's pseudo-code counts (`begins < index` breaks, `leftover > ends`
 * continues). Literals are already unquoted, so the spec's escape counting is not needed here.
 */
export function isWildcardMatch(source: Extract<CpeValue, { kind: 'text' }>, target: string): boolean {
  const begins = source.prefix === '*' ? Number.POSITIVE_INFINITY : source.prefix.length;
  const ends = source.suffix === '*' ? Number.POSITIVE_INFINITY : source.suffix.length;
  const core = source.literal;
  for (let index = 0; index + core.length <= target.length; index++) {
    if (index > begins) return false;
    if (!target.startsWith(core, index)) continue;
    const leftover = target.length - index - core.length;
    if (leftover <= ends) return true;
  }
  return false;
}

function isSameValue(source: CpeValue, target: CpeValue): boolean {
  if (source.kind !== 'text' || target.kind !== 'text') return source.kind === target.kind;
  return (
    source.literal === target.literal && source.prefix === target.prefix && source.suffix === target.suffix
  );
}

/**
 * NISTIR 7696 §6.1.2 `compare(source, target)`, values already lower-cased by the parser:
 * wildcarded target → UNDEFINED; identical → EQUAL; source ANY → SUPERSET; target ANY → SUBSET;
 * either NA (and not both) → DISJOINT (NA only equals NA); otherwise string matching with the
 * source's wildcards → SUPERSET or DISJOINT.
 */
export function compareCpeValues(source: CpeValue, target: CpeValue): CpeRelation {
  if (hasWildcards(target)) return 'UNDEFINED';
  if (isSameValue(source, target)) return 'EQUAL';
  if (source.kind === 'any') return 'SUPERSET';
  if (target.kind === 'any') return 'SUBSET';
  if (source.kind === 'na' || target.kind === 'na') return 'DISJOINT';
  if (source.kind !== 'text' || target.kind !== 'text') return 'DISJOINT';
  return isWildcardMatch(source, target.literal) ? 'SUPERSET' : 'DISJOINT';
}

/** Compares all 11 attributes pairwise (NISTIR 7696 §6.2 `compare_wfns`). */
export function compareCpeNames(source: CpeName, target: CpeName): CpeNameRelations {
  const relations = {} as CpeNameRelations;
  for (const attribute of cpeAttributeNames) {
    relations[attribute] = compareCpeValues(source[attribute], target[attribute]);
  }
  return relations;
}

/**
 * Plain NISTIR 7696 §6.2 name match: true when no attribute is DISJOINT (UNDEFINED is refused too,
 * see {@link CpeRelation}). No guards; the matcher uses {@link matchCriterionName}.
 */
export function isCpeNameMatch(source: CpeName, target: CpeName): boolean {
  return Object.values(compareCpeNames(source, target)).every((r) => r !== 'DISJOINT' && r !== 'UNDEFINED');
}

/** Why a criterion and a component CPE were refused. */
export type CpeNameRefusal =
  /** The component CPE has ANY or NA as product: it names nothing in particular (DT behaviour). */
  | 'component-product-unspecified'
  /** The component CPE contains unquoted wildcards (NISTIR 7696 UNDEFINED). */
  | 'component-has-wildcards'
  /** Some attribute other than version is DISJOINT (NISTIR 7696 §6.2). */
  | 'disjoint'
  /** Vendor SUBSET with product SUPERSET, or the reverse (DependencyTrack/dependency-track#3178). */
  | 'ambiguous-vendor-product';

export type CpeNameMatch =
  | { matched: true; relations: CpeNameRelations }
  | { matched: false; reason: CpeNameRefusal; relations: CpeNameRelations | null };

/**
 * Matches an advisory criterion (source) against a component or platform CPE (target) on every
 * attribute except `version`, which NVD qualifies with bounds and the component may state outside its
 * CPE, so the configuration matcher decides it (see `criterion-version.ts`). Guards, in order:
 * 1. component product ANY/NA → refused (Dependency-Track ignores such CPEs);
 * 2. any unquoted wildcard in the component CPE → refused (UNDEFINED in NISTIR 7696);
 * 3. any DISJOINT attribute → refused (NISTIR 7696 §6.2);
 * 4. vendor/product relations mixing SUBSET and SUPERSET → refused (DT #3178: `a:intel:*` must not
 *    hit `a:*:xrandr`).
 * There is no fuzzy comparison: `haxx:curl` never matches `haxx:libcurl` (DT #2945, #3063, #3500).
 */
export function matchCriterionName(criterion: CpeName, component: CpeName): CpeNameMatch {
  if (component.product.kind !== 'text') {
    return { matched: false, reason: 'component-product-unspecified', relations: null };
  }
  if (cpeAttributeNames.some((attribute) => hasWildcards(component[attribute]))) {
    return { matched: false, reason: 'component-has-wildcards', relations: null };
  }
  const relations = compareCpeNames(criterion, component);
  const identity = cpeAttributeNames.filter((attribute) => attribute !== 'version');
  if (identity.some((attribute) => relations[attribute] === 'DISJOINT')) {
    return { matched: false, reason: 'disjoint', relations };
  }
  const { vendor, product } = relations;
  if ((vendor === 'SUBSET' && product === 'SUPERSET') || (vendor === 'SUPERSET' && product === 'SUBSET')) {
    return { matched: false, reason: 'ambiguous-vendor-product', relations };
  }
  return { matched: true, relations };
}
