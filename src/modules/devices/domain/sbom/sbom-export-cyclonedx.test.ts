import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { type Element, parseXml } from 'libxmljs2';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import {
  component,
  lodashSha1,
  lodashSha256,
  opensslPurl,
  pumpRelease,
} from './sbom-export.test-fixtures.ts';
import { candorPropertyNames, exportCycloneDx } from './sbom-export-cyclonedx.ts';

interface JsonComponent {
  type: string;
  name: string;
  version?: string;
  'bom-ref'?: string;
  purl?: string;
  cpe?: string;
  supplier?: { name: string };
  manufacturer?: { name: string };
  swid?: { tagId: string; name: string };
  hashes?: { alg: string; content: string }[];
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  properties?: { name: string; value: string }[];
}

interface JsonBom {
  specVersion: string;
  serialNumber: string;
  metadata: {
    timestamp: string;
    tools: { components: JsonComponent[] };
    component: JsonComponent;
    manufacturer: { name: string };
    supplier: { name: string };
  };
  components: JsonComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

const jsonValidator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
const xmlValidator = new Validation.XmlValidator(Spec.Version.v1dot6);
const ns = { c: 'http://cyclonedx.org/schema/bom/1.6' };

function byRef(bom: JsonBom, ref: string): JsonComponent {
  const found = bom.components.find((c) => c['bom-ref'] === ref);
  if (!found) throw new Error(`no component ${ref}`);
  return found;
}

describe('exportCycloneDx — JSON', () => {
  const text = exportCycloneDx(pumpRelease(), 'json');
  const bom = JSON.parse(text) as JsonBom;

  it('is valid CycloneDX 1.6 for the strict JSON schema', async () => {
    expect(bom.specVersion).toBe('1.6');
    expect(await jsonValidator.validate(text)).toBeNull();
  });

  it('the validator is live: it rejects a broken document', async () => {
    const broken = JSON.parse(text) as JsonBom;
    broken.components[0]!.type = 'gadget';
    expect(await jsonValidator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('describes the device in metadata', () => {
    expect(bom.serialNumber).toBe('urn:uuid:1b4e28ba-2fa1-41d2-883f-0016d3cca427');
    expect(bom.metadata.timestamp).toBe('2025-03-15T08:30:12.345Z');
    expect(bom.metadata.tools.components.map((t) => t.name)).toEqual(['Candor']);
    expect(bom.metadata.manufacturer).toEqual({ name: 'Acme Medical (EU) GmbH' });
    expect(bom.metadata.supplier).toEqual({ name: 'Acme Medical (EU) GmbH' });
    const device = bom.metadata.component;
    expect(device).toMatchObject({
      type: 'device',
      name: 'Volumetric Infusion Pump VP-300',
      version: '4.2.0',
      manufacturer: { name: 'Acme Medical (EU) GmbH' },
    });
    expect(device.properties).toEqual([
      { name: candorPropertyNames.modelNumber, value: 'VP-300' },
      { name: candorPropertyNames.releasedAt, value: '2025-03-14' },
    ]);
  });

  it('keeps every component with its identifiers, hashes and licence', () => {
    expect(bom.components).toHaveLength(5);
    expect(bom.components.map((c) => c['bom-ref'])).toEqual(pumpRelease().components.map((c) => c.ref));
    const firmware = byRef(bom, 'fw-main');
    expect(firmware).toMatchObject({
      type: 'firmware',
      cpe: 'cpe:2.3:o:acme_medical:vp-300_firmware:4.2.0:*:*:*:*:*:*:*',
    });
    expect(firmware.purl).toBeUndefined();
    const lodash = byRef(bom, 'pkg:npm/lodash@4.17.21');
    expect(lodash.purl).toBe('pkg:npm/lodash@4.17.21');
    expect(lodash.supplier).toEqual({ name: 'OpenJS Foundation' });
    // CRC32 has no CycloneDX name and is left out; `sha1` is written as SHA-1.
    expect(lodash.hashes).toEqual([
      { alg: 'SHA-256', content: lodashSha256 },
      { alg: 'SHA-1', content: lodashSha1 },
    ]);
    expect(lodash.licenses).toEqual([{ license: { id: 'MIT' } }]);
    const fatfs = byRef(bom, 'fatfs');
    expect(fatfs.licenses).toEqual([{ expression: '(MIT OR Apache-2.0) AND BSD-3-Clause' }]);
    expect(fatfs.swid).toEqual({ tagId: 'swid:chan:fatfs:r0.15', name: 'FatFs', version: 'R0.15' });
    const glue = byRef(bom, 'bsp-glue');
    expect(glue.type).toBe('library');
    expect(glue.version).toBeUndefined();
    expect(glue.licenses).toEqual([{ expression: 'LicenseRef-Acme-Proprietary' }]);
    expect(byRef(bom, 'openssl').purl).toBe(opensslPurl);
  });

  it('writes the dependency graph, cycle included, with the device on top', () => {
    const graph = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    expect(graph).toEqual({
      'candor-device': ['fw-main'],
      'fw-main': ['fatfs', 'openssl', 'bsp-glue'],
      'pkg:npm/lodash@4.17.21': ['openssl'],
      fatfs: [],
      'bsp-glue': [],
      openssl: ['pkg:npm/lodash@4.17.21'],
    });
  });

  it('puts a cycle nothing else reaches under the device', () => {
    const input = pumpRelease();
    input.dependencies = [
      { from: 'openssl', to: 'fatfs' },
      { from: 'fatfs', to: 'openssl' },
    ];
    const graph = (JSON.parse(exportCycloneDx(input, 'json')) as JsonBom).dependencies;
    expect(graph.find((d) => d.ref === 'candor-device')?.dependsOn).toEqual([
      'fw-main',
      'pkg:npm/lodash@4.17.21',
      'fatfs',
      'bsp-glue',
    ]);
  });

  it('maps licences: id, name for a non-SPDX word, expression otherwise', async () => {
    const input = pumpRelease();
    input.components = [
      component('a', { licenseExpression: 'apache-2.0' }),
      component('b', { licenseExpression: 'Proprietary' }),
      component('c', { licenseExpression: 'GPL-2.0-only WITH Classpath-exception-2.0' }),
    ];
    input.dependencies = [];
    const out = exportCycloneDx(input, 'json');
    expect((JSON.parse(out) as JsonBom).components.map((c) => c.licenses)).toEqual([
      [{ license: { id: 'Apache-2.0' } }],
      [{ license: { name: 'Proprietary' } }],
      [{ expression: 'GPL-2.0-only WITH Classpath-exception-2.0' }],
    ]);
    expect(await jsonValidator.validate(out)).toBeNull();
  });
});

describe('exportCycloneDx — XML', () => {
  const text = exportCycloneDx(pumpRelease(), 'xml');
  const doc = parseXml(text);

  it('is valid against the CycloneDX 1.6 XSD', async () => {
    expect(await xmlValidator.validate(text)).toBeNull();
  });

  it('the validator is live: it rejects a broken document', async () => {
    expect(
      await xmlValidator.validate(text.replace('<name>lodash</name>', '<nom>lodash</nom>')),
    ).not.toBeNull();
  });

  it('round-trips components, identifiers, hashes and the graph', () => {
    const components = doc.find<Element>('/c:bom/c:components/c:component', ns);
    expect(components.map((c) => c.attr('bom-ref')?.value())).toEqual(
      pumpRelease().components.map((c) => c.ref),
    );
    const texts = (xpath: string) => doc.find<Element>(xpath, ns).map((e) => e.text());
    expect(texts('//c:components//c:purl')).toEqual(['pkg:npm/lodash@4.17.21', opensslPurl]);
    expect(texts('//c:components//c:cpe')).toHaveLength(3);
    expect(texts('//c:component[@bom-ref="pkg:npm/lodash@4.17.21"]/c:hashes/c:hash')).toEqual([
      lodashSha256,
      lodashSha1,
    ]);
    expect(texts('//c:component[@bom-ref="fatfs"]/c:licenses/c:expression')).toEqual([
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
    ]);
    expect(texts('/c:bom/c:metadata/c:manufacturer/c:name')).toEqual(['Acme Medical (EU) GmbH']);
    expect(texts('/c:bom/c:metadata/c:component[@type="device"]/c:manufacturer/c:name')).toEqual([
      'Acme Medical (EU) GmbH',
    ]);
    const lodashDeps = doc.find<Element>(
      '//c:dependencies/c:dependency[@ref="pkg:npm/lodash@4.17.21"]/c:dependency',
      ns,
    );
    expect(lodashDeps.map((d) => d.attr('ref')?.value())).toEqual(['openssl']);
  });
});

describe('exportCycloneDx — rejected input', () => {
  type Input = ReturnType<typeof pumpRelease>;
  const cases: [string, (input: Input) => void][] = [
    [
      'a serial number that is no urn:uuid',
      (i) => {
        i.serialNumber = 'ACME-42';
      },
    ],
    [
      'a generation time that is no date',
      (i) => {
        i.generatedAt = 'yesterday';
      },
    ],
    ['two components with one ref', (i) => void i.components.push(component('fatfs'))],
    ['an unparseable purl', (i) => void i.components.push(component('bad', { purl: 'not a purl' }))],
    ['an invalid CPE', (i) => void i.components.push(component('bad', { cpe: 'cpe:2.3:x:broken' }))],
  ];
  it.each(cases)('throws DomainError invalid for %s', (_, spoil) => {
    const input = pumpRelease();
    spoil(input);
    expect(() => exportCycloneDx(input, 'json')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('accepts no VEX statements yet, but an empty list', () => {
    expect(() => exportCycloneDx(pumpRelease(), 'json', [{ cve: 'CVE-2024-0001' }])).toThrow(DomainError);
    expect(() => exportCycloneDx(pumpRelease(), 'json', [])).not.toThrow();
  });
});
