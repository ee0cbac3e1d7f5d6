import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSbom } from './parse-sbom.ts';
import type { ParsedSbom } from './sbom-model.ts';

const fixtures = new URL('../../../../../test/fixtures/sbom/', import.meta.url);
const read = (name: string): ParsedSbom => parseSbom(readFileSync(new URL(name, fixtures)));
const byName = (sbom: ParsedSbom, name: string) => sbom.components.find((c) => c.name === name);
const messages = (sbom: ParsedSbom) => sbom.warnings.map((w) => w.message);

describe('medical-device-narrow (CycloneDX 1.4 JSON)', () => {
  const sbom = read('medical-device-narrow.cdx-1.4.json');

  it('reads 55 components, every one with purl and CPE, and the device as subject', () => {
    expect(sbom.format).toBe('cyclonedx-json');
    expect(sbom.specVersion).toBe('1.4');
    expect(sbom.components).toHaveLength(55);
    expect(sbom.components.filter((c) => c.purl !== null)).toHaveLength(55);
    expect(sbom.components.filter((c) => c.cpe !== null)).toHaveLength(55);
    expect(sbom.subject).toEqual({ name: 'REDACTED', version: null });
    expect(sbom.author).toBe('REDACTED');
    expect(sbom.createdAt).toBe('2025-07-23T20:52:41.344402+00:00');
    expect(sbom.skipped).toEqual([]);
  });

  it('fills the firmware purl version from the component version (wolfSSL 4.8.1)', () => {
    expect(byName(sbom, 'WolfSSL')).toMatchObject({
      type: 'firmware',
      version: '4.8.1',
      supplier: 'wolfSSL',
      purl: 'pkg:github/wolfssl/wolfssl@4.8.1',
      cpe: 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*',
      identityHint: null,
    });
    expect(messages(sbom)).toContain(
      'purl pkg:github/wolfssl/wolfssl has no version; the component version 4.8.1 was added',
    );
  });

  it('keeps FatFS 0.13c in version and purl while the CPE says r0.13', () => {
    expect(byName(sbom, 'fatFS')).toMatchObject({
      version: '0.13c',
      purl: 'pkg:github/abbrev/fatfs@0.13c',
      cpe: 'cpe:2.3:a:chan:fatfs:r0.13:*:*:*:*:*:*:*',
    });
  });

  it('keeps the hardware CPE and versionless generic purl of the radio', () => {
    expect(byName(sbom, 'Qualcomm Atheros QCA9563')).toMatchObject({
      type: 'device',
      version: null,
      purl: 'pkg:generic/qualcomm_atheros_qca9563',
      cpe: 'cpe:2.3:h:qualcomm:atheros_qca9563:*:*:*:*:*:*:*:*',
    });
  });

  it('counts 3 purl repairs and 14 unusable licence names as warnings', () => {
    expect(messages(sbom).filter((m) => m.includes('has no version'))).toHaveLength(3);
    expect(messages(sbom).filter((m) => m.includes('not a valid SPDX licence expression'))).toHaveLength(14);
    expect(sbom.warnings).toHaveLength(17);
  });
});

describe('dropwizard 1.3.15 (CycloneDX 1.2 XML)', () => {
  const sbom = read('dropwizard-1.3.15.cdx-1.2.xml');

  it('reads 167 maven components and 170 dependency edges', () => {
    expect(sbom.format).toBe('cyclonedx-xml');
    expect(sbom.specVersion).toBe('1.2');
    expect(sbom.components).toHaveLength(167);
    expect(sbom.components.every((c) => c.purl?.startsWith('pkg:maven/'))).toBe(true);
    expect(sbom.dependencies).toHaveLength(170);
    expect(sbom.subject).toEqual({ name: 'dropwizard-parent', version: '1.3.15' });
    expect(sbom.author).toBe('CycloneDX CycloneDX Maven plugin 2.0.2');
  });

  it('reads hashes, licences and XML paths', () => {
    const jackson = sbom.components.find(
      (c) => c.purl === 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10?type=jar',
    );
    expect(jackson?.licenseExpression).toBe('Apache-2.0');
    expect(jackson?.hashes.map((h) => h.algorithm)).toEqual([
      'MD5',
      'SHA-1',
      'SHA-256',
      'SHA-384',
      'SHA-512',
      'SHA3-256',
      'SHA3-384',
      'SHA3-512',
    ]);
    expect(sbom.components[0]?.sourcePath).toBe('/bom/components/component[1]');
  });
});

describe('laravel 7.12.0 (CycloneDX 1.4 JSON)', () => {
  it('reads 62 composer components', () => {
    const sbom = read('laravel-7.12.0.cdx-1.4.json');
    expect(sbom.components).toHaveLength(62);
    expect(sbom.components.every((c) => c.purl?.startsWith('pkg:composer/'))).toBe(true);
    expect(sbom.components.find((c) => c.ref === 'laravel/framework-7.30.6.0')).toMatchObject({
      name: 'framework',
      version: 'v7.30.6',
      purl: 'pkg:composer/laravel/framework@v7.30.6',
      licenseExpression: 'MIT',
    });
    expect(sbom.dependencies).toHaveLength(112);
    expect(sbom.warnings).toEqual([]);
  });
});

describe('balenalib apalis-imx6q alpine python (syft SPDX 2.3 JSON)', () => {
  const sbom = read('balenalib-apalis-imx6q-alpine-python.syft.spdx-2.3.json');

  it('reads 84 packages, rewrites the 79 pkg:alpine purls to pkg:apk/alpine', () => {
    expect(sbom.format).toBe('spdx-json');
    expect(sbom.specVersion).toBe('2.3');
    expect(sbom.components).toHaveLength(84);
    expect(sbom.components.filter((c) => c.purl?.startsWith('pkg:apk/alpine/'))).toHaveLength(79);
    expect(sbom.components.filter((c) => c.purl?.startsWith('pkg:pypi/'))).toHaveLength(3);
    expect(sbom.components.filter((c) => c.cpe !== null)).toHaveLength(84);
    expect(sbom.components.find((c) => c.name === 'alpine-baselayout')?.purl).toBe(
      'pkg:apk/alpine/alpine-baselayout@3.2.0-r20?arch=armv7&distro=alpine-3.16.0&upstream=alpine-baselayout',
    );
    expect(sbom.author).toBe('Organization: Anchore, Inc; Tool: syft-0.64.0');
  });

  it('keeps the first of several syft CPEs, reads DEPENDENCY_OF edges and reports the real self-cycle', () => {
    expect(byName(sbom, 'busybox')).toMatchObject({
      purl: null,
      cpe: 'cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*',
      identityHint: null,
    });
    expect(sbom.dependencies).toHaveLength(197);
    const cycles = messages(sbom).filter((m) => m.startsWith('dependency cycle'));
    expect(cycles).toEqual([
      'dependency cycle: SPDXRef-Package-apk-alpine-baselayout-data-88fd2b66886a66e6 → SPDXRef-Package-apk-alpine-baselayout-data-88fd2b66886a66e6',
    ]);
    // The document DESCRIBES itself: no package is the subject.
    expect(sbom.subject).toBeNull();
  });
});

describe('julia 1.8.0-dev (hand-written SPDX 2.2 JSON)', () => {
  const sbom = read('julia-1.8.0-dev.manual.spdx-2.2.json');

  it('reads 34 packages, all with identity hints and none with purl or CPE', () => {
    expect(sbom.components).toHaveLength(34);
    expect(sbom.components.every((c) => c.purl === null && c.cpe === null)).toBe(true);
    expect(sbom.components.every((c) => c.identityHint?.confidence === 'low')).toBe(true);
    expect(sbom.components.filter((c) => c.version === null)).toHaveLength(33);
    expect(byName(sbom, 'OpenBLAS')?.identityHint).toEqual({
      vendor: null,
      product: 'openblas',
      confidence: 'low',
    });
    expect(byName(sbom, 'zlib')?.identityHint).toEqual({
      vendor: 'zlib',
      product: 'zlib',
      confidence: 'low',
    });
    expect(byName(sbom, 'curl')?.licenseExpression).toBe('curl');
  });

  it('takes the described package as subject and BUILD_DEPENDENCY_OF as edges from Julia', () => {
    expect(sbom.subject).toEqual({ name: 'Julia', version: '1.8.0-DEV' });
    expect(sbom.dependencies).toHaveLength(29);
    expect(sbom.dependencies).toContainEqual({ from: 'SPDXRef-JuliaMain', to: 'SPDXRef-JuliaPkg' });
    expect(sbom.documentName).toBe('julia-spdx');
  });
});

describe('psreadline 2.2.6 (Microsoft SBOM tool SPDX 2.2, trailing junk)', () => {
  const sbom = read('psreadline-2.2.6.ms-sbom-tool.spdx-2.2.json');

  it('salvages the leading JSON document with a warning', () => {
    expect(sbom.warnings[0]).toEqual({
      path: '',
      message: 'the JSON document ends at byte 95876; 36 bytes of trailing text after it were ignored',
    });
  });

  it('reads 97 packages and repairs the 96 %40 purls to versions', () => {
    expect(sbom.components).toHaveLength(97);
    expect(sbom.components.filter((c) => c.purl !== null)).toHaveLength(96);
    expect(messages(sbom).filter((m) => m.includes('percent-encodes its version separator'))).toHaveLength(
      96,
    );
    expect(byName(sbom, 'xunit')?.purl).toBe('pkg:nuget/xunit@2.4.1');
    expect(
      sbom.components.filter((c) => c.purl !== null).every((c) => c.purl?.endsWith(`@${c.version}`)),
    ).toBe(true);
  });
});
