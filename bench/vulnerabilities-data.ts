/**
 * Inputs of the vulnerability benchmarks (bench/vulnerabilities-case.ts), built from the developer
 * corpus: the advisory feeds of /work/shared/corpus/vulns and components taken from the real SBOMs of
 * /work/shared/corpus/sbom (their purls and CPEs, so that some match the advisories).
 */
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { parseSbom } from '../src/modules/devices/index.ts';
import type { FeedKind } from '../src/modules/vulnerabilities/service/import-feed.ts';

export const corpusRoot = process.env.CANDOR_CORPUS_DIR ?? '/work/shared/corpus';
export const vulnsCorpus = join(corpusRoot, 'vulns');
export const sbomCorpus = join(corpusRoot, 'sbom');

/** What `importFeed` reads of the corpus, feed by feed (KEV: the catalog, not its JSON schema). */
export function corpusFeeds(): { kind: FeedKind; path: string }[] {
  return [
    { kind: 'osv', path: join(vulnsCorpus, 'osv') },
    { kind: 'nvd', path: join(vulnsCorpus, 'nvd') },
    { kind: 'cve5', path: join(vulnsCorpus, 'cve5') },
    { kind: 'kev', path: join(vulnsCorpus, 'kev/known_exploited_vulnerabilities.json') },
  ].filter((feed) => existsSync(feed.path)) as { kind: FeedKind; path: string }[];
}

export function hasVulnsCorpus(): boolean {
  return existsSync(join(vulnsCorpus, 'osv'));
}

/** Every file `importFeed` reads for `path` (the same rule: .json below a directory), sorted. */
export function feedFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return (readdirSync(path, { withFileTypes: true, recursive: true }) as Dirent[])
    .filter((entry) => entry.isFile() && /\.json$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export interface PoolComponent {
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
}

/** Distinct components (by purl, CPE, name and version) of the corpus SBOMs, as the app parses them. */
export function corpusComponents(): PoolComponent[] {
  const seen = new Map<string, PoolComponent>();
  for (const folder of ['cyclonedx', 'spdx']) {
    const dir = join(sbomCorpus, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      let parsed: ReturnType<typeof parseSbom>;
      try {
        parsed = parseSbom(readFileSync(join(dir, file)));
      } catch {
        continue; // psreadline's SPDX file is not JSON as a whole (see the corpus README)
      }
      for (const c of parsed.components) {
        if (!c.purl && !c.cpe) continue;
        const component = { name: c.name, version: c.version, purl: c.purl, cpe: c.cpe };
        seen.set(JSON.stringify(component), component);
      }
    }
  }
  return [...seen.values()];
}

/** The same component at another version: the last number of the version (and in purl and CPE) moved by `shift`. */
function atOtherVersion(c: PoolComponent, shift: number): PoolComponent {
  if (shift === 0 || !c.version || !/\d/.test(c.version)) return c;
  const version = c.version.replace(/(\d+)(?!.*\d)/, (n) => String(Number(n) + shift));
  const purl = c.purl?.includes(`@${c.version}`) ? c.purl.replace(`@${c.version}`, `@${version}`) : c.purl;
  let cpe = c.cpe;
  if (cpe) {
    const parts = cpe.split(':');
    if (parts[5] === c.version) parts[5] = version;
    cpe = parts.join(':');
  }
  return { name: c.name, version, purl, cpe };
}

/**
 * `count` components cycling through the corpus pool; the n-th round of the pool shifts versions by n,
 * so that every component is distinct while the packages (and lookup keys) stay those of real SBOMs.
 */
export function corpusLikeComponents(count: number, pool = corpusComponents()): PoolComponent[] {
  if (pool.length === 0) {
    return Array.from({ length: count }, (_, i) => ({
      name: `component-${i}`,
      version: `${i % 7}.${i % 13}.${i % 29}`,
      purl: `pkg:npm/component-${i}@${i % 7}.${i % 13}.${i % 29}`,
      cpe: null,
    }));
  }
  return Array.from({ length: count }, (_, i) =>
    atOtherVersion(pool[i % pool.length] as PoolComponent, Math.floor(i / pool.length)),
  );
}

/** Fields of a CycloneDX component that say which package it is: the pool's identities supply them. */
const identityFields = new Set(['bom-ref', 'name', 'group', 'version', 'purl', 'cpe', 'components']);

/**
 * The other fields (type, supplier, hashes, licenses, description, externalReferences, properties, …)
 * of every component of the corpus's CycloneDX JSON SBOMs, nested ones included, in file order: what
 * real components carry beside their identity, and what an SBOM's size and parse time are made of.
 */
export function corpusComponentBodies(): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  const walk = (components: unknown) => {
    if (!Array.isArray(components)) return;
    for (const component of components as Record<string, unknown>[]) {
      bodies.push(Object.fromEntries(Object.entries(component).filter(([key]) => !identityFields.has(key))));
      walk(component.components);
    }
  };
  const dir = join(sbomCorpus, 'cyclonedx');
  if (!existsSync(dir)) return bodies;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort())
    walk(JSON.parse(readFileSync(join(dir, file), 'utf8')).components);
  return bodies;
}

/**
 * A CycloneDX 1.6 JSON document holding `components`. With `bodies`, component i also carries the
 * fields of body i (cycling), so that it looks like a component of a real SBOM, not a bare identity.
 */
export function cycloneDxOf(components: PoolComponent[], bodies: Record<string, unknown>[] = []): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: '2026-11-29T00:00:00Z',
      component: { type: 'device', name: 'Bench device', version: '1' },
    },
    components: components.map((c, i) => ({
      type: 'library',
      ...(bodies.length > 0 ? bodies[i % bodies.length] : {}),
      'bom-ref': `c-${i}`,
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      ...(c.purl ? { purl: c.purl } : {}),
      ...(c.cpe ? { cpe: c.cpe } : {}),
    })),
  });
}

const ecosystemOfPurlType: Record<string, string> = {
  npm: 'npm',
  maven: 'Maven',
  golang: 'Go',
  composer: 'Packagist',
  nuget: 'NuGet',
  pypi: 'PyPI',
  gem: 'RubyGems',
  cargo: 'crates.io',
};

/**
 * `count` new OSV records, each for a different package of `components` (purl ecosystems OSV names),
 * one in four affecting the component's version (fixed one major version above), the others fixed
 * below it (candidates the matcher must evaluate and reject).
 */
export function syntheticOsvRecords(count: number, components: PoolComponent[]): unknown[] {
  const packages = new Map<string, { ecosystem: string; name: string; version: string }>();
  for (const c of components) {
    if (!c.purl || !c.version || !/^\d+(\.\d+)*$/.test(c.version)) continue;
    let purl: PackageURL;
    try {
      purl = PackageURL.fromString(c.purl);
    } catch {
      continue;
    }
    const ecosystem = ecosystemOfPurlType[purl.type];
    if (!ecosystem) continue;
    const name =
      purl.type === 'maven'
        ? `${purl.namespace}:${purl.name}`
        : purl.namespace
          ? `${purl.namespace}/${purl.name}`
          : purl.name;
    packages.set(`${ecosystem}\u0000${name}`, { ecosystem, name, version: c.version });
  }
  const list = [...packages.values()];
  if (list.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const pkg = list[i % list.length] as { ecosystem: string; name: string; version: string };
    const major = Number(pkg.version.split('.')[0]);
    const affecting = i % 4 === 0;
    const fixed = affecting ? `${major + 1}.0.0` : '0.0.1';
    return {
      schema_version: '1.6.0',
      id: `BENCH-2026-${String(i).padStart(5, '0')}`,
      modified: '2026-11-29T00:00:00Z',
      published: '2026-11-29T00:00:00Z',
      summary: `Bench advisory ${i} for ${pkg.name}`,
      affected: [
        {
          package: { ecosystem: pkg.ecosystem, name: pkg.name },
          ranges: [
            {
              type: pkg.ecosystem === 'npm' || pkg.ecosystem === 'Go' ? 'SEMVER' : 'ECOSYSTEM',
              events: [{ introduced: '0' }, { fixed }],
            },
          ],
        },
      ],
    };
  });
}
