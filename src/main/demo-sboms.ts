/**
 * Demo SBOMs for the CardioLink gateway's two releases: an embedded Linux/RTOS mix as medical devices
 * ship it, so that the console shows components, a version diff and a portfolio search out of the box.
 */
interface DemoComponent {
  name: string;
  version: string;
  supplier: string;
  type: 'library' | 'firmware' | 'operating-system';
  purl?: string;
  cpe?: string;
  license?: string;
}

const common: DemoComponent[] = [
  {
    name: 'FreeRTOS-Kernel',
    version: '10.4.6',
    supplier: 'Amazon',
    type: 'operating-system',
    cpe: 'cpe:2.3:o:amazon:freertos:10.4.6:*:*:*:*:*:*:*',
    license: 'MIT',
  },
  {
    name: 'lwIP',
    version: '2.1.3',
    supplier: 'Savannah',
    type: 'library',
    purl: 'pkg:generic/lwip@2.1.3',
    license: 'BSD-3-Clause',
  },
  {
    name: 'zlib',
    version: '1.2.13',
    supplier: 'zlib',
    type: 'library',
    purl: 'pkg:generic/zlib@1.2.13',
    cpe: 'cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*',
    license: 'Zlib',
  },
  {
    name: 'cJSON',
    version: '1.7.15',
    supplier: 'Dave Gamble',
    type: 'library',
    purl: 'pkg:github/davegamble/cjson@1.7.15',
    license: 'MIT',
  },
  {
    name: 'FatFs',
    version: '0.15',
    supplier: 'ChaN',
    type: 'library',
    purl: 'pkg:generic/fatfs@0.15',
    cpe: 'cpe:2.3:a:chan:fatfs:r0.15:*:*:*:*:*:*:*',
  },
];

const releases: Record<'4.0.0' | '4.2.1', DemoComponent[]> = {
  '4.0.0': [
    ...common,
    {
      name: 'wolfSSL',
      version: '4.8.1',
      supplier: 'wolfSSL Inc.',
      type: 'library',
      purl: 'pkg:github/wolfssl/wolfssl@4.8.1',
      cpe: 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*',
      license: 'GPL-2.0-or-later',
    },
    {
      name: 'openssl',
      version: '1.1.1t',
      supplier: 'OpenSSL Software Foundation',
      type: 'library',
      purl: 'pkg:generic/openssl@1.1.1t',
      cpe: 'cpe:2.3:a:openssl:openssl:1.1.1t:*:*:*:*:*:*:*',
      license: 'OpenSSL',
    },
    { name: 'maintenance-agent', version: '2.3.0', supplier: 'Acme Medical Systems', type: 'firmware' },
  ],
  '4.2.1': [
    ...common,
    {
      name: 'wolfSSL',
      version: '5.6.6',
      supplier: 'wolfSSL Inc.',
      type: 'library',
      purl: 'pkg:github/wolfssl/wolfssl@5.6.6',
      cpe: 'cpe:2.3:a:wolfssl:wolfssl:5.6.6:*:*:*:*:*:*:*',
      license: 'GPL-2.0-or-later',
    },
    {
      name: 'openssl',
      version: '3.0.15',
      supplier: 'OpenSSL Software Foundation',
      type: 'library',
      purl: 'pkg:generic/openssl@3.0.15',
      cpe: 'cpe:2.3:a:openssl:openssl:3.0.15:*:*:*:*:*:*:*',
      license: 'Apache-2.0',
    },
    {
      name: 'mbedTLS',
      version: '3.5.2',
      supplier: 'Arm',
      type: 'library',
      purl: 'pkg:github/mbed-tls/mbedtls@3.5.2',
      license: 'Apache-2.0',
    },
  ],
};

export const demoReleases = Object.keys(releases) as (keyof typeof releases)[];

/** The CycloneDX 1.5 JSON of one demo release, as its build would have produced it. */
export function demoSbom(release: keyof typeof releases): Uint8Array {
  const components = releases[release];
  return new TextEncoder().encode(
    JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        metadata: {
          timestamp: release === '4.0.0' ? '2024-03-01T09:00:00Z' : '2026-11-20T09:00:00Z',
          tools: { components: [{ type: 'application', name: 'acme-firmware-build', version: '7.1' }] },
          component: { type: 'device', name: 'CardioLink Telemetry Gateway', version: release },
        },
        components: components.map((c, i) => ({
          type: c.type,
          'bom-ref': `c${i}`,
          supplier: { name: c.supplier },
          name: c.name,
          version: c.version,
          ...(c.purl ? { purl: c.purl } : {}),
          ...(c.cpe ? { cpe: c.cpe } : {}),
          ...(c.license ? { licenses: [{ license: { id: c.license } }] } : {}),
        })),
        dependencies: [
          { ref: 'c5', dependsOn: ['c1'] },
          { ref: 'c1', dependsOn: ['c0'] },
        ],
      },
      null,
      2,
    ),
  );
}
