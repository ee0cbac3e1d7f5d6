/** A CycloneDX 1.6 document with `count` realistic components (purl, CPE, hashes, licence, dependencies). */
export function syntheticCycloneDx(count: number, format: 'json' | 'xml'): string {
  const components = Array.from({ length: count }, (_, i) => ({
    ref: `pkg-${i}`,
    name: `component-${i}`,
    version: `${i % 7}.${i % 13}.${i % 29}`,
    purl: `pkg:npm/%40scope${i % 50}/component-${i}@${i % 7}.${i % 13}.${i % 29}`,
    cpe: `cpe:2.3:a:vendor${i % 100}:component-${i}:${i % 7}.${i % 13}.${i % 29}:*:*:*:*:*:*:*`,
    sha256: i.toString(16).padStart(8, '0').repeat(8),
    license: i % 3 === 0 ? 'MIT' : 'Apache-2.0',
  }));
  if (format === 'json') {
    return JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: {
        timestamp: '2026-11-29T00:00:00Z',
        component: { type: 'device', name: 'Bench device', version: '1' },
      },
      components: components.map((c) => ({
        type: 'library',
        'bom-ref': c.ref,
        name: c.name,
        version: c.version,
        purl: c.purl,
        cpe: c.cpe,
        hashes: [{ alg: 'SHA-256', content: c.sha256 }],
        licenses: [{ license: { id: c.license } }],
      })),
      dependencies: components.map((c, i) => ({
        ref: c.ref,
        dependsOn: i + 1 < count ? [`pkg-${i + 1}`] : [],
      })),
    });
  }
  const xmlComponents = components
    .map(
      (c) =>
        `<component type="library" bom-ref="${c.ref}"><name>${c.name}</name><version>${c.version}</version><hashes><hash alg="SHA-256">${c.sha256}</hash></hashes><licenses><license><id>${c.license}</id></license></licenses><cpe>${c.cpe}</cpe><purl>${c.purl}</purl></component>`,
    )
    .join('');
  const dependencies = components
    .map(
      (c, i) =>
        `<dependency ref="${c.ref}">${i + 1 < count ? `<dependency ref="pkg-${i + 1}"/>` : ''}</dependency>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><metadata><timestamp>2026-11-29T00:00:00Z</timestamp><component type="device"><name>Bench device</name><version>1</version></component></metadata><components>${xmlComponents}</components><dependencies>${dependencies}</dependencies></bom>`;
}
