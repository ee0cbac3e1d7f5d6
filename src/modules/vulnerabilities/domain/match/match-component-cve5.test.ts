import { describe, expect, it } from 'vitest';
import {
  component,
  cpeOf,
  cve5,
  nvd,
  summary,
} from '../../../../../test/fixtures/vulns/match-test-support.ts';
import type { Advisory } from '../advisory-model.ts';
import { matchComponent } from './match-component.ts';

describe('matchComponent — CVE 5 vendor/product (real records)', () => {
  const curl = cve5('CVE-2024-7264');

  it('curl/curl 8.8.0 matches CVE-2024-7264 at medium, never high', () => {
    const [match] = matchComponent(component({ version: '8.8.0', cpe: cpeOf('curl:curl', '8.8.0') }), [curl]);
    expect(match).toMatchObject({ matchedBy: 'cve5', confidence: 'medium', fixedIn: null });
    expect(match?.reasons[0]).toMatch(
      /^CVE5 CVE-2024-7264 vendorProducts\[0\] curl\/curl: version 8\.8\.0 — 8\.8\.0 ≤ v ≤ 8\.8\.0 affected/,
    );
    expect(summary({ cpe: cpeOf('curl:curl', '8.9.1') }, [curl])).toEqual([]);
    expect(summary({ cpe: cpeOf('curl:curl', '7.31.0') }, [curl])).toEqual([]);
  });

  it('haxx:curl (NVD vendor) needs an explicit vendor alias: the CNA writes vendor "curl"', () => {
    const haxx = { version: '8.8.0', cpe: cpeOf('haxx:curl', '8.8.0') };
    expect(summary(haxx, [curl])).toEqual([]);
    expect(summary(haxx, [curl], { cve5VendorAliases: { curl: ['haxx'] } })).toEqual([
      ['CVE-2024-7264', 'cve5', 'medium', null],
    ]);
  });

  it('is skipped for a vendor/product the advisory has an NVD configuration for', () => {
    const both: Advisory = { ...curl, configurations: nvd('CVE-2023-38545').configurations };
    const fields = { version: '8.8.0', cpe: cpeOf('haxx:libcurl', '8.8.0') };
    const withCve5: Advisory = {
      ...both,
      vendorProducts: [
        {
          ...(curl.vendorProducts[0] as Advisory['vendorProducts'][number]),
          vendor: 'haxx',
          product: 'libcurl',
        },
      ],
    };
    // 8.8.0 is outside the NVD range (< 8.4.0) and the CVE 5 entry for haxx/libcurl must not override it.
    expect(summary(fields, [withCve5])).toEqual([]);
  });

  it('Log4Shell: ranges with status changes give the fix of the affected range', () => {
    const log4j: Advisory = cve5('CVE-2021-44228');
    const options = { cve5VendorAliases: { apache_software_foundation: ['apache'] } };
    const withProduct: Advisory = {
      ...log4j,
      vendorProducts: log4j.vendorProducts.map((range) => ({
        ...range,
        cpes: ['cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*'],
      })),
    };
    expect(summary({ cpe: cpeOf('apache:log4j', '2.14.1') }, [withProduct], options)).toEqual([
      ['CVE-2021-44228', 'cve5', 'medium', '2.15.0'],
    ]);
    expect(summary({ cpe: cpeOf('apache:log4j', '2.12.2') }, [withProduct], options)).toEqual([]);
    expect(summary({ cpe: cpeOf('apache:log4j', '2.3.0') }, [withProduct], options)).toEqual([
      ['CVE-2021-44228', 'cve5', 'medium', '2.3.1'],
    ]);
  });
});

describe('matchComponent — no identifier, and opt-in name matching', () => {
  const advisories = [nvd('CVE-2022-35737'), cve5('CVE-2018-14618'), nvd('CVE-2022-39173')];

  it('a component with neither purl nor CPE matches nothing by default', () => {
    expect(summary({ name: 'sqlite', version: '3.39.0' }, advisories)).toEqual([]);
    expect(summary({ name: 'curl', version: '7.61.1' }, advisories)).toEqual([]);
  });

  it('allowNameMatching matches the exact lower-cased name, always low and flagged', () => {
    const options = { allowNameMatching: true };
    expect(summary({ name: 'SQLite', version: '3.39.0' }, advisories, options)).toEqual([
      ['CVE-2022-35737', 'cpe', 'low', '3.39.2'],
    ]);
    const [curl] = matchComponent(component({ name: 'curl', version: '7.61.1' }), advisories, options);
    expect(curl).toMatchObject({
      advisoryId: 'CVE-2018-14618',
      matchedBy: 'cve5',
      confidence: 'low',
      isNameMatch: true,
    });
    expect(curl?.reasons).toContain("matched by component name 'curl' only (allowNameMatching)");
    expect(summary({ name: 'sqlite', version: '3.39.2' }, advisories, options)).toEqual([]);
    expect(summary({ name: 'sqlite3', version: '3.39.0' }, advisories, options)).toEqual([]);
    // A component with a CPE is never name-matched.
    expect(
      summary(
        { name: 'sqlite', version: '3.39.0', cpe: cpeOf('acme:embedded_db', '3.39.0') },
        advisories,
        options,
      ),
    ).toEqual([]);
  });
});
