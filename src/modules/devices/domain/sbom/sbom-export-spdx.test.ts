import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  component,
  lodashSha1,
  lodashSha256,
  opensslPurl,
  pumpRelease,
} from './sbom-export.test-fixtures.ts';
import { exportSpdx23, type Spdx23Document, type Spdx23Package } from './sbom-export-spdx.ts';

// The official SPDX 2.3 JSON schema (draft-07), kept unchanged; see test/fixtures/schemas/README.md.
const schema = JSON.parse(
  readFileSync(new URL('../../../../../test/fixtures/schemas/spdx-2.3.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The schema checks types and enums only; SPDX 2.3 §3.2 and §6.9 add these rules on the values. */
function ruleViolations(doc: Spdx23Document): string[] {
  const problems: string[] = [];
  const ids = doc.packages.map((p) => p.SPDXID);
  if (new Set(ids).size !== ids.length) problems.push('duplicate SPDXID');
  for (const id of ids) if (!/^SPDXRef-[A-Za-z0-9.-]+$/.test(id)) problems.push(`bad SPDXID ${id}`);
  const known = new Set([...ids, 'SPDXRef-DOCUMENT']);
  for (const r of doc.relationships) {
    if (!known.has(r.spdxElementId) || !known.has(r.relatedSpdxElement))
      problems.push(`dangling ${r.spdxElementId}`);
  }
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(doc.creationInfo.created)) problems.push('bad created');
  const defined = new Set(doc.hasExtractedLicensingInfos?.map((l) => l.licenseId));
  for (const p of doc.packages) {
    for (const ref of p.licenseDeclared.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) {
      if (!defined.has(ref)) problems.push(`undefined ${ref}`);
    }
  }
  return problems;
}

function packageNamed(doc: Spdx23Document, name: string): Spdx23Package {
  const found = doc.packages.find((p) => p.name === name);
  if (!found) throw new Error(`no package ${name}`);
  return found;
}

describe('exportSpdx23', () => {
  const doc = exportSpdx23(pumpRelease());
  const id = (name: string) => packageNamed(doc, name).SPDXID;

  it('is valid against the official SPDX 2.3 JSON schema and the ID/date rules', () => {
    const ok = validate(JSON.parse(JSON.stringify(doc)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(ruleViolations(doc)).toEqual([]);
  });

  it('the schema is live: it rejects a broken document', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as { packages: Record<string, unknown>[] };
    broken.packages[1]!.checksums = [{ algorithm: 'SHA-256', checksumValue: lodashSha256 }];
    expect(validate(broken)).toBe(false);
  });

  it('has the document header', () => {
    expect(doc).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'Volumetric Infusion Pump VP-300 4.2.0',
      creationInfo: {
        created: '2025-03-15T08:30:12Z',
        creators: ['Tool: Candor', 'Organization: Acme Medical EU GmbH'],
      },
    });
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/spdx\.org\/spdxdocs\/\S+-1b4e28ba-2fa1-41d2-883f-0016d3cca427$/,
    );
    expect(() => new URL(doc.documentNamespace)).not.toThrow();
  });

  it('has the device package and one package per component', () => {
    expect(doc.packages).toHaveLength(6);
    expect(doc.packages[0]).toMatchObject({
      SPDXID: 'SPDXRef-Device',
      name: 'Volumetric Infusion Pump VP-300',
      versionInfo: '4.2.0',
      supplier: 'Organization: Acme Medical EU GmbH',
      primaryPackagePurpose: 'DEVICE',
      releaseDate: '2025-03-14T00:00:00Z',
    });
    for (const p of doc.packages)
      expect(p).toMatchObject({ downloadLocation: 'NOASSERTION', filesAnalyzed: false });
  });

  it('keeps identifiers, checksums and licences of the components', () => {
    const lodash = packageNamed(doc, 'lodash');
    expect(lodash).toMatchObject({
      SPDXID: 'SPDXRef-pkg-npm-lodash-4.17.21',
      versionInfo: '4.17.21',
      supplier: 'Organization: OpenJS Foundation',
      licenseDeclared: 'MIT',
      licenseConcluded: 'NOASSERTION',
      primaryPackagePurpose: 'LIBRARY',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/lodash@4.17.21',
        },
      ],
    });
    // CRC32 is in neither vocabulary and is skipped.
    expect(lodash.checksums).toEqual([
      { algorithm: 'SHA256', checksumValue: lodashSha256 },
      { algorithm: 'SHA1', checksumValue: lodashSha1 },
    ]);
    const firmware = packageNamed(doc, 'VP-300 main controller firmware');
    expect(firmware.externalRefs).toEqual([
      {
        referenceCategory: 'SECURITY',
        referenceType: 'cpe23Type',
        referenceLocator: 'cpe:2.3:o:acme_medical:vp-300_firmware:4.2.0:*:*:*:*:*:*:*',
      },
    ]);
    expect(firmware.checksums).toEqual([{ algorithm: 'SHA256', checksumValue: 'a'.repeat(64) }]);
    expect(firmware.primaryPackagePurpose).toBe('FIRMWARE');
    const fatfs = packageNamed(doc, 'FatFs');
    expect(fatfs.licenseDeclared).toBe('(MIT OR Apache-2.0) AND BSD-3-Clause');
    expect(fatfs.externalRefs?.map((r) => r.referenceType)).toEqual(['cpe23Type', 'swid']);
    const glue = packageNamed(doc, 'board support glue');
    expect(glue.versionInfo).toBeUndefined();
    expect(glue.supplier).toBe('NOASSERTION');
    expect(glue.licenseDeclared).toBe('LicenseRef-Acme-Proprietary');
    expect(doc.hasExtractedLicensingInfos?.map((l) => l.licenseId)).toEqual(['LicenseRef-Acme-Proprietary']);
    expect(packageNamed(doc, 'openssl').externalRefs?.map((r) => r.referenceLocator)).toEqual([
      opensslPurl,
      'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*',
    ]);
  });

  it('relates document, device and components, cycle included', () => {
    const rel = doc.relationships.map(
      (r) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`,
    );
    expect(rel).toEqual([
      'SPDXRef-DOCUMENT DESCRIBES SPDXRef-Device',
      `SPDXRef-Device CONTAINS ${id('VP-300 main controller firmware')}`,
      `${id('VP-300 main controller firmware')} DEPENDS_ON ${id('FatFs')}`,
      `${id('VP-300 main controller firmware')} DEPENDS_ON ${id('openssl')}`,
      `${id('VP-300 main controller firmware')} DEPENDS_ON ${id('board support glue')}`,
      `${id('openssl')} DEPENDS_ON ${id('lodash')}`,
      `${id('lodash')} DEPENDS_ON ${id('openssl')}`,
    ]);
  });

  it('makes SPDXIDs unique after sanitising and defines every LicenseRef', () => {
    const input = pumpRelease();
    input.components = [
      component('a/b', { licenseExpression: 'Proprietary' }),
      component('a:b', { licenseExpression: 'MIT OR LicenseRef-Vendor-EULA' }),
      component('Device', { licenseExpression: 'DocumentRef-other:LicenseRef-x' }),
      component('', { hashes: [{ algorithm: 'Streebog-256', value: 'f'.repeat(64) }] }),
    ];
    input.dependencies = [];
    const out = exportSpdx23(input);
    expect(out.packages.map((p) => p.SPDXID)).toEqual([
      'SPDXRef-Device',
      'SPDXRef-a-b',
      'SPDXRef-a-b-2',
      'SPDXRef-Device-2',
      'SPDXRef-Package',
    ]);
    expect(out.packages.map((p) => p.licenseDeclared)).toEqual([
      'NOASSERTION',
      'LicenseRef-Proprietary',
      'MIT OR LicenseRef-Vendor-EULA',
      'NOASSERTION',
      'NOASSERTION',
    ]);
    expect(out.packages[4]?.checksums).toBeUndefined();
    expect(validate(JSON.parse(JSON.stringify(out)))).toBe(true);
    expect(ruleViolations(out)).toEqual([]);
  });
});
