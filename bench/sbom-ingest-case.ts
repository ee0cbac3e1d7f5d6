/**
 * One measurement in its own process, so that peak memory (max RSS) belongs to this case alone.
 * Usage: tsx bench/sbom-ingest-case.ts <json|xml> <parse|import> <components>
 * Prints one JSON line: { ms, parseMs, components, baselineRssMb, maxRssMb }.
 * Times are the best of three runs (warm code, as in a running server); peak memory is read after the
 * first run, before the bare parse, so neither repeated runs nor the floor's allocations count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSbom } from '../src/modules/devices/domain/sbom/parse-sbom.ts';
import { withBenchDatabase } from './bench-database.ts';
import { syntheticCycloneDx } from './synthetic-sbom.ts';

const [format = 'json', mode = 'parse', count = '10000'] = process.argv.slice(2);
const bytes = new TextEncoder().encode(syntheticCycloneDx(Number(count), format === 'xml' ? 'xml' : 'json'));

let maxRssAfterFirstRunMb = 0;

/** Best time of `runs`; peak memory is taken after the first run, as one upload to a server would see it. */
async function bestOf(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
    if (i === 0) maxRssAfterFirstRunMb = process.resourceUsage().maxRSS / 1024;
  }
  return best;
}

let ms: number;
let components = 0;
let baselineRssMb: number;
if (mode === 'parse') {
  baselineRssMb = process.memoryUsage().rss / 1_048_576;
  ms = await bestOf(3, () => {
    components = parseSbom(bytes).components.length;
  });
} else {
  // On PostgreSQL, a database of this case's own (never DATABASE_URL's), dropped at the end.
  const imported = await withBenchDatabase(process.env.DATABASE_URL, importCase);
  ms = imported.ms;
  baselineRssMb = imported.baselineRssMb;
}
const maxRssMb = maxRssAfterFirstRunMb;

// The floor: bare parsing of the same bytes (JSON.parse, or fast-xml-parser for XML).
const text = () => new TextDecoder().decode(bytes);
let bareParse: () => unknown = () => JSON.parse(text());
if (format === 'xml') {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({ ignoreAttributes: false, processEntities: false });
  bareParse = () => parser.parse(text());
}
const parseMs = await bestOf(3, bareParse);
process.stdout.write(`${JSON.stringify({ ms, parseMs, components, baselineRssMb, maxRssMb })}\n`);

/** Three imports of the same bytes into three versions of a fresh store; the best time counts. */
async function importCase(databaseUrl: string | undefined): Promise<{ ms: number; baselineRssMb: number }> {
  // Loaded here, not at the top: the parse mode's peak memory is the parser's, not the whole app's.
  const { default: pino } = await import('pino');
  const { createDeps } = await import('../src/main/deps.ts');
  const { createOrganization } = await import('../src/modules/accounts/index.ts');
  const { createProduct, createProductVersion, importSbom } = await import('../src/modules/devices/index.ts');
  const { loadConfig } = await import('../src/platform/config/config.ts');
  const { systemActor } = await import('../src/shared/actor.ts');
  const dir = await mkdtemp(join(tmpdir(), 'candor-bench-'));
  const deps = await createDeps(
    loadConfig({
      ...process.env,
      CANDOR_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
    pino({ level: 'silent' }),
  );
  try {
    const actor = systemActor('bench');
    const org = await createOrganization(deps, actor, { slug: 'bench', name: 'Bench', kind: 'manufacturer' });
    const product = await createProduct(deps, actor, org.id, { name: 'Bench device' });
    const versionIds: string[] = [];
    for (const label of ['1', '2', '3']) {
      const version = await createProductVersion(deps, actor, org.id, product.id, {
        label,
        releasedOn: null,
        supportPhase: 'supported',
        endOfSupportOn: null,
      });
      versionIds.push(version.id);
    }
    const baselineRssMb = process.memoryUsage().rss / 1_048_576;
    const targets = versionIds.map((versionId) => ({
      organizationId: org.id,
      productId: product.id,
      versionId,
    }));
    const ms = await bestOf(3, async () => {
      const target = targets.shift();
      if (!target) throw new Error('no version left');
      components = (await importSbom(deps, actor, target, bytes)).components;
    });
    return { ms, baselineRssMb };
  } finally {
    await deps.close();
    await rm(dir, { recursive: true, force: true });
  }
}
