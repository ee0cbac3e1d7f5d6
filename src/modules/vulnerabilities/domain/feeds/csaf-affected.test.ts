import { describe, expect, it } from 'vitest';
import { readPurlIdentity } from '../match/purl-identity.ts';
import { purlTypeForEcosystem } from '../package-identity.ts';
import { parseCsafAdvisories } from './csaf.ts';
import { affectedPackageOf, type CsafIdentity, cpeCriteriaOf, ecosystemOfPurl } from './csaf-affected.ts';
import { parseVers } from './csaf-vers.ts';

const identity = (change: Partial<CsafIdentity> = {}): CsafIdentity => ({
  purls: [],
  cpe: null,
  version: null,
  versionRange: null,
  ...change,
});
const noFix = () => null;

describe('parseVers (package-url/vers-spec)', () => {
  it('pairs lower and upper bounds in the given order', () => {
    expect(parseVers('vers:npm/>=1.0.0|<2.0.1')).toEqual({
      scheme: 'npm',
      intervals: [
        { lower: { version: '1.0.0', inclusive: true }, upper: { version: '2.0.1', inclusive: false } },
      ],
      equals: [],
      excluded: [],
    });
    expect(parseVers('vers:generic/ >=2.9 | <=4.1 | >5.0 ')).toMatchObject({
      intervals: [
        { lower: { version: '2.9', inclusive: true }, upper: { version: '4.1', inclusive: true } },
        { lower: { version: '5.0', inclusive: false }, upper: null },
      ],
    });
    expect(parseVers('vers:pypi/<1.2|1.5|!=1.1')).toMatchObject({
      intervals: [{ lower: null, upper: { version: '1.2', inclusive: false } }],
      equals: ['1.5'],
      excluded: ['1.1'],
    });
    expect(parseVers('vers:deb/*')).toMatchObject({ intervals: [{ lower: null, upper: null }] });
    expect(parseVers('vers:maven/1.0%2Bbuild')).toMatchObject({ equals: ['1.0+build'] });
  });

  it('says why a string is not a usable vers range', () => {
    expect(parseVers('<=1.14.0')).toMatch(/is not a vers range/);
    expect(parseVers('vers:npm/>=1|>=2')).toMatch(/two lower bounds/);
    expect(parseVers('vers:npm/!=1.0')).toMatch(/no version is inside/);
    expect(parseVers('vers:npm/>=')).toMatch(/has no version/);
  });
});

describe('ecosystemOfPurl (purlTypeForEcosystem inverted)', () => {
  const ecosystem = (purl: string) => ecosystemOfPurl(readPurlIdentity(purl, null) ?? assertPurl(purl));
  const assertPurl = (purl: string): never => {
    throw new Error(`test purl ${purl} does not parse`);
  };

  it.each([
    ['pkg:npm/%40scope/name@1.0.0', 'npm'],
    ['pkg:pypi/Django@4.2', 'PyPI'],
    ['pkg:golang/golang.org/x/net@v0.1.0', 'Go'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'Maven'],
    ['pkg:nuget/Newtonsoft.Json@9.0.1', 'NuGet'],
    ['pkg:cargo/rand@0.8.5', 'crates.io'],
    ['pkg:gem/rails@7.0.0', 'RubyGems'],
    ['pkg:composer/laravel/framework@7.12.0', 'Packagist'],
    ['pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12', 'Debian:12'],
    ['pkg:deb/ubuntu/openssl@3.0.2', 'Ubuntu'],
    ['pkg:rpm/redhat/telnet@0.17-65.el7_6?arch=src&epoch=1', 'Red Hat'],
    ['pkg:apk/alpine/curl@8.5.0-r0?distro=alpine-3.19.1', 'Alpine:3.19.1'],
    ['pkg:rpm/fedora/curl@8.0', 'rpm'],
    ['pkg:github/wolfssl/wolfssl', 'github'],
  ])('%s → %s', (purl, expected) => {
    const found = ecosystem(purl);
    expect(found).toBe(expected);
    // The matcher reads the purl type back from the ecosystem, or from the entry's purl when unknown.
    const type = readPurlIdentity(purl, null)?.purlType;
    expect(purlTypeForEcosystem(found) ?? type).toBe(type);
  });
});

describe('affectedPackageOf', () => {
  it('uses the purl version, else the product_version branch, else every version', () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(affectedPackageOf('pkg:pypi/Django@4.2', identity({ version: '9' }), noFix, warn)).toMatchObject({
      ecosystem: 'PyPI',
      name: 'django',
      versions: ['4.2'],
      ranges: [],
    });
    expect(affectedPackageOf('pkg:pypi/django', identity({ version: '4.1' }), noFix, warn)?.versions).toEqual(
      ['4.1'],
    );
    expect(affectedPackageOf('pkg:pypi/django', identity(), noFix, warn)?.ranges).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }] },
    ]);
    expect(affectedPackageOf('pkg:pypi/django', identity(), () => '4.2.1', warn)?.ranges).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.2.1' }] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads vers ranges: SEMVER for scheme semver, last_affected for <=, several intervals', () => {
    const entry = affectedPackageOf(
      'pkg:npm/lodash',
      identity({ versionRange: 'vers:semver/<=1.2.3|>=2.0.0|<2.4.0|3.0.0' }),
      () => '9.9.9',
      () => {},
    );
    expect(entry).toMatchObject({
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '1.2.3' }] },
        { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.4.0' }] },
      ],
      versions: ['3.0.0'],
    });
  });

  it('skips what it cannot express, with a warning', () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(
      affectedPackageOf('pkg:npm/a', identity({ versionRange: 'vers:npm/>1.0.0' }), noFix, warn),
    ).toBeNull();
    expect(affectedPackageOf('pkg:npm/a', identity({ versionRange: '<=3.64' }), noFix, warn)).toBeNull();
    expect(affectedPackageOf('not a purl', identity(), noFix, warn)).toBeNull();
    expect(
      affectedPackageOf('pkg:npm/a', identity({ versionRange: 'vers:npm/<2|!=1.5' }), noFix, warn)?.ranges,
    ).toHaveLength(1);
    expect(warnings).toEqual([
      "'vers:npm/>1.0.0': an exclusive lower bound (>) has no OSV event; pkg:npm/a skipped",
      "'<=3.64' is not a vers range (vers:<scheme>/<constraints>); pkg:npm/a skipped",
      "purl 'not a purl' does not parse; skipped",
      "'vers:npm/<2|!=1.5': != constraints ignored (1.5 read as affected)",
    ]);
  });
});

describe('cpeCriteriaOf', () => {
  const criteria = (cpe: string, change: Partial<CsafIdentity> = {}) =>
    cpeCriteriaOf(cpe, identity(change), () => {}).map(
      ({
        criteria,
        versionStartIncluding,
        versionStartExcluding,
        versionEndIncluding,
        versionEndExcluding,
      }) =>
        [
          criteria,
          versionStartIncluding,
          versionStartExcluding,
          versionEndIncluding,
          versionEndExcluding,
        ].join(' '),
    );

  it('converts CPE 2.2 URIs, keeps a published version, fills `*` from the tree', () => {
    expect(criteria('cpe:/o:redhat:rhel_aus:7.6::server')).toEqual([
      'cpe:2.3:o:redhat:rhel_aus:7.6:*:server:*:*:*:*:*    ',
    ]);
    expect(criteria('cpe:/a:acme:tcp%2fip:1.0', { version: '9' })).toEqual([
      'cpe:2.3:a:acme:tcp\\/ip:1.0:*:*:*:*:*:*:*    ',
    ]);
    expect(criteria('cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*', { version: '2.4' })).toEqual([
      'cpe:2.3:a:acme:pump:2.4:*:*:*:*:*:*:*    ',
    ]);
    expect(
      criteria('cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*', { versionRange: 'vers:generic/>1.0|<=2.0|2.5' }),
    ).toEqual(['cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*  1.0 2.0 ', 'cpe:2.3:a:acme:pump:2.5:*:*:*:*:*:*:*    ']);
    expect(criteria('cpe:2.3:a:acme:pump')).toEqual(['cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*    ']);
  });

  it('skips a CPE that does not parse or cannot carry the version', () => {
    const warnings: string[] = [];
    expect(cpeCriteriaOf('cpe:nonsense', identity(), (m) => warnings.push(m))).toEqual([]);
    expect(
      cpeCriteriaOf('cpe:/a:acme:pump', identity({ version: 'V4 and prior' }), (m) => warnings.push(m)),
    ).toEqual([]);
    expect(warnings).toEqual([
      "CPE 'cpe:nonsense' does not parse; skipped",
      "version 'V4 and prior' cannot be a CPE version; cpe:/a:acme:pump skipped",
    ]);
  });
});

describe('parseCsafAdvisories — CSAF 2.1 fields', () => {
  const document = (category: string) => ({
    document: {
      category,
      csaf_version: '2.1',
      publisher: { category: 'vendor', name: 'ACME PSIRT', namespace: 'https://acme.example/' },
      title: 'ACME pump',
      tracking: {
        id: 'ACME-2025-7',
        initial_release_date: '2025-01-01T00:00:00Z',
        current_release_date: '2025-02-01T00:00:00Z',
      },
    },
    product_tree: {
      full_product_names: [
        {
          name: 'ACME pump firmware 2.4',
          product_id: 'P1',
          product_identification_helper: {
            purls: ['pkg:generic/acme/pump-firmware@2.4', 'pkg:npm/acme-ui@2.4.0'],
          },
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2025-0001',
        cwes: [{ id: 'CWE-79', name: 'XSS', version: '4.14' }],
        disclosure_date: '2025-01-15T00:00:00Z',
        metrics: [
          {
            content: {
              cvss_v4: {
                vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
                baseScore: 9.3,
              },
              cvss_v3: { vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 },
            },
            products: ['P1'],
          },
        ],
        product_status: { known_affected: ['P1'] },
      },
    ],
  });

  it('reads purls[], cwes[], disclosure_date and metrics (CVSS v4)', () => {
    const [advisory] = parseCsafAdvisories(document('csaf_security_advisory'));
    expect(advisory).toMatchObject({
      id: 'https://acme.example/ACME-2025-7/CVE-2025-0001',
      published: '2025-01-15T00:00:00Z',
      withdrawn: null,
      cwes: ['CWE-79'],
      severities: [
        { type: 'CVSS_V4', score: 9.3, source: 'ACME PSIRT' },
        { type: 'CVSS_V3', score: 9.8, source: 'ACME PSIRT' },
      ],
    });
    expect(advisory?.affected.map((a) => [a.ecosystem, a.name, a.versions])).toEqual([
      ['generic', 'acme/pump-firmware', ['2.4']],
      ['npm', 'acme-ui', ['2.4.0']],
    ]);
  });

  it('marks the advisories of a csaf_withdrawn document withdrawn (2.1 only)', () => {
    expect(parseCsafAdvisories(document('csaf_withdrawn'))[0]?.withdrawn).toBe('2025-02-01T00:00:00Z');
    const old = document('csaf_withdrawn');
    old.document.csaf_version = '2.0';
    expect(parseCsafAdvisories(old)[0]?.withdrawn).toBeNull();
    const warnings: string[] = [];
    expect(
      parseCsafAdvisories({ ...document('csaf_withdrawn'), vulnerabilities: undefined }, warnings),
    ).toEqual([]);
    expect(warnings).toEqual([
      'ACME-2025-7 $.vulnerabilities: none; nothing to import (advisories imported from earlier revisions stay as they are)',
    ]);
  });
});
