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
