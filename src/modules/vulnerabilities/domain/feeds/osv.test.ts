import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import { isAffected } from '../osv-range.ts';
import { parseOsv } from './osv.ts';

// Real records copied from the shared corpus (test/fixtures/vulns/README.md names each source).
const fixtures = new URL('../../../../../test/fixtures/vulns/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
const semverOrder = (a: string, b: string) => semver.compare(a, b, { loose: false });

describe('parseOsv', () => {
  it('reads a Go record: SEMVER ranges, stdlib, no purl, ecosystem_specific ignored', () => {
    const advisory = parseOsv(read('osv/GO-2022-0969.json'));
    expect(advisory).toMatchObject({
      source: 'osv',
      id: 'GO-2022-0969',
      aliases: ['CVE-2022-27664', 'GHSA-69cg-p879-7622'],
      summary: 'Denial of service in net/http and golang.org/x/net/http2',
      published: '2022-09-12T20:23:06Z',
      modified: '0001-01-01T00:00:00Z',
      withdrawn: null,
      severities: [],
      cwes: [],
      configurations: [],
      vendorProducts: [],
    });
    expect(advisory.references).toContainEqual({ type: 'FIX', url: 'https://go.dev/cl/428735' });
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'Go',
        name: 'stdlib',
        purl: null,
        versions: [],
        ranges: [
          {
            type: 'SEMVER',
            events: [
              { introduced: '0' },
              { fixed: '1.18.6' },
              { introduced: '1.19.0-0' },
              { fixed: '1.19.1' },
            ],
          },
        ],
      },
      {
        ecosystem: 'Go',
        name: 'golang.org/x/net',
        purl: null,
        versions: [],
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.0-20220906165146-f3363e06e74c' }] },
        ],
      },
    ]);
    const stdlib = advisory.affected[0];
    if (!stdlib) throw new Error('stdlib entry missing');
    expect(isAffected(stdlib, '1.19.0', semverOrder)).toEqual({
      affected: true,
      reason: 'SEMVER range 1: introduced 1.19.0-0, fixed 1.19.1',
    });
  });

  it('reads a PyPI record: purl, ECOSYSTEM + GIT ranges, versions list, CVE alias', () => {
    const advisory = parseOsv(read('osv/PYSEC-2021-375.json'));
    expect(advisory.aliases).toEqual(['CVE-2021-40325', 'GHSA-cr3f-r24j-3chw']);
    expect(advisory.summary).toBeNull();
    expect(advisory.details).toBe(
      'Cobbler before 3.3.0 allows authorization bypass for modification of settings.',
    );
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'cobbler',
        purl: 'pkg:pypi/cobbler',
        ranges: [
          {
            type: 'GIT',
            events: [{ introduced: '0' }, { fixed: 'd8f60bbf14a838c8c8a1dba98086b223e35fe70a' }],
          },
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.3.0' }] },
        ],
        versions: ['0.6.3-2', '3.1.2', '3.2.1', '3.2.2'],
      },
    ]);
  });

  it('reads an OSS-Fuzz record: GIT range only, tags as versions', () => {
    const advisory = parseOsv(read('osv/OSV-2017-79.json'));
    const [curl] = advisory.affected;
    expect(advisory.aliases).toEqual([]);
    expect(curl?.ecosystem).toBe('OSS-Fuzz');
    expect(curl?.ranges.map((range) => range.type)).toEqual(['GIT']);
    expect(curl?.versions).toHaveLength(26);
    expect(curl?.versions[0]).toBe('curl-7_57_0');
  });

  it('sets withdrawn on a withdrawn record', () => {
    const advisory = parseOsv(read('osv/test_vuln_withdrawn.json'));
    expect(advisory.id).toBe('PYSEC-2021-63');
    expect(advisory.withdrawn).toBe('2021-02-10T20:15:00Z');
    expect(advisory.aliases).toEqual(['CVE-2020-36242']);
  });

  it('keeps last_affected, and names a package-less GIT entry by its repository', () => {
    const advisory = parseOsv(read('osv/OSV-TEST-last-affected-01.json'));
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'GIT',
        name: 'https://osv-test/repo/url',
        purl: null,
        versions: [],
        ranges: [
          {
            type: 'GIT',
            events: [
              { introduced: 'eefe8ec3f1f90d0e684890e810f3f21e8500a4cd' },
              { last_affected: '8d8242f545e9cec3e6d0d2e3f5bde8be1c659735' },
            ],
          },
        ],
      },
    ]);
  });

  it('reads a Debian DSA (release-suffixed ecosystem)', () => {
    const advisory = parseOsv(read('osv/DSA-3029-1.json'));
    expect(advisory.aliases).toEqual(['CVE-2014-3616']);
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'Debian:7',
        name: 'nginx',
        purl: null,
        versions: [],
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.1-2.2+wheezy3' }] }],
      },
    ]);
  });

  it('reads the exact-version and no-range records; a missing modified is reported', () => {
    const warnings: string[] = [];
    const exact = parseOsv(read('osv/osv-vulnerability-exact-version.json'), warnings);
    expect(exact.affected[0]?.versions).toEqual(['103.99.99']);
    expect(exact.modified).toBe('');
    expect(warnings).toEqual(["MAL-2023-995 $.modified: missing; using ''"]);
    const noRange = parseOsv(read('osv/osv-vulnerability-no-range.json'));
    expect(noRange.affected).toEqual([
      { ecosystem: 'JavaScript', name: 'faker.js', purl: null, ranges: [], versions: [] },
    ]);
  });

  it('keeps CVSS vectors as published and skips an empty severity', () => {
    const warnings: string[] = [];
    const advisory = parseOsv(read('osv/osv-vulnerability-invalid-cvss.json'), warnings);
    expect(advisory.severities).toEqual([
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L', score: null, source: 'osv' },
      { type: 'CVSS_V3', vector: 'CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: null, source: 'osv' },
      { type: 'CVSS_V2', vector: 'AV:N/AC:H/Au:N/C:P/I:N/A:N', score: null, source: 'osv' },
      {
        type: 'CVSS_V4',
        vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:H/SC:N/SI:N/SA:N',
        score: null,
        source: 'osv',
      },
    ]);
    expect(warnings).toContain('GHSA-77rv-6vfw-x4gc $.severity[0]: no score; skipped');
    expect(advisory.affected).toEqual([]);
  });

  it('skips odd parts with warnings instead of throwing', () => {
    const warnings: string[] = [];
    const advisory = parseOsv(
      {
        id: 'OSV-ODD-1',
        modified: '2024-01-01T00:00:00Z',
        severity: [{ type: 'Ubuntu', score: 'medium' }],
        affected: [
          'not an object',
          { package: { ecosystem: 'npm' } },
          {
            package: { ecosystem: 'npm', name: 'left-pad' },
            ranges: [
              { type: 'WEIRD', events: [{ introduced: '0' }] },
              {
                type: 'SEMVER',
                events: [{ introduced: '1.0.0', fixed: '2.0.0' }, { fixed: 3 }, { fixed: '1.3.0' }],
              },
            ],
          },
        ],
      },
      warnings,
    );
    expect(advisory.severities).toEqual([{ type: 'OTHER', vector: 'medium', score: null, source: 'osv' }]);
    expect(advisory.affected).toEqual([
      {
        ecosystem: 'npm',
        name: 'left-pad',
        purl: null,
        versions: [],
        ranges: [{ type: 'SEMVER', events: [{ fixed: '1.3.0' }] }],
      },
    ]);
    expect(warnings).toHaveLength(5);
  });

  it.each([
    ['an array', [], '$'],
    ['no id', { modified: '2024-01-01T00:00:00Z' }, '$.id'],
    [
      'an NVD bare cve object',
      { id: 'CVE-2022-39173', sourceIdentifier: 'cve@mitre.org' },
      '$.sourceIdentifier',
    ],
    ['a CVE 5 record', { id: 'x', cveMetadata: {}, modified: 'x' }, '$.cveMetadata'],
    ['an id only', { id: 'x' }, '$'],
  ])('throws DomainError(invalid) on %s', (_name, json, path) => {
    expect(() => parseOsv(json)).toThrow(DomainError);
    try {
      parseOsv(json);
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid', details: { path } });
      expect((error as Error).message.startsWith(`${path}:`)).toBe(true);
    }
  });
});
