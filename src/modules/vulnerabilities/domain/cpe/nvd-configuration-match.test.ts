import { describe, expect, it } from 'vitest';
import { compareGeneric, loadConfigurations } from '../../../../../test/fixtures/nvd/nvd-test-support.ts';
import { type CpeMatchResult, matchConfigurations } from './nvd-configuration-match.ts';

const match = (file: string, cpe: string, version: string | null = null, platformCpes?: string[]) =>
  matchConfigurations(
    loadConfigurations(file),
    { cpe, version },
    compareGeneric,
    platformCpes ? { platformCpes } : {},
  );

const where = (results: CpeMatchResult[]) =>
  results.map((r) => [r.configurationIndex, r.nodeIndex, r.criterionIndex, r.confidence]);

describe('compareGeneric (test comparator)', () => {
  it('orders OpenSSL-style letter releases', () => {
    const sorted = ['1.1.2', '1.1.1t', '1.0.2zg', '1.1.1', '1.0.2zf', '1.1.1s', '3.0.10', '3.0.8'].sort(
      compareGeneric,
    );
    expect(sorted).toEqual(['1.0.2zf', '1.0.2zg', '1.1.1', '1.1.1s', '1.1.1t', '1.1.2', '3.0.8', '3.0.10']);
  });
});

describe('wolfSSL CVE-2022-39173 (< 5.5.1)', () => {
  const file = 'CVE-2022-39173.json';

  it('matches the medical SBOM’s wolfSSL 4.8.1 with high confidence', () => {
    const results = match(file, 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*');
    expect(results).toEqual([
      {
        configurationIndex: 0,
        nodeIndex: 0,
        criterionIndex: 0,
        criteria: 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*',
        bound: {
          version: '*',
          versionStartIncluding: null,
          versionStartExcluding: null,
          versionEndIncluding: null,
          versionEndExcluding: '5.5.1',
        },
        matchedVersion: '4.8.1',
        confidence: 'high',
        reasons: ['version-in-range'],
        platformCpes: [],
      },
    ]);
  });

  it('does not match the fixed 5.5.1', () => {
    expect(match(file, 'cpe:2.3:a:wolfssl:wolfssl:5.5.1:*:*:*:*:*:*:*')).toEqual([]);
  });

  it('uses the component version field when the CPE has none (medium), and reports an unknown version (low)', () => {
    const fromField = match(file, 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*', '4.8.1');
    expect(fromField.map((r) => [r.confidence, r.reasons])).toEqual([
      ['medium', ['version-in-range', 'version-from-component-field']],
    ]);
    expect(match(file, 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*', '5.5.1')).toEqual([]);
    const unknown = match(file, 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*');
    expect(unknown.map((r) => [r.confidence, r.reasons, r.matchedVersion])).toEqual([
      ['low', ['component-version-unknown'], null],
    ]);
  });

  it('trusts the CPE version over a conflicting version field, at medium confidence', () => {
    const results = match(file, 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', '5.6.0');
    expect(results.map((r) => [r.confidence, r.matchedVersion, r.reasons])).toEqual([
      ['medium', '4.8.1', ['version-in-range', 'cpe-version-conflicts-with-component-version']],
    ]);
  });

  it('yields nothing when the comparator rejects the version', () => {
    const throwing = () => {
      throw new Error('unparseable');
    };
    const configurations = loadConfigurations(file);
    const component = { cpe: 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', version: null };
    expect(matchConfigurations(configurations, component, throwing)).toEqual([]);
  });
});

describe('libcurl CVE-2023-38545 (haxx:libcurl, 7.69.0 ≤ v < 8.4.0)', () => {
  const file = 'CVE-2023-38545.json';

  it('names haxx:libcurl and never haxx:curl in the real record', () => {
    const criteria = loadConfigurations(file).flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch));
    expect(criteria.filter((c) => c.criteria.includes(':haxx:')).map((c) => c.criteria)).toEqual([
      'cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*',
    ]);
  });

  it('matches libcurl 8.3.0 given as a short CPE (padded with ANY)', () => {
    expect(where(match(file, 'cpe:2.3:a:haxx:libcurl:8.3.0'))).toEqual([[0, 0, 0, 'high']]);
  });

  it('does not match haxx:curl 8.3.0: NVD lists the curl CVE under libcurl only, and names are never fuzzy', () => {
    expect(match(file, 'cpe:2.3:a:haxx:curl:8.3.0:*:*:*:*:*:*:*')).toEqual([]);
  });

  it.each([
    ['7.68.0', false],
    ['7.69.0', true],
    ['8.3.0', true],
    ['8.4.0', false],
  ])('libcurl %s → %s (inclusive start, exclusive end)', (version, expected) => {
    expect(match(file, `cpe:2.3:a:haxx:libcurl:${version}`).length > 0).toBe(expected);
  });
});

describe('Treck TCP/IP CVE-2020-11896 (product `tcp\\/ip`, < 6.0.1.66)', () => {
  const file = 'CVE-2020-11896.json';

  it('matches an earlier Treck release through the escaped product name', () => {
    expect(where(match(file, 'cpe:2.3:a:treck:tcp\\/ip:6.0.1.28:*:*:*:*:*:*:*'))).toEqual([
      [0, 0, 0, 'high'],
    ]);
  });

  it('does NOT match 6.0.1.66: the real record says "before 6.0.1.66" (versionEndExcluding), so it is the fix', () => {
    expect(match(file, 'cpe:2.3:a:treck:tcp\\/ip:6.0.1.66:*:*:*:*:*:*:*')).toEqual([]);
    expect(match(file, 'cpe:2.3:a:treck:tcp\\/ip:6.0.1.65:*:*:*:*:*:*:*')).toHaveLength(1);
  });

  it('also accepts the CPE 2.2 URI form of the component', () => {
    expect(match(file, 'cpe:/a:treck:tcp%2fip:6.0.1.28')).toHaveLength(1);
  });
});

describe('OpenSSL CVE-2023-0286 (three branch ranges)', () => {
  const file = 'CVE-2023-0286.json';

  it.each([
    ['1.0.2zf', 0],
    ['1.1.1s', 1],
    ['3.0.7', 2],
  ])('matches %s on the criterion of its branch only', (version, criterionIndex) => {
    expect(where(match(file, `cpe:2.3:a:openssl:openssl:${version}:*:*:*:*:*:*:*`))).toEqual([
      [0, 0, criterionIndex, 'high'],
    ]);
  });

  it.each(['1.0.2zg', '1.1.1t', '3.0.8', '3.1.0', '1.0.1u'])('does not match %s', (version) => {
    expect(match(file, `cpe:2.3:a:openssl:openssl:${version}:*:*:*:*:*:*:*`)).toEqual([]);
  });
});
