import { describe, expect, it } from 'vitest';
import type { Advisory } from './advisory-model.ts';
import {
  advisoryLookupKeys,
  componentLookupKeys,
  cpeVendorProduct,
  indexAdvisoriesByKey,
} from './package-identity.ts';

function advisory(
  id: string,
  affected: Partial<Advisory['affected'][number]>[],
  criteria: string[] = [],
): Advisory {
  return {
    source: 'osv',
    id,
    aliases: [],
    summary: null,
    details: null,
    published: null,
    modified: '2024-01-01T00:00:00Z',
    withdrawn: null,
    severities: [],
    references: [],
    cwes: [],
    affected: affected.map((a) => ({
      ecosystem: 'npm',
      name: 'x',
      purl: null,
      ranges: [],
      versions: [],
      ...a,
    })),
    configurations: criteria.length
      ? [
          {
            operator: 'OR',
            negate: false,
            nodes: [
              {
                operator: 'OR',
                negate: false,
                cpeMatch: criteria.map((c) => ({
                  vulnerable: true,
                  criteria: c,
                  versionStartIncluding: null,
                  versionStartExcluding: null,
                  versionEndIncluding: null,
                  versionEndExcluding: null,
                })),
              },
            ],
          },
        ]
      : [],
    vendorProducts: [],
  };
}

describe('lookup keys', () => {
  it('files packages and CPEs under the keys components carry', () => {
    const a = advisory(
      'A',
      [
        { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
        { ecosystem: 'PyPI', name: 'JW_Util' },
      ],
      ['cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*'],
    );
    expect(advisoryLookupKeys(a)).toEqual([
      { kind: 'purl', namespace: 'maven', name: 'log4j-core' },
      { kind: 'purl', namespace: 'pypi', name: 'jw-util' },
      { kind: 'cpe', namespace: 'treck', name: 'tcp/ip' },
    ]);
    expect(
      componentLookupKeys({ purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', cpe: null }),
    ).toEqual([{ kind: 'purl', namespace: 'maven', name: 'log4j-core' }]);
    expect(
      componentLookupKeys({
        purl: 'pkg:pypi/jw.util@2.2',
        cpe: 'cpe:2.3:a:treck:tcp\\/ip:6.0.1.28:*:*:*:*:*:*:*',
      }),
    ).toEqual([
      { kind: 'purl', namespace: 'pypi', name: 'jw-util' },
      { kind: 'cpe', namespace: 'treck', name: 'tcp/ip' },
    ]);
    expect(cpeVendorProduct('cpe:2.3:a:*:*:1:*:*:*:*:*:*:*')).toBeNull();
  });

  it('files Go modules of major version 2 and above under <segment>/vN on both sides, not a shared vN', () => {
    const fiber = advisory('GO-2023-2115', [{ ecosystem: 'Go', name: 'github.com/gofiber/fiber/v2' }]);
    const pgx = advisory('GO-X', [
      { ecosystem: 'Go', name: 'github.com/jackc/pgx/v5', purl: 'pkg:golang/github.com/jackc/pgx/v5' },
    ]);
    expect(advisoryLookupKeys(fiber)).toEqual([{ kind: 'purl', namespace: 'golang', name: 'fiber/v2' }]);
    expect(advisoryLookupKeys(pgx)).toEqual([{ kind: 'purl', namespace: 'golang', name: 'pgx/v5' }]);
    const candidatesFor = indexAdvisoriesByKey([fiber, pgx]);
    expect(candidatesFor({ purl: 'pkg:golang/github.com/gofiber/fiber/v2@v2.49.0', cpe: null })).toEqual([
      fiber,
    ]);
    expect(
      candidatesFor({ purl: 'pkg:golang/github.com/jackc/pgx/v5@v5.4.0?type=module', cpe: null }),
    ).toEqual([pgx]);
    // Another module with the same suffix, and the same module's v1 (another module in Go), find nothing.
    expect(candidatesFor({ purl: 'pkg:golang/github.com/other/thing/v2@v2.0.0', cpe: null })).toEqual([]);
    expect(componentLookupKeys({ purl: 'pkg:golang/github.com/gofiber/fiber@v1.14.6', cpe: null })).toEqual([
      { kind: 'purl', namespace: 'golang', name: 'fiber' },
    ]);
    // `v` names that are no major version suffix keep their last segment.
    expect(componentLookupKeys({ purl: 'pkg:golang/github.com/spf13/viper@v1.16.0', cpe: null })).toEqual([
      { kind: 'purl', namespace: 'golang', name: 'viper' },
    ]);
    expect(componentLookupKeys({ purl: 'pkg:golang/gopkg.in/yaml.v2@v2.4.0', cpe: null })).toEqual([
      { kind: 'purl', namespace: 'golang', name: 'yaml.v2' },
    ]);
  });

  it('reads alpine as apk on both sides, and distro packages under their source package too', () => {
    const alpine = advisory('B', [
      { ecosystem: 'Alpine:v3.16', name: 'mariadb', purl: 'pkg:alpine/mariadb' },
    ]);
    const debian = advisory('C', [{ ecosystem: 'Debian:11', name: 'openssl' }]);
    const candidatesFor = indexAdvisoriesByKey([alpine, debian]);
    expect(candidatesFor({ purl: 'pkg:alpine/mariadb@10.4.25-r0?distro=alpine-3.16', cpe: null })).toEqual([
      alpine,
    ]);
    expect(candidatesFor({ purl: 'pkg:apk/alpine/mariadb@10.4.25-r0', cpe: null })).toEqual([alpine]);
    expect(
      candidatesFor({
        purl: 'pkg:deb/debian/libssl1.1@1.1.1n-0?upstream=openssl&distro=debian-11',
        cpe: null,
      }),
    ).toEqual([debian]);
    expect(candidatesFor({ purl: 'pkg:npm/left-pad@1.0.0', cpe: null })).toEqual([]);
  });
});
