import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import { parseSbom } from './parse-sbom.ts';

const fixtures = new URL('../../../../../test/fixtures/sbom/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));
const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(input: Uint8Array, options?: { maxStringLength?: number }): DomainError {
  try {
    parseSbom(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid');
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

const cdx = (specVersion: string, extra = '') =>
  `{"bomFormat":"CycloneDX","specVersion":"${specVersion}","version":1,"components":[{"type":"library","name":"a"}]${extra}}`;
const cdxXml = (version: string, prolog = '', body = '<components/>') =>
  `<?xml version="1.0"?>${prolog}<bom xmlns="http://cyclonedx.org/schema/bom/${version}" version="1">${body}</bom>`;

describe('parseSbom refuses what is not a supported SBOM, with a clear message', () => {
  it.each([
    ['an empty file', new Uint8Array(), /^The file is empty$/],
    ['white space only', bytes(' \n\t '), /only white space/],
    [
      'Latin-1 é',
      Uint8Array.from([...bytes('{"name":"caf'), 0xe9, ...bytes('"}')]),
      /not valid UTF-8 \(byte 0xE9 at offset 12\)/,
    ],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]), /UTF-16/],
    ['plain text', bytes('hello world'), /not a recognised SBOM/],
    [
      'JSON that is not an SBOM',
      bytes('{"name":"package.json","version":"1.0.0"}'),
      /not an SBOM: it has neither bomFormat/,
    ],
    ['a JSON array', bytes('[1,2,3]'), /top level is not an object/],
    ['another bomFormat', bytes('{"bomFormat":"SWID"}'), /bomFormat is not 'CycloneDX'/],
    [
      'CycloneDX 1.1',
      bytes(cdx('1.1')),
      /CycloneDX 1\.1 is not supported \(supported: CycloneDX 1\.2–1\.6\)/,
    ],
    ['CycloneDX 2.0', bytes(cdx('2.0')), /CycloneDX 2\.0 is not supported yet/],
    ['CycloneDX without specVersion', bytes('{"bomFormat":"CycloneDX"}'), /has no specVersion/],
    ['SPDX 2.1 JSON', bytes('{"spdxVersion":"SPDX-2.1"}'), /'SPDX-2\.1' is not supported in JSON/],
    ['SPDX 3.0 JSON', bytes('{"spdxVersion":"SPDX-3.0"}'), /SPDX 3 documents are not supported yet/],
    [
      'SPDX 3.0 JSON-LD',
      bytes('{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}'),
      /SPDX 3 JSON-LD documents are not supported yet/,
    ],
    ['SPDX 1.2 tag-value', bytes('SPDXVersion: SPDX-1.2\nDocumentName: x\n'), /'SPDX-1\.2' is not supported/],
    [
      'tag-value with an unclosed <text>',
      bytes('SPDXVersion: SPDX-2.3\nDocumentComment: <text>open\nmore\n'),
      /<text> opened at line 2 is never closed/,
    ],
    [
      'XML that is not an SBOM',
      bytes('<?xml version="1.0"?><project><name>x</name></project>'),
      /not a CycloneDX BOM: root element <project>/,
    ],
    ['a bom without namespace', bytes('<bom version="1"/>'), /in namespace \(none\)/],
    [
      'SPDX RDF/XML',
      bytes('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'),
      /SPDX RDF\/XML is not supported/,
    ],
    ['CycloneDX XML 1.1', bytes(cdxXml('1.1')), /CycloneDX 1\.1 is not supported/],
    ['CycloneDX XML 1.0', bytes(cdxXml('1.0')), /CycloneDX 1\.0 is not supported/],
    ['mismatched XML tags', bytes(cdxXml('1.6', '', '<components></component>')), /XML is not well-formed/],
  ])('%s', (_label, input, message) => {
    expect(refusal(input).message).toMatch(message);
  });

  // The refusal comes before any parsing, so no entity is ever expanded; an expanding parser would not
  // finish within the (hang-guard) timeout.
  it('refuses a billion-laughs DOCTYPE before parsing anything', { timeout: 30_000 }, () => {
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    ).join('')}]>`;
    const error = refusal(
      bytes(
        cdxXml(
          '1.6',
          laughs,
          '<components><component type="library"><name>&lol9;</name></component></components>',
        ),
      ),
    );
    expect(error.message).toMatch(/DOCTYPE are refused/);
  });

  it('refuses an external SYSTEM entity (XXE)', () => {
    const xxe = '<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    expect(
      refusal(bytes(cdxXml('1.5', xxe, '<components><component><name>&xxe;</name></component></components>')))
        .message,
    ).toMatch(/DOCTYPE are refused/);
  });

  it('refuses a lower-case doctype after a comment too', () => {
    expect(
      refusal(bytes(`<!-- c --><!doctype bom><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>`)).message,
    ).toMatch(/DOCTYPE/);
  });

  it.each([
    [
      'medical-device-narrow.cdx-1.4.json',
      30_000,
      /JSON ends early at byte 30000 inside a string: the file looks truncated/,
    ],
    ['julia-1.8.0-dev.manual.spdx-2.2.json', 1_000, /JSON ends early at byte 1000/],
    [
      'laravel-7.12.0.cdx-1.4.json',
      139_668,
      /JSON ends early at byte 139668 with 1 object\(s\)\/array\(s\) still open/,
    ],
    ['dropwizard-1.3.15.cdx-1.2.xml', 200_000, /XML is not well-formed/],
    ['handmade-1.6.cdx.xml', 600, /XML is not well-formed/],
  ])('refuses %s truncated to %i bytes', (name, length, message) => {
    expect(refusal(fixture(name).subarray(0, length)).message).toMatch(message);
  });

  it('says when JSON is cut inside a string', () => {
    expect(refusal(bytes('{"bomFormat":"Cyclo')).message).toMatch(/ends early at byte 19 inside a string/);
  });

  it('refuses invalid JSON that is not merely truncated', () => {
    expect(refusal(bytes('{"bomFormat": CycloneDX}')).message).toMatch(/^JSON is not valid: /);
  });
});

describe('parseSbom accepts damaged but usable documents with warnings', () => {
  it('accepts a UTF-8 BOM and counts it in byte offsets', () => {
    const sbom = parseSbom(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes(`${cdx('1.6')}junk`)]));
    expect(sbom.components).toHaveLength(1);
    expect(sbom.warnings[0]?.message).toBe(
      `the JSON document ends at byte ${3 + cdx('1.6').length}; 4 bytes of trailing text after it were ignored`,
    );
  });

  it('drops a 20 MB string field with a warning', { timeout: 30_000 }, () => {
    const huge = 'A'.repeat(20 * 1024 * 1024);
    const json = cdx('1.6').replace('"name":"a"', `"name":"a","version":"${huge}","description":"${huge}"`);
    const sbom = parseSbom(bytes(json));
    expect(sbom.components[0]).toMatchObject({ name: 'a', version: null });
    expect(sbom.warnings.map((w) => w.path).sort()).toEqual([
      '/components/0/description',
      '/components/0/version',
    ]);
    expect(sbom.warnings[0]?.message).toBe(
      'value of 20971520 characters exceeds the 1048576-character limit; dropped',
    );
  });

  it('skips a component whose name is over the limit, in XML too', () => {
    const xml = cdxXml(
      '1.6',
      '',
      `<components><component type="library"><name>${'n'.repeat(200)}</name></component></components>`,
    );
    const sbom = parseSbom(bytes(xml), { maxStringLength: 100 });
    expect(sbom.components).toEqual([]);
    expect(sbom.warnings[0]?.path).toBe('/bom/components/component[1]/name');
    expect(sbom.skipped).toEqual([
      { path: '/bom/components/component[1]', message: 'component has no name; left out' },
    ]);
  });

  it('refuses the document when a structural field is over the limit (it is then not recognisable)', () => {
    const json = `{"bomFormat":"CycloneDX","specVersion":"1.6","x":"${'x'.repeat(50)}"}`;
    expect(parseSbom(bytes(json), { maxStringLength: 60 }).components).toEqual([]);
    expect(
      refusal(bytes(json.replace('CycloneDX', 'C'.repeat(70))), { maxStringLength: 60 }).message,
    ).toMatch(/not an SBOM/);
  });

  it('drops an over-long tag-value line with a warning', () => {
    const text = `SPDXVersion: SPDX-2.3\nPackageName: a\nSPDXID: SPDXRef-a\nPackageVersion: ${'9'.repeat(500)}\n`;
    const sbom = parseSbom(bytes(text), { maxStringLength: 100 });
    expect(sbom.components[0]).toMatchObject({ name: 'a', version: null });
    expect(sbom.warnings[0]?.path).toBe('line 4');
  });

  it('keeps a cyclic dependency graph and reports each cycle once', () => {
    const json = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: ['a', 'b', 'c'].map((name) => ({ type: 'library', 'bom-ref': name, name })),
      dependencies: [
        { ref: 'a', dependsOn: ['b'] },
        { ref: 'b', dependsOn: ['c'] },
        { ref: 'c', dependsOn: ['a', 'c'] },
      ],
    });
    const sbom = parseSbom(bytes(json));
    expect(sbom.dependencies).toHaveLength(4);
    expect(sbom.warnings.map((w) => w.message)).toEqual(['dependency cycle: a → b → c → a']);
  });

  it('renames duplicate bom-refs of different components', () => {
    const json = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      components: [
        { type: 'library', 'bom-ref': 'x', name: 'one', version: '1' },
        { type: 'library', 'bom-ref': 'x', name: 'two', version: '1' },
      ],
    });
    const sbom = parseSbom(bytes(json));
    expect(sbom.components.map((c) => c.ref)).toEqual(['x', 'x#2']);
    expect(sbom.warnings).toHaveLength(1);
  });

  it('survives 10,000 levels of nested arrays in JSON', () => {
    const json = cdx('1.6', `,"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(parseSbom(bytes(json), { maxStringLength: 20 }).components).toHaveLength(1);
  });

  it('refuses XML nested deeper than the parser allows instead of crashing', () => {
    const deep = `${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}`;
    const error = (() => {
      try {
        parseSbom(bytes(cdxXml('1.6', '', deep)));
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
  });
});
