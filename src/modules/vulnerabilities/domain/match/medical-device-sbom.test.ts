import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// Test-only use of the devices parser: the SBOM must be read exactly as the product reads it.
import { parseSbom } from '../../../devices/domain/sbom/parse-sbom.ts';
import type { Advisory } from '../advisory-model.ts';
import { parseCve5 } from '../feeds/cve5.ts';
import { parseNvdCve } from '../feeds/nvd-api.ts';
import { parseOsv } from '../feeds/osv.ts';
import { matchComponent } from './match-component.ts';
import { mergeMatches } from './merge-matches.ts';

// The de-identified medical-device SBOM of Kostick et al. (HealthSec 2025), docs/matching.md §c.
const root = new URL('../../../../../test/fixtures/', import.meta.url);
const sbom = parseSbom(readFileSync(new URL('sbom/medical-device-narrow.cdx-1.4.json', root)));
const components = sbom.components.map((c) => ({
  key: c.ref,
  name: c.name,
  version: c.version,
  purl: c.purl,
  cpe: c.cpe,
}));

const jsonFiles = (folder: string): unknown[] =>
  readdirSync(new URL(folder, root))
    .filter((file) => file.endsWith('.json') && file !== 'biome.json')
    .sort()
    .map((file) => JSON.parse(readFileSync(new URL(`${folder}${file}`, root), 'utf8')));

/** Every NVD record in test/fixtures/nvd and test/fixtures/vulns/nvd, one advisory per CVE id. */
const nvdAdvisories = (): Advisory[] => {
  const byId = new Map<string, Advisory>();
  for (const record of [...jsonFiles('nvd/'), ...jsonFiles('vulns/nvd/')]) {
    for (const advisory of parseNvdCve(record)) if (!byId.has(advisory.id)) byId.set(advisory.id, advisory);
  }
  return [...byId.values()];
};

const matchAll = (advisories: Advisory[]) =>
  components.flatMap((component) =>
    matchComponent(component, advisories).map((m) => [
      component.name,
      component.version,
      m.advisoryId,
      m.matchedBy,
      m.confidence,
      m.fixedIn,
    ]),
  );

describe('the medical-device SBOM (55 components) against every fixture record', () => {
  it('reads the 55 components, each with a purl and a CPE', () => {
    expect(components).toHaveLength(55);
    expect(components.every((c) => c.purl !== null && c.cpe !== null)).toBe(true);
  });

  it('NVD fixtures: exactly wolfSSL 4.8.1 ↔ CVE-2022-39173, nothing spurious', () => {
    const advisories = nvdAdvisories();
    expect(advisories.map((a) => a.id).sort()).toEqual([
      'CVE-2017-5638',
      'CVE-2020-11896',
      'CVE-2022-35737',
      'CVE-2022-37434',
      'CVE-2022-39173',
      'CVE-2023-0286',
      'CVE-2023-38545',
      'CVE-2023-4863',
      'CVE-2023-5341',
    ]);
    expect(matchAll(advisories)).toEqual([['WolfSSL', '4.8.1', 'CVE-2022-39173', 'cpe', 'high', '5.5.1']]);
  });

  it('adding every OSV and CVE 5 fixture changes nothing (no NuGet/GitHub records among them)', () => {
    const osv = jsonFiles('vulns/osv/').map((record) => parseOsv(record));
    const cve5 = jsonFiles('vulns/cve5/').map((record) => parseCve5(record));
    expect(matchAll([...nvdAdvisories(), ...osv, ...cve5])).toEqual([
      ['WolfSSL', '4.8.1', 'CVE-2022-39173', 'cpe', 'high', '5.5.1'],
    ]);
  });

  it('still nothing spurious with name matching on (every component has a CPE, so it never applies)', () => {
    const advisories = nvdAdvisories();
    const matches = components.flatMap((c) =>
      matchComponent(c, advisories, { allowNameMatching: true, platformCpes: [] }),
    );
    expect(mergeMatches(matches).map((f) => [f.componentKey, f.vulnerabilityId, f.confidence])).toEqual([
      [components.find((c) => c.name === 'WolfSSL')?.key, 'CVE-2022-39173', 'high'],
    ]);
  });
});
