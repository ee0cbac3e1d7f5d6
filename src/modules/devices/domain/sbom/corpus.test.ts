import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSbom } from './parse-sbom.ts';

/**
 * Every file of the shared SBOM corpus (../shared/corpus/sbom beside the repository), checked against
 * the component counts of its README table. That table counts nested CycloneDX components and SPDX
 * packages. Candor's count differs only where the README's raw count includes duplicates: the ghidra
 * BOM repeats 4 maven components with the same purl, which are collapsed (and listed in `skipped`).
 * The subject (CycloneDX metadata.component) is never in the README count nor in `components`; the
 * SPDX described package is a package, so it is in both.
 */
const corpus = new URL('../../../../../../shared/corpus/sbom/', import.meta.url);

const expected: Record<
  string,
  { format: string; components: number; purl: number; cpe: number; duplicates: number }
> = {
  'cyclonedx/medical-device-narrow.cdx-1.4.json': {
    format: 'cyclonedx-json',
    components: 55,
    purl: 55,
    cpe: 55,
    duplicates: 0,
  },
  'cyclonedx/dropwizard-1.3.15.cdx-1.2.xml': {
    format: 'cyclonedx-xml',
    components: 167,
    purl: 167,
    cpe: 0,
    duplicates: 0,
  },
  'cyclonedx/laravel-7.12.0.cdx-1.4.json': {
    format: 'cyclonedx-json',
    components: 62,
    purl: 62,
    cpe: 0,
    duplicates: 0,
  },
  'cyclonedx/juice-shop-11.1.2.cdx.json': {
    format: 'cyclonedx-json',
    components: 840,
    purl: 840,
    cpe: 0,
    duplicates: 0,
  },
  'cyclonedx/proton-bridge-1.6.3.cdx.json': {
    format: 'cyclonedx-json',
    components: 201,
    purl: 201,
    cpe: 0,
    duplicates: 0,
  },
  'cyclonedx/cern-lhc-vdm-editor.cdx.xml': {
    format: 'cyclonedx-xml',
    components: 43,
    purl: 43,
    cpe: 0,
    duplicates: 0,
  },
  'cyclonedx/ghidra-10.2.2.cdx.json': {
    format: 'cyclonedx-json',
    components: 109,
    purl: 62,
    cpe: 0,
    duplicates: 4,
  },
  'spdx/balenalib-apalis-imx6q-alpine-python.syft.spdx-2.3.json': {
    format: 'spdx-json',
    components: 84,
    purl: 82,
    cpe: 84,
    duplicates: 0,
  },
  'spdx/balenalib-am571x-evm-debian-node.trivy.spdx-2.2.json': {
    format: 'spdx-json',
    components: 411,
    purl: 409,
    cpe: 0,
    duplicates: 0,
  },
  'spdx/julia-1.8.0-dev.manual.spdx-2.2.json': {
    format: 'spdx-json',
    components: 34,
    purl: 0,
    cpe: 0,
    duplicates: 0,
  },
  'spdx/psreadline-2.2.6.ms-sbom-tool.spdx-2.2.json': {
    format: 'spdx-json',
    components: 97,
    purl: 96,
    cpe: 0,
    duplicates: 0,
  },
  // The README counts 3 for the BOM and the VEX together; the VEX document has no components.
  'vex/example-bom.cdx.json': { format: 'cyclonedx-json', components: 3, purl: 3, cpe: 0, duplicates: 0 },
  'vex/example-vex.cdx.json': { format: 'cyclonedx-json', components: 0, purl: 0, cpe: 0, duplicates: 0 },
};

const present = existsSync(corpus);
const files = present
  ? readdirSync(corpus, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) => readdirSync(new URL(`${dir.name}/`, corpus)).map((file) => `${dir.name}/${file}`))
      .sort()
  : [];

describe.skipIf(!present)('shared SBOM corpus', () => {
  it('has exactly the files of the README table', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s matches the README counts', (file) => {
    const want = expected[file];
    const sbom = parseSbom(readFileSync(new URL(file, corpus)));
    const duplicates = sbom.skipped.filter((s) => s.message.startsWith('duplicate of'));
    expect(sbom.format).toBe(want?.format);
    expect(sbom.components.length + duplicates.length).toBe(want?.components);
    expect(duplicates).toHaveLength(want?.duplicates ?? -1);
    expect(sbom.components.filter((c) => c.purl !== null).length + duplicates.length).toBe(want?.purl);
    expect(sbom.components.filter((c) => c.cpe !== null)).toHaveLength(want?.cpe ?? -1);
    expect(sbom.skipped).toHaveLength(duplicates.length);
    const refs = new Set(sbom.components.map((c) => c.ref));
    expect(refs.size).toBe(sbom.components.length);
    expect(sbom.dependencies.every((d) => refs.has(d.from) && refs.has(d.to))).toBe(true);
  });
});
