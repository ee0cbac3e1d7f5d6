import { describe, expect, it } from 'vitest';
import { type CpeName, type CpeValue, parseCpeName, parseCpeValue } from './cpe-name.ts';
import {
  type CpeRelation,
  compareCpeValues,
  isCpeNameMatch,
  isWildcardMatch,
  matchCriterionName,
} from './cpe-name-match.ts';

const value = (raw: string): CpeValue => parseCpeValue(raw) as CpeValue;
const name = (cpe: string): CpeName => parseCpeName(cpe) as CpeName;

describe('compareCpeValues: every row of NISTIR 7696 Table 6-2 (source = criterion, target = component)', () => {
  it.each<[number, string, string, CpeRelation]>([
    [1, '*', '*', 'EQUAL'],
    [2, '*', '-', 'SUPERSET'],
    [3, '*', 'wolfssl', 'SUPERSET'],
    [4, '*', 'wolf*', 'UNDEFINED'],
    [5, '-', '*', 'SUBSET'],
    [6, '-', '-', 'EQUAL'],
    [7, '-', 'wolfssl', 'DISJOINT'],
    [8, '-', 'wolf*', 'UNDEFINED'],
    [9, 'wolfssl', 'wolfssl', 'EQUAL'],
    [10, 'wolfssl', 'openssl', 'DISJOINT'],
    [11, 'wolfssl', 'wolf*', 'UNDEFINED'],
    [12, 'wolfssl', '-', 'DISJOINT'],
    [13, 'wolfssl', '*', 'SUBSET'],
    [14, 'wolf*', '*', 'SUBSET'],
    [15, 'wolf*', '-', 'DISJOINT'],
    [16, 'wolf*', 'wolf*', 'UNDEFINED'],
    [17, 'wolf*', 'wolfssl', 'SUPERSET'],
    [18, 'wolf*', 'openssl', 'DISJOINT'],
  ])('case %i: %j vs %j → %s', (_case, source, target, expected) => {
    expect(compareCpeValues(value(source), value(target))).toBe(expected);
  });

  it('compares case-insensitively and after unquoting', () => {
    expect(compareCpeValues(value('WolfSSL'), value('wolfssl'))).toBe('EQUAL');
    expect(compareCpeValues(value('tcp\\/ip'), value('tcp\\/ip'))).toBe('EQUAL');
    expect(compareCpeValues(value('\\.net'), value('.net'))).toBe('EQUAL');
    // A quoted `*` is a literal star, not a wildcard, on either side.
    expect(compareCpeValues(value('foo\\*'), value('foo\\*'))).toBe('EQUAL');
    expect(compareCpeValues(value('foo\\*'), value('foobar'))).toBe('DISJOINT');
    expect(compareCpeValues(value('foo*'), value('foo\\*'))).toBe('SUPERSET');
  });
});

describe('isWildcardMatch (NISTIR 7696 compare_strings)', () => {
  it.each<[string, string, boolean]>([
    ['foo*', 'foobar', true],
    ['foo*', 'foo', true],
    ['*bar', 'foobar', true],
    ['*oba*', 'foobar', true],
    ['*oba*', 'foo', false],
    ['fo?', 'foo', true],
    // A run of n `?` matches up to n characters in the spec's pseudo-code (begins/ends counts).
    ['fo?', 'fo', true],
    ['fo?', 'fooo', false],
    ['??o', 'foo', true],
    ['?o', 'foo', false],
    ['1.2.?', '1.2.9', true],
    ['1.2.?', '1.2.10', false],
    ['1.2.*', '1.2.10', true],
  ])('%j matches %j: %s', (source, target, expected) => {
    expect(isWildcardMatch(value(source) as Extract<CpeValue, { kind: 'text' }>, target)).toBe(expected);
  });
});

describe('isCpeNameMatch (NISTIR 7696 §6.2: no attribute DISJOINT)', () => {
  it.each<[string, string, boolean]>([
    ['cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', true],
    ['cpe:2.3:a:wolfssl:wolfssl:5.5.1:*:*:*:*:*:*:*', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', false],
    ['cpe:2.3:o:wolfssl:wolfssl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', false],
    ['cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:curl:8.3.0:*:*:*:*:*:*:*', false],
    ['cpe:2.3:a:netapp:x:-:*:*:*:*:windows:*:*', 'cpe:2.3:a:netapp:x:-:*:*:*:*:*:*:*', true],
    ['cpe:2.3:a:netapp:x:-:*:*:*:*:windows:*:*', 'cpe:2.3:a:netapp:x:-:*:*:*:*:linux:*:*', false],
    ['cpe:2.3:a:vendor:prod*:*:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:*', true],
    ['cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:prod*:1:*:*:*:*:*:*:*', false],
  ])('%s vs %s → %s', (source, target, expected) => {
    expect(isCpeNameMatch(name(source), name(target))).toBe(expected);
  });
});

describe('matchCriterionName guards (docs/matching.md, Dependency-Track)', () => {
  const wolfssl = name('cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*');

  it('accepts EQUAL vendor and product and ignores the version attribute (decided with bounds later)', () => {
    const result = matchCriterionName(
      name('cpe:2.3:a:wolfssl:wolfssl:5.5.1'),
      name('cpe:2.3:a:wolfssl:wolfssl:4.8.1'),
    );
    expect(result.matched).toBe(true);
  });

  it.each([
    ['cpe:2.3:a:wolfssl:*:4.8.1:*:*:*:*:*:*:*', 'component-product-unspecified'],
    ['cpe:2.3:a:wolfssl:-:4.8.1:*:*:*:*:*:*:*', 'component-product-unspecified'],
    ['cpe:2.3:*:*:*:*:*:*:*:*:*:*:*', 'component-product-unspecified'],
    ['cpe:2.3:a:wolfssl:wolf*:4.8.1:*:*:*:*:*:*:*', 'component-has-wildcards'],
    ['cpe:2.3:a:wolfssl:wolfssl:4.8.?:*:*:*:*:*:*:*', 'component-has-wildcards'],
    ['cpe:2.3:a:wolfssl:wolfssl_fips:4.8.1:*:*:*:*:*:*:*', 'disjoint'],
    ['cpe:2.3:o:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 'disjoint'],
  ])('refuses component %s: %s', (component, reason) => {
    const result = matchCriterionName(wolfssl, name(component));
    expect(result).toMatchObject({ matched: false, reason });
  });

  it('refuses vendor SUBSET with product SUPERSET (DT #3178: `h:intel:*` must not hit `*:*:xrandr`)', () => {
    const criterion = name('cpe:2.3:h:intel:*:*:*:*:*:*:*:*:*');
    const component = name('cpe:2.3:*:*:xrandr:1.5.1:*:*:*:*:*:*:*');
    // Plain NISTIR 7696 calls this a match (SUBSET, SUBSET, SUPERSET, SUPERSET): the guard is needed.
    expect(isCpeNameMatch(criterion, component)).toBe(true);
    expect(matchCriterionName(criterion, component)).toMatchObject({
      matched: false,
      reason: 'ambiguous-vendor-product',
    });
  });

  it('refuses vendor SUPERSET with product SUBSET (pre-empted: a component with product ANY is refused first)', () => {
    const criterion = name('cpe:2.3:a:*:sqlite:*:*:*:*:*:*:*:*');
    const component = name('cpe:2.3:a:oracle:*:1:*:*:*:*:*:*:*');
    expect(isCpeNameMatch(criterion, component)).toBe(true);
    expect(matchCriterionName(criterion, component)).toMatchObject({ matched: false });
  });

  it('lets a component with ANY vendor through when the product is EQUAL (vendor SUBSET, product EQUAL)', () => {
    const result = matchCriterionName(wolfssl, name('cpe:2.3:a:*:wolfssl:4.8.1:*:*:*:*:*:*:*'));
    expect(result).toMatchObject({ matched: true, relations: { vendor: 'SUBSET', product: 'EQUAL' } });
  });

  it.each([
    ['cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:curl:8.3.0:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:haxx:libcurl:8.3.0:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:sqlite:sqlite:*:*:*:*:*:*:*:*', 'cpe:2.3:a:sqlite:sqlite3:3.39.1:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:oracle:sqlite:*:*:*:*:*:*:*:*', 'cpe:2.3:a:sqlite:sqlite:3.39.1:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:nextcloud:mail:*:*:*:*:*:*:*:*', 'cpe:2.3:a:javax:mail:1.4.7:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*', 'cpe:2.3:a:treck:tcp_ip:6.0.1.28:*:*:*:*:*:*:*'],
  ])('never matches fuzzily: %s vs %s', (criterion, component) => {
    expect(matchCriterionName(name(criterion), name(component)).matched).toBe(false);
  });
});
