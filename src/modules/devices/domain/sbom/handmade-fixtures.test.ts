import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSbom } from './parse-sbom.ts';
import type { ParsedSbom } from './sbom-model.ts';

// The hand-made fixtures of test/fixtures/sbom (see its README for what each one exercises).

const fixtures = new URL('../../../../../test/fixtures/sbom/', import.meta.url);
const read = (name: string): ParsedSbom => parseSbom(readFileSync(new URL(name, fixtures)));
const byName = (sbom: ParsedSbom, name: string) => sbom.components.find((c) => c.name === name);
const messages = (sbom: ParsedSbom) => sbom.warnings.map((w) => w.message);

describe('hand-made CycloneDX 1.6 XML', () => {
  const sbom = read('handmade-1.6.cdx.xml');

  it('flattens nested components, decodes entities and reads the 1.5+ tools form', () => {
    expect(sbom.components.map((c) => [c.ref, c.sourcePath])).toEqual([
      ['rtos', '/bom/components/component[1]'],
      ['tcpip', '/bom/components/component[1]/components/component[1]'],
      ['mbedtls', '/bom/components/component[2]'],
      ['mbedtls#2', '/bom/components/component[3]'],
      ['candor:component:1', '/bom/components/component[4]'],
    ]);
    expect(sbom.author).toBe('Jane Doe; Acme Medical & Co; acme sbom-builder 3.1.0');
    expect(sbom.subject).toEqual({ name: 'Infusion Pump X200', version: '4.2.0' });
  });

  it('normalises hashes, licences and a CPE 2.2 URI', () => {
    expect(sbom.components[1]).toMatchObject({
      hashes: [
        { algorithm: 'SHA-256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
        { algorithm: 'MD5', value: '098f6bcd4621d373cade4e832627b4f6' },
      ],
      licenseExpression: 'MIT OR Apache-2.0',
    });
    expect(sbom.components[2]).toMatchObject({
      cpe: 'cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*',
      licenseExpression: null,
    });
  });

  it('keeps edges, drops the subject edge silently, reports the duplicate ref, unknown ref and cycle', () => {
    expect(sbom.dependencies).toEqual([
      { from: 'rtos', to: 'tcpip' },
      { from: 'rtos', to: 'mbedtls' },
      { from: 'tcpip', to: 'rtos' },
    ]);
    expect(messages(sbom)).toEqual([
      "licence 'Apache License 2.0' is not a valid SPDX licence expression",
      'CPE 2.2 URI cpe:/a:arm:mbed_tls:2.28.0 converted to CPE 2.3 cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*',
      "ref 'mbedtls' is already used by /bom/components/component[2]; renamed to 'mbedtls#2' (edges naming it stay with the first)",
      "dependency mbedtls → missing-ref names unknown ref 'missing-ref'; dropped",
      'dependency cycle: rtos → tcpip → rtos',
    ]);
  });
});

describe('hand-made CycloneDX 1.5 JSON', () => {
  const sbom = read('handmade-1.5.cdx.json');

  it('collapses the duplicate purl (merging hashes) and skips the nameless component', () => {
    expect(sbom.components.map((c) => c.ref)).toEqual([
      'linux',
      'openssl',
      'zlib',
      'busybox',
      'xunit',
      'zlib#2',
    ]);
    expect(sbom.components[1]?.hashes.map((h) => h.algorithm)).toEqual(['SHA-1', 'SHA-256']);
    expect(sbom.skipped).toEqual([
      { path: '/components/4', message: 'component has no name; left out' },
      {
        path: '/components/1',
        message: 'duplicate of /components/0/components/0 (same purl pkg:generic/openssl@1.1.1k); merged',
      },
    ]);
  });

  it('repairs purls, converts the CPE 2.2 URI, joins licences and refuses a bad purl', () => {
    expect(byName(sbom, 'busybox')).toMatchObject({
      purl: 'pkg:apk/alpine/busybox@1.34.1-r3?arch=armv7&distro=alpine-3.14.2',
      licenseExpression: 'GPL-2.0-only AND MIT',
    });
    expect(byName(sbom, 'xunit')).toMatchObject({
      purl: 'pkg:nuget/xunit@2.4.1',
      cpe: 'cpe:2.3:a:xunit:xunit:2.4.1:*:*:*:*:*:*:*',
    });
    expect(byName(sbom, 'libpng')).toMatchObject({
      purl: null,
      licenseExpression: null,
      identityHint: { product: 'libpng' },
    });
    expect(byName(sbom, 'zlib')).toMatchObject({
      licenseExpression: 'Zlib',
      identityHint: { vendor: 'zlib' },
    });
  });

  it('redirects edges of the collapsed duplicate and reports the openssl ↔ zlib cycle once', () => {
    expect(sbom.dependencies).toContainEqual({ from: 'openssl', to: 'xunit' });
    expect(sbom.dependencies).toHaveLength(6);
    expect(messages(sbom).filter((m) => m.startsWith('dependency cycle'))).toEqual([
      'dependency cycle: openssl → zlib → openssl',
    ]);
    expect(sbom.author).toBe('Jane Doe; Acme Medical; acme sbom-builder 3.1.0; sbom-service 1');
  });
});

describe('hand-made SPDX 2.3 tag-value', () => {
  const sbom = read('handmade-2.3.spdx');

  it('reads document fields, 4 packages and the described subject', () => {
    expect(sbom).toMatchObject({
      format: 'spdx-tag-value',
      specVersion: '2.3',
      documentName: 'ventilator-firmware-3.0',
      author: 'Organization: Acme Medical; Tool: hand-written',
      createdAt: '2025-03-01T12:00:00Z',
      subject: { name: 'Ventilator Firmware', version: '3.0.0' },
    });
    expect(sbom.components.map((c) => c.ref)).toEqual([
      'SPDXRef-Firmware',
      'SPDXRef-wolfssl',
      'SPDXRef-fatfs',
      'SPDXRef-openssl',
    ]);
  });

  it('reads supplier, purpose, multi-line values, checksums, external refs and licences', () => {
    expect(sbom.components[0]).toMatchObject({
      supplier: 'Acme Medical',
      type: 'firmware',
      licenseExpression: 'LicenseRef-Acme-Proprietary',
      sourcePath: 'line 15',
    });
    expect(sbom.components[1]).toMatchObject({
      supplier: 'wolfSSL Inc.',
      purl: 'pkg:github/wolfssl/wolfssl@v4.8.1-stable',
      cpe: 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*',
      licenseExpression: 'GPL-2.0-or-later',
      hashes: [
        { algorithm: 'SHA-1', value: '85ed0817af83a24ad8da68c2b5094de69833983c' },
        { algorithm: 'SHA-256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      ],
    });
    expect(sbom.components[3]).toMatchObject({
      version: null,
      identityHint: { vendor: 'openssl', product: 'openssl' },
    });
  });

  it('maps DEPENDS_ON and DEPENDENCY_OF, ignores CONTAINS of a file and BUILD_TOOL_OF', () => {
    expect(sbom.dependencies).toEqual([
      { from: 'SPDXRef-Firmware', to: 'SPDXRef-wolfssl' },
      { from: 'SPDXRef-Firmware', to: 'SPDXRef-fatfs' },
    ]);
    expect(messages(sbom)).toContain(
      "dependency SPDXRef-wolfssl → SPDXRef-unknown names unknown ref 'SPDXRef-unknown'; dropped",
    );
  });
});
