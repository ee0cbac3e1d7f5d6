import { describe, expect, it } from 'vitest';
import {
  component,
  cpeOf,
  nvd,
  osv,
  summary,
} from '../../../../../test/fixtures/vulns/match-test-support.ts';
import type { Advisory } from '../advisory-model.ts';
import { matchComponent } from './match-component.ts';

describe('matchComponent — NVD CPE configurations (real records)', () => {
  it('wolfSSL 4.8.1 (medical-device SBOM) matches CVE-2022-39173, fixed in 5.5.1', () => {
    const [match, ...rest] = matchComponent(
      component({
        name: 'WolfSSL',
        version: '4.8.1',
        purl: 'pkg:github/wolfssl/wolfssl',
        cpe: cpeOf('wolfssl:wolfssl', '4.8.1'),
      }),
      [nvd('CVE-2022-39173')],
    );
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      advisoryId: 'CVE-2022-39173',
      matchedBy: 'cpe',
      confidence: 'high',
      fixedIn: '5.5.1',
    });
    expect(match?.reasons).toEqual([
      'NVD CVE-2022-39173 configuration 1 node 1 criterion 1: cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:* ' +
        '(versionEndExcluding 5.5.1) matches cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:* at version 4.8.1 [version-in-range]',
    ]);
  });

  it('libcurl 8.3.0 matches CVE-2023-38545 (haxx:libcurl); haxx:curl is another product', () => {
    const advisory = nvd('CVE-2023-38545');
    expect(summary({ version: '8.3.0', cpe: cpeOf('haxx:libcurl', '8.3.0') }, [advisory])).toEqual([
      ['CVE-2023-38545', 'cpe', 'high', '8.4.0'],
    ]);
    expect(summary({ version: '8.4.0', cpe: cpeOf('haxx:libcurl', '8.4.0') }, [advisory])).toEqual([]);
    expect(summary({ version: '8.3.0', cpe: cpeOf('haxx:curl', '8.3.0') }, [advisory])).toEqual([]);
  });

  it('Treck tcp\\/ip 6.0.1.28 matches CVE-2020-11896; 6.0.1.66 is the fix', () => {
    const advisory = nvd('CVE-2020-11896');
    expect(summary({ cpe: cpeOf('treck:tcp\\/ip', '6.0.1.28') }, [advisory])).toEqual([
      ['CVE-2020-11896', 'cpe', 'high', '6.0.1.66'],
    ]);
    expect(summary({ cpe: cpeOf('treck:tcp\\/ip', '6.0.1.66') }, [advisory])).toEqual([]);
  });

  it('OpenSSL 1.1.1s and 3.0.7 match CVE-2023-0286 on their branch; 1.1.1t and 3.0.8 do not', () => {
    const advisory = nvd('CVE-2023-0286');
    const openssl = (version: string) =>
      summary({ version, cpe: cpeOf('openssl:openssl', version) }, [advisory]);
    expect(openssl('1.1.1s')).toEqual([['CVE-2023-0286', 'cpe', 'high', '1.1.1t']]);
    expect(openssl('3.0.7')).toEqual([['CVE-2023-0286', 'cpe', 'high', '3.0.8']]);
    expect(openssl('1.0.2zf')).toEqual([['CVE-2023-0286', 'cpe', 'high', '1.0.2zg']]);
    expect(openssl('1.1.1t')).toEqual([]);
    expect(openssl('3.0.8')).toEqual([]);
  });

  it('a CPE with version * takes the component version (medium: version-from-component-field)', () => {
    expect(
      summary({ version: '1.1.1s', cpe: cpeOf('openssl:openssl', '*') }, [nvd('CVE-2023-0286')]),
    ).toEqual([['CVE-2023-0286', 'cpe', 'medium', '1.1.1t']]);
  });

  it('plain sqlite never matches the vendor-specific (NetApp/Splunk) configurations of CVE-2022-35737', () => {
    const advisory = nvd('CVE-2022-35737');
    const [hit] = matchComponent(component({ cpe: cpeOf('sqlite:sqlite', '3.39.0') }), [advisory]);
    expect(hit?.reasons).toHaveLength(1);
    expect(hit?.reasons[0]).toMatch(
      /^NVD CVE-2022-35737 configuration 1 node 1 criterion 1: cpe:2\.3:a:sqlite:sqlite:/,
    );
    // 3.39.2 is the fix: the NetApp criterion (version `-`) and Splunk ranges must not catch it.
    expect(summary({ version: '3.39.2', cpe: cpeOf('sqlite:sqlite', '3.39.2') }, [advisory])).toEqual([]);
    // An Oracle-like vendor product that bundles SQLite: vendor DISJOINT, so no match at all.
    const oracleLike: Advisory = {
      ...advisory,
      id: 'TEST-ORACLE-LIKE',
      configurations: advisory.configurations.map((configuration) => ({
        ...configuration,
        nodes: configuration.nodes.map((node) => ({
          ...node,
          cpeMatch: node.cpeMatch.map((criterion) => ({
            ...criterion,
            criteria: criterion.criteria.replace('a:sqlite:sqlite', 'a:oracle:sqlite'),
          })),
        })),
      })),
    };
    expect(summary({ version: '3.39.0', cpe: cpeOf('sqlite:sqlite', '3.39.0') }, [oracleLike])).toEqual([]);
  });
});

describe('matchComponent — OSV packages (real records)', () => {
  it('Go module golang.org/x/text v0.3.5: GO-2021-0113 and GO-2022-1059 until their fixes', () => {
    const advisories = [osv('GO-2021-0113'), osv('GO-2022-1059')];
    expect(summary({ purl: 'pkg:golang/golang.org/x/text@v0.3.5' }, advisories)).toEqual([
      ['GO-2021-0113', 'purl', 'high', '0.3.7'],
      ['GO-2022-1059', 'purl', 'high', '0.3.8'],
    ]);
    expect(summary({ purl: 'pkg:golang/golang.org/x/text@v0.3.7' }, advisories)).toEqual([
      ['GO-2022-1059', 'purl', 'high', '0.3.8'],
    ]);
    expect(summary({ purl: 'pkg:golang/golang.org/x/text@v0.3.8' }, advisories)).toEqual([]);
    // Another module with the same last segment is not the same package.
    expect(summary({ purl: 'pkg:golang/example.com/x/text@v0.3.5' }, advisories)).toEqual([]);
  });

  it('PyPI: JW_Util (case and separators differ) matches PYSEC-2020-341 on jw.util', () => {
    const advisory = osv('PYSEC-2020-341');
    const [match] = matchComponent(component({ purl: 'pkg:pypi/JW_Util@2.2' }), [advisory]);
    expect(match).toMatchObject({ advisoryId: 'PYSEC-2020-341', confidence: 'high', fixedIn: '2.3' });
    expect(match?.aliases).toEqual(['CVE-2020-13388', 'GHSA-h72c-w3q3-55qq']);
    expect(summary({ purl: 'pkg:pypi/jw.util@2.3' }, [advisory])).toEqual([]);
    expect(summary({ purl: 'pkg:pypi/jw-utils@2.2' }, [advisory])).toEqual([]);
  });

  it('Debian: DSA-5474-1 applies per release; a Debian 11 fix is below the Debian 12 fix', () => {
    const advisory = osv('osv-DSA-5474-1');
    const deb = (version: string, qualifiers: string) =>
      summary({ purl: `pkg:deb/debian/intel-microcode@${version}?arch=amd64${qualifiers}` }, [advisory]);
    expect(deb('3.20230214.1~deb11u1', '&distro=debian-11')).toEqual([
      ['DSA-5474-1', 'purl', 'high', '3.20230808.1~deb11u1'],
    ]);
    expect(deb('3.20230808.1~deb11u1', '&distro=debian-11')).toEqual([]);
    expect(deb('3.20230808.1~deb11u1', '&distro=bullseye')).toEqual([]);
    expect(deb('3.20230214.1', '&distro=debian-12.1')).toEqual([
      ['DSA-5474-1', 'purl', 'high', '3.20230808.1~deb12u1'],
    ]);
    // Without a distro the Debian 12 entry cannot be excluded: reported, one level lower.
    expect(deb('3.20230808.1~deb11u1', '')).toEqual([
      ['DSA-5474-1', 'purl', 'medium', '3.20230808.1~deb12u1'],
    ]);
    // Ubuntu packages never match Debian entries.
    expect(
      summary({ purl: 'pkg:deb/ubuntu/intel-microcode@3.20230214.1?distro=ubuntu-22.04' }, [advisory]),
    ).toEqual([]);
  });

  it('Debian: DSA-3029-1 (Debian:7 nginx) does not apply to a debian-11 package, applies to wheezy', () => {
    const advisory = osv('DSA-3029-1');
    expect(summary({ purl: 'pkg:deb/debian/nginx@1.2.1-2.2?distro=debian-11' }, [advisory])).toEqual([]);
    expect(summary({ purl: 'pkg:deb/debian/nginx@1.2.1-2.2?distro=debian-7' }, [advisory])).toEqual([
      ['DSA-3029-1', 'purl', 'high', '1.2.1-2.2+wheezy3'],
    ]);
  });

  it('Alpine: CVE-2022-27449 mariadb per Alpine release; pkg:alpine is read as apk', () => {
    const advisory = osv('CVE-2022-27449');
    const apk = (purl: string) => summary({ purl }, [advisory]);
    expect(apk('pkg:apk/alpine/mariadb@10.6.7-r0?arch=x86_64&distro=alpine-3.16.2')).toEqual([
      ['CVE-2022-27449', 'purl', 'high', '10.6.8-r0'],
    ]);
    expect(apk('pkg:alpine/mariadb@10.6.8-r0?distro=alpine-3.16')).toEqual([]);
    expect(apk('pkg:apk/alpine/mariadb@10.4.24-r0?distro=alpine-3.12')).toEqual([
      ['CVE-2022-27449', 'purl', 'high', '10.4.25-r0'],
    ]);
    // 10.4.25-r0 fixes Alpine 3.12; under 3.16 it is still below the fix 10.6.8-r0.
    expect(apk('pkg:apk/alpine/mariadb@10.4.25-r0?distro=alpine-3.12')).toEqual([]);
    expect(apk('pkg:apk/alpine/mariadb@10.4.25-r0?distro=alpine-3.16')).toEqual([
      ['CVE-2022-27449', 'purl', 'high', '10.6.8-r0'],
    ]);
    expect(apk('pkg:apk/alpine/mariadb@10.4.25-r0')).toEqual([
      ['CVE-2022-27449', 'purl', 'medium', '10.5.16-r0'],
    ]);
    const [match] = matchComponent(component({ purl: 'pkg:alpine/mariadb@10.6.7-r0?distro=alpine-3.16' }), [
      advisory,
    ]);
    expect(match?.reasons).toContain("purl type 'alpine' read as 'apk'");
  });

  it('a withdrawn record never matches, even for a listed version', () => {
    const withdrawn = osv('test_vuln_withdrawn');
    expect(withdrawn.withdrawn).not.toBeNull();
    expect(summary({ purl: 'pkg:pypi/cryptography@3.2' }, [withdrawn])).toEqual([]);
    expect(summary({ purl: 'pkg:pypi/cryptography@3.2' }, [{ ...withdrawn, withdrawn: null }])).toEqual([
      ['PYSEC-2021-63', 'purl', 'high', '3.3.2'],
    ]);
  });

  it('a missing purl version is taken from the component, a %40 separator is repaired', () => {
    const advisory = osv('GO-2021-0113');
    expect(summary({ version: 'v0.3.5', purl: 'pkg:golang/golang.org/x/text' }, [advisory])).toEqual([
      ['GO-2021-0113', 'purl', 'high', '0.3.7'],
    ]);
    expect(summary({ purl: 'pkg:golang/golang.org/x/text%40v0.3.5' }, [advisory])).toEqual([
      ['GO-2021-0113', 'purl', 'high', '0.3.7'],
    ]);
    expect(summary({ purl: 'pkg:golang/golang.org/x/text' }, [advisory])).toEqual([
      ['GO-2021-0113', 'purl', 'low', null],
    ]);
  });
});

describe('matchComponent — one match per advisory', () => {
  it('merges purl and CPE evidence for the same record, keeping the highest confidence', () => {
    const advisory: Advisory = {
      ...osv('GO-2021-0113'),
      configurations: nvd('CVE-2022-39173').configurations,
    };
    const [match, ...rest] = matchComponent(
      component({
        version: '4.8.1',
        purl: 'pkg:golang/golang.org/x/text@v0.3.5',
        cpe: cpeOf('wolfssl:wolfssl', '*'),
      }),
      [advisory],
    );
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ matchedBy: 'purl', confidence: 'high', fixedIn: '0.3.7' });
    expect(match?.reasons).toHaveLength(2);
  });
});
