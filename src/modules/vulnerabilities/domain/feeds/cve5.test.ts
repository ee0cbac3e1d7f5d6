import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCve5 } from './cve5.ts';

// Real records copied from the shared corpus (test/fixtures/vulns/README.md names each source).
const fixtures = new URL('../../../../../test/fixtures/vulns/cve5/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));

const version = (
  value: string,
  rest: Partial<Record<'lessThan' | 'lessThanOrEqual' | 'versionType', string>> = {},
) => ({
  version: value,
  status: 'affected',
  lessThan: null,
  lessThanOrEqual: null,
  versionType: null,
  ...rest,
});

describe('parseCve5', () => {
  it('reads curl CVE-2018-14618 (CVE 5.0, Red Hat as CNA)', () => {
    const warnings: string[] = [];
    const advisory = parseCve5(read('CVE-2018-14618.json'), warnings);
    expect(warnings).toEqual([]);
    expect(advisory).toMatchObject({
      source: 'cve5',
      id: 'CVE-2018-14618',
      aliases: [],
      withdrawn: null,
      cwes: ['CWE-131', 'CWE-122'],
      affected: [],
      configurations: [],
      severities: [
        {
          type: 'CVSS_V3',
          vector: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H',
          score: 7.5,
          source: 'redhat',
        },
      ],
      vendorProducts: [
        {
          vendor: '[UNKNOWN]',
          product: 'curl',
          cpes: [],
          defaultStatus: 'unknown',
          versions: [version('7.61.1')],
        },
      ],
    });
    expect(advisory.details).toMatch(/^curl before version 7\.61\.1 is vulnerable/);
    expect(advisory.references[0]).toEqual({
      type: 'WEB',
      url: 'https://curl.haxx.se/docs/CVE-2018-14618.html',
    });
    expect(advisory.references[1]?.type).toBe('ADVISORY');
  });

  it('reads curl CVE-2024-7264: 95 semver entries, CVSS from the CISA ADP container', () => {
    const advisory = parseCve5(read('CVE-2024-7264.json'));
    expect(advisory.published).toBe('2024-07-31T08:08:14.585Z');
    expect(advisory.modified).toBe('2025-11-03T22:32:51.400Z');
    expect(advisory.severities).toEqual([
      {
        type: 'CVSS_V3',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L',
        score: 6.3,
        source: 'CISA-ADP',
      },
    ]);
    const [curl] = advisory.vendorProducts;
    expect(curl?.vendor).toBe('curl');
    expect(curl?.versions).toHaveLength(95);
    expect(curl?.versions[0]).toEqual(version('8.9.0', { lessThanOrEqual: '8.9.0', versionType: 'semver' }));
    // ADP references are merged, each URL once.
    expect(advisory.references.map((reference) => reference.url)).toContain(
      'https://security.netapp.com/advisory/ntap-20240828-0008/',
    );
    expect(new Set(advisory.references.map((reference) => reference.url)).size).toBe(
      advisory.references.length,
    );
  });

  it('expands Log4Shell (CVE-2021-44228) `changes` into consecutive version entries', () => {
    const advisory = parseCve5(read('CVE-2021-44228.json'));
    expect(advisory.summary).toMatch(/JNDI/);
    expect(advisory.cwes).toEqual(['CWE-502', 'CWE-400', 'CWE-20']);
    expect(advisory.severities).toEqual([
      {
        type: 'CVSS_V3',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
        score: 10,
        source: 'CISA-ADP',
      },
    ]);
    const [log4j] = advisory.vendorProducts;
    expect(log4j?.product).toBe('Apache Log4j2');
    expect(log4j?.versions.map((entry) => [entry.version, entry.lessThan, entry.status])).toEqual([
      ['2.0-beta9', '2.3.1', 'affected'],
      ['2.3.1', '2.4', 'unaffected'],
      ['2.4', '2.12.2', 'affected'],
      ['2.12.2', '2.13.0', 'unaffected'],
      ['2.13.0', '2.15.0', 'affected'],
      ['2.15.0', 'log4j-core*', 'unaffected'],
    ]);
  });

  it('derives a PyPI package from collectionURL (CVE-2025-4565, protobuf) and keeps the GitHub entry as vendor/product', () => {
    const advisory = parseCve5(read('CVE-2025-4565.json'));
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'protobuf',
        purl: null,
        versions: [],
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.25.8' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.29.5' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '6.31.1' }] },
        ],
      },
    ]);
    expect(advisory.vendorProducts.map((entry) => [entry.vendor, entry.product])).toEqual([
      ['protocolbuffers', 'Python-Protobuf'],
    ]);
    expect(advisory.severities[0]?.type).toBe('CVSS_V4');
  });

  it('reads cpeApplicability, REJECTED state and registry packages from a hand-made record', () => {
    const warnings: string[] = [];
    const advisory = parseCve5(
      {
        dataType: 'CVE_RECORD',
        dataVersion: '5.1',
        cveMetadata: { cveId: 'CVE-2099-0002', state: 'REJECTED', dateRejected: '2099-02-01T00:00:00' },
        containers: {
          cna: {
            affected: [
              {
                collectionURL: 'https://registry.npmjs.org',
                packageName: 'left-pad',
                defaultStatus: 'unaffected',
                versions: [
                  { version: '1.0.0', lessThanOrEqual: '1.3.0', status: 'affected', versionType: 'semver' },
                  { version: '2.0.0', status: 'affected' },
                ],
              },
              {
                collectionURL: 'https://pypi.org',
                packageName: 'x',
                defaultStatus: 'affected',
                versions: [{ version: '2.0', status: 'unaffected' }],
              },
              { vendor: 'acme' },
              { vendor: 'acme', product: 'box', versions: [{ status: 'affected' }] },
            ],
            cpeApplicability: [
              {
                nodes: [
                  {
                    operator: 'OR',
                    negate: false,
                    cpeMatch: [
                      {
                        vulnerable: true,
                        criteria: 'cpe:2.3:a:acme:box:*:*:*:*:*:*:*:*',
                        versionEndExcluding: '2',
                      },
                    ],
                  },
                ],
              },
            ],
          },
        },
      },
      warnings,
    );
    expect(advisory.withdrawn).toBe('2099-02-01T00:00:00Z');
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'npm',
        name: 'left-pad',
        purl: null,
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { last_affected: '1.3.0' }] }],
        versions: ['2.0.0'],
      },
    ]);
    // A default of `affected` with exceptions cannot be said with OSV events: kept as vendor/product.
    expect(
      advisory.vendorProducts.map((entry) => [entry.vendor, entry.product, entry.versions.length]),
    ).toEqual([
      ['n/a', 'x', 1],
      ['acme', 'box', 0],
    ]);
    expect(advisory.configurations[0]?.nodes[0]?.cpeMatch[0]?.versionEndExcluding).toBe('2');
    expect(warnings).toEqual([
      'CVE-2099-0002 $.containers.cna.affected[2]: neither product nor packageName; skipped',
      'CVE-2099-0002 $.containers.cna.affected[3].versions[0]: no version or status; skipped',
    ]);
  });

  it.each([
    ['an OSV record', { id: 'GO-2022-0969', modified: '2022-01-01T00:00:00Z' }, '$.cveMetadata'],
    ['a record without cveId', { cveMetadata: {}, containers: {} }, '$.cveMetadata.cveId'],
    ['a record without containers', { cveMetadata: { cveId: 'CVE-2099-0001' } }, '$.containers'],
    ['a CVE 4 record', { dataType: 'CVE', cveMetadata: {} }, '$.dataType'],
  ])('throws DomainError(invalid) on %s', (_name, json, path) => {
    expect(() => parseCve5(json)).toThrow(expect.objectContaining({ code: 'invalid', details: { path } }));
  });
});
