/** Realistic inputs for the SBOM export tests (an infusion pump's firmware release). Test data only. */
import type { SbomExportInput } from './sbom-export-shared.ts';
import type { SbomComponent } from './sbom-model.ts';

export function component(ref: string, fields: Partial<SbomComponent> = {}): SbomComponent {
  return {
    ref,
    name: ref,
    version: null,
    supplier: null,
    type: null,
    purl: null,
    cpe: null,
    swidTagId: null,
    hashes: [],
    licenseExpression: null,
    sourcePath: `/components/${ref}`,
    identityHint: null,
    ...fields,
  };
}

export const lodashSha256 = '6f4b25d2a46b9e1f6b5bd2a0a5b0a07c1b2c7b4f5a1e1d22e9bd0b7a1c3e5f10';
/** Canonical (packageurl-js) form: qualifier values percent-encoded. */
export const opensslPurl =
  'pkg:generic/openssl@3.0.13?download_url=https%3A%2F%2Fwww.openssl.org%2Fsource%2Fopenssl-3.0.13.tar.gz';
export const lodashSha1 = '679591c564c3bffaae8454cf0b3df370c3d6911c';

/** Firmware with a CPE and no purl, an npm library with purl + hashes + MIT, a compound licence, no version. */
export function pumpRelease(): SbomExportInput {
  return {
    product: {
      name: 'Volumetric Infusion Pump VP-300',
      manufacturer: 'Acme Medical (EU) GmbH',
      modelNumber: 'VP-300',
    },
    version: { label: '4.2.0', releasedAt: '2025-03-14' },
    serialNumber: 'urn:uuid:1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    generatedAt: '2025-03-15T08:30:12.345Z',
    components: [
      component('fw-main', {
        name: 'VP-300 main controller firmware',
        version: '4.2.0',
        type: 'firmware',
        supplier: 'Acme Medical (EU) GmbH',
        cpe: 'cpe:2.3:o:acme_medical:vp-300_firmware:4.2.0:*:*:*:*:*:*:*',
        hashes: [{ algorithm: 'SHA-256', value: 'A'.repeat(64) }],
      }),
      component('pkg:npm/lodash@4.17.21', {
        name: 'lodash',
        version: '4.17.21',
        type: 'library',
        supplier: 'OpenJS Foundation',
        purl: 'pkg:npm/lodash@4.17.21',
        hashes: [
          { algorithm: 'SHA-256', value: lodashSha256 },
          { algorithm: 'sha1', value: lodashSha1 },
          { algorithm: 'CRC32', value: 'deadbeef' },
        ],
        licenseExpression: 'MIT',
      }),
      component('fatfs', {
        name: 'FatFs',
        version: 'R0.15',
        type: 'library',
        supplier: 'ChaN',
        cpe: 'cpe:2.3:a:fatfs_project:fatfs:r0.15:*:*:*:*:*:*:*',
        licenseExpression: '(MIT OR Apache-2.0) AND BSD-3-Clause',
        swidTagId: 'swid:chan:fatfs:r0.15',
      }),
      component('bsp-glue', {
        name: 'board support glue',
        type: 'mystery-type',
        licenseExpression: 'LicenseRef-Acme-Proprietary',
      }),
      component('openssl', {
        name: 'openssl',
        version: '3.0.13',
        type: 'library',
        purl: opensslPurl,
        cpe: 'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*',
        licenseExpression: 'Apache-2.0',
      }),
    ],
    dependencies: [
      { from: 'fw-main', to: 'fatfs' },
      { from: 'fw-main', to: 'openssl' },
      { from: 'fw-main', to: 'bsp-glue' },
      // A cycle between two libraries, and one more edge into the cycle.
      { from: 'openssl', to: 'pkg:npm/lodash@4.17.21' },
      { from: 'pkg:npm/lodash@4.17.21', to: 'openssl' },
      // Dropped: self-loop, unknown ref, duplicate.
      { from: 'fatfs', to: 'fatfs' },
      { from: 'fatfs', to: 'nowhere' },
      { from: 'fw-main', to: 'fatfs' },
    ],
  };
}
