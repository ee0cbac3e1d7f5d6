import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Advisory } from '../advisory-model.ts';
import { parseCve5 } from './cve5.ts';
import { parseKev } from './kev.ts';
import { parseNvdCve } from './nvd-api.ts';
import { parseNvdLegacyFeed } from './nvd-legacy.ts';
import { parseOsv } from './osv.ts';

/**
 * Every file of the shared vulnerability corpus (../shared/corpus/vulns beside the repository) through
 * its parser: nothing may throw, and the counts must be those of the corpus README table. Files that
 * are not feed documents (README, the KEV JSON schema, version-ordering fixtures) are listed and skipped.
 */
const corpus = fileURLToPath(new URL('../../../../../../shared/corpus/vulns/', import.meta.url));
const notFeeds = [
  /^README\.md$/,
  /^kev\/known_exploited_vulnerabilities_schema\.json$/,
  /^version-fixtures\//,
];

type Parsed = { advisories: Advisory[]; kev: number };
const parsers: [RegExp, (json: unknown, warnings: string[]) => Parsed][] = [
  [/^osv\//, (json, w) => ({ advisories: [parseOsv(json, w)], kev: 0 })],
  [/^nvd\/api-2\.0\//, (json, w) => ({ advisories: parseNvdCve(json, w), kev: 0 })],
  [/^nvd\/legacy-1\.1\//, (json, w) => ({ advisories: parseNvdLegacyFeed(json, w), kev: 0 })],
  [/^cve5\//, (json, w) => ({ advisories: [parseCve5(json, w)], kev: 0 })],
  [/^kev\//, (json, w) => ({ advisories: [], kev: parseKev(json, w).length })],
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Folder of a corpus file as the README table names it (`osv/oss-fuzz/<project>/` → `osv/oss-fuzz`). */
function folderOf(path: string): string {
  const parts = path.split('/');
  const depth = parts[0] === 'kev' ? 1 : parts[1] === 'edge-cases' || parts[0] === 'nvd' ? 3 : 2;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

describe.skipIf(!existsSync(corpus))('vulnerability corpus', () => {
  const files = new Map<string, number>();
  const advisories = new Map<string, Advisory[]>();
  const warnings: string[] = [];
  let kevEntries = 0;
  const unparsed: string[] = [];

  it('parses every feed file without throwing', () => {
    for (const file of walk(corpus)) {
      const path = relative(corpus, file).split('\\').join('/');
      if (notFeeds.some((pattern) => pattern.test(path))) continue;
      const parser = parsers.find(([pattern]) => pattern.test(path))?.[1];
      if (!parser) {
        unparsed.push(path);
        continue;
      }
      const folder = folderOf(path);
      const result = parser(JSON.parse(readFileSync(file, 'utf8')), warnings);
      files.set(folder, (files.get(folder) ?? 0) + 1);
      advisories.set(folder, [...(advisories.get(folder) ?? []), ...result.advisories]);
      kevEntries += result.kev;
    }
    expect(unparsed).toEqual([]);
  });

  it('matches the README file and record counts per folder', () => {
    expect(Object.fromEntries(files)).toEqual({
      'osv/go': 1749,
      'osv/pypi': 1894,
      'osv/oss-fuzz': 2024,
      'osv/edge-cases/dependency-track': 10,
      'osv/edge-cases/osv.dev': 7,
      'nvd/api-2.0/osv.dev': 23,
      'nvd/api-2.0/dependency-track': 7,
      'nvd/api-2.0/fkie': 6,
      'nvd/legacy-1.1': 1,
      'cve5/osv.dev-cve5': 13,
      'cve5/cvelistV5': 11,
      kev: 1,
    });
    const records = Object.fromEntries([...advisories].map(([folder, list]) => [folder, list.length]));
    expect(records).toMatchObject({ 'osv/go': 1749, 'osv/pypi': 1894, 'osv/oss-fuzz': 2024 });
    expect(records).toMatchObject({ 'nvd/api-2.0/osv.dev': 23, 'nvd/legacy-1.1': 669 });
    expect(kevEntries).toBe(1404);
  });

  it('matches the README shape notes of the OSV folders', () => {
    const go = advisories.get('osv/go') ?? [];
    const goEntries = go.flatMap((advisory) => advisory.affected);
    expect(goEntries).toHaveLength(2374);
    expect(
      goEntries.every((entry) => entry.purl === null && entry.ranges.every((r) => r.type === 'SEMVER')),
    ).toBe(true);

    const pypi = advisories.get('osv/pypi') ?? [];
    const pypiEntries = pypi.flatMap((advisory) => advisory.affected);
    expect(pypiEntries.flatMap((entry) => entry.ranges).filter((range) => range.type === 'GIT')).toHaveLength(
      985,
    );
    expect(
      pypi.filter((advisory) => advisory.affected.some((entry) => entry.versions.length > 0)),
    ).toHaveLength(1870);
    expect(pypiEntries.every((entry) => entry.purl?.startsWith('pkg:pypi/'))).toBe(true);
    expect(pypi.every((advisory) => advisory.aliases.some((alias) => alias.startsWith('CVE-')))).toBe(true);

    const ossFuzz = advisories.get('osv/oss-fuzz') ?? [];
    const ossFuzzEntries = ossFuzz.flatMap((advisory) => advisory.affected);
    expect(ossFuzzEntries.every((entry) => entry.ranges.every((range) => range.type === 'GIT'))).toBe(true);
    expect(ossFuzzEntries.filter((entry) => entry.versions.length > 0)).toHaveLength(736);
    expect(ossFuzz.some((advisory) => advisory.aliases.some((alias) => alias.startsWith('CVE-')))).toBe(
      false,
    );

    const osv = [...advisories].filter(([folder]) => folder.startsWith('osv/')).flatMap(([, list]) => list);
    expect(osv.filter((advisory) => advisory.withdrawn !== null)).toHaveLength(16);
  });

  it('matches the README notes of the NVD and CVE 5 folders', () => {
    const page = advisories.get('nvd/api-2.0/osv.dev') ?? [];
    expect(page.filter((advisory) => advisory.configurations.length === 0).map((a) => a.id)).toEqual([
      'CVE-2023-5341',
      'CVE-2024-47177',
    ]);
    const fkie = advisories.get('nvd/api-2.0/fkie') ?? [];
    const curl = fkie.find((advisory) => advisory.id === 'CVE-2023-38545');
    expect(
      curl?.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch.map((m) => m.criteria))),
    ).toContain('cpe:2.3:a:haxx:libcurl:*:*:*:*:*:*:*:*');
    const cve5 = [
      ...(advisories.get('cve5/osv.dev-cve5') ?? []),
      ...(advisories.get('cve5/cvelistV5') ?? []),
    ];
    expect(cve5).toHaveLength(24);
    expect(cve5.every((advisory) => advisory.withdrawn === null && advisory.id.startsWith('CVE-'))).toBe(
      true,
    );
  });

  it('reports only the known odd parts as warnings', () => {
    // Five Dependency-Track OSV fixtures lack `modified`, one has an empty severity, and CVE-2022-1513
    // in the 1.1 feed has three empty nodes.
    expect(warnings.filter((w) => w.includes('$.modified: missing'))).toHaveLength(5);
    expect(warnings.filter((w) => w.startsWith('CVE-2022-1513 '))).toHaveLength(3);
    expect(warnings).toHaveLength(9);
  });
});
