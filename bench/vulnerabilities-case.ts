/**
 * One vulnerability-module measurement in its own process, so that peak memory (max RSS) is its own.
 * The database is CANDOR_DATA_DIR (PGlite, shared by the cases of one `npm run bench`, so that the
 * scan and the re-match run against the store the feed case imported) or DATABASE_URL, which must be
 * a database the bench created (bench-database.ts), never one other runs use.
 *
 *   tsx bench/vulnerabilities-case.ts feed                   corpus → importFeed; floor: read + JSON.parse
 *   tsx bench/vulnerabilities-case.ts scan <components>      scanSbom of one SBOM; floor: its JSON.parse
 *   tsx bench/vulnerabilities-case.ts rematch <versions> <components per version> <advisories>
 *                                                            re-match after new advisories; floor: one SELECT
 *   tsx bench/vulnerabilities-case.ts huge <components>      importSbom of one SBOM, matched by the hook
 *
 * Prints one JSON line. Setup (synthesising inputs, inserting the portfolio) is never timed.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDeps } from '../src/main/deps.ts';
import { createOrganization } from '../src/modules/accounts/index.ts';
import { createProduct, createProductVersion, importSbom } from '../src/modules/devices/index.ts';
import type { Advisory } from '../src/modules/vulnerabilities/domain/advisory-model.ts';
import { parseOsv } from '../src/modules/vulnerabilities/domain/feeds/osv.ts';
import { matchProductVersions } from '../src/modules/vulnerabilities/index.ts';
import {
  type AdvisoryImportResult,
  importAdvisoryBatch,
} from '../src/modules/vulnerabilities/service/import-advisories.ts';
import {
  importFeed,
  rematchAfterAdvisoryChanges,
} from '../src/modules/vulnerabilities/service/import-feed.ts';
import { scanSbom } from '../src/modules/vulnerabilities/service/scan-sbom.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { systemActor } from '../src/shared/actor.ts';
import { benchDatabasePrefix, isBenchDatabaseUrl } from './bench-database.ts';
import {
  corpusComponentBodies,
  corpusComponents,
  corpusFeeds,
  corpusLikeComponents,
  cycloneDxOf,
  feedFiles,
  syntheticOsvRecords,
} from './vulnerabilities-data.ts';

const [mode = 'feed', ...args] = process.argv.slice(2);
const mb = (bytes: number) => bytes / 1_048_576;
const rssMb = () => mb(process.memoryUsage().rss);
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
const actor = systemActor('bench');

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function bestOf(runs: number, work: () => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, (await timed(work)).ms);
  return best;
}

// The cases fill and empty the store: never a database other runs use (bench-database.ts makes one).
if (process.env.DATABASE_URL && !isBenchDatabaseUrl(process.env.DATABASE_URL)) {
  throw new Error(
    `DATABASE_URL must name a ${benchDatabasePrefix}* database; run the cases through bench/vulnerabilities-bench.ts`,
  );
}

const deps = await createDeps(
  loadConfig({ ...process.env, LOG_LEVEL: 'silent', CANDOR_WEB_DIST: '/none' }),
  pino({ level: 'silent' }),
);

/** An organisation and product of this run (slugs unique, as the store is shared by the cases). */
async function benchProduct(name: string) {
  const slug = `bench-${name}-${Date.now().toString(36)}`;
  const org = await createOrganization(deps, actor, { slug, name: slug, kind: 'manufacturer' });
  const product = await createProduct(deps, actor, org.id, { name: `Bench ${name}` });
  return { org, product };
}

async function newVersion(organizationId: string, productId: string, label: string) {
  return createProductVersion(deps, actor, organizationId, productId, {
    label,
    releasedOn: null,
    supportPhase: 'supported',
    endOfSupportOn: null,
  });
}

let out: Record<string, unknown>;
try {
  if (mode === 'feed') out = await feedCase();
  else if (mode === 'scan') out = await scanCase(Number(args[0] ?? 10_000));
  else if (mode === 'rematch')
    out = await rematchCase(Number(args[0] ?? 1000), Number(args[1] ?? 1000), Number(args[2] ?? 1000));
  else if (mode === 'huge') out = await hugeCase(Number(args[0] ?? 300_000));
  else throw new Error(`unknown mode ${mode}`);
} finally {
  await deps.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);

/** (a) The whole corpus through importFeed, feed by feed as an operator would run it. */
async function feedCase() {
  const feeds = corpusFeeds();
  const baselineRssMb = rssMb();
  let records = 0;
  let inserted = 0;
  let unchanged = 0;
  let files = 0;
  const { ms } = await timed(async () => {
    for (const feed of feeds) {
      const report = await importFeed(deps, feed.kind, feed.path);
      records += report.records;
      inserted += report.inserted + report.updated;
      unchanged += report.unchanged;
      files += report.files;
    }
  });
  const peakRssMb = maxRssMb();
  // The floor: read and JSON.parse the same files (warm page cache, as for the import).
  const paths = feeds.flatMap((feed) => feedFiles(feed.path));
  const parseMs = await bestOf(2, () => {
    for (const path of paths) JSON.parse(readFileSync(path, 'utf8'));
  });
  return { records, files, inserted, unchanged, ms, parseMs, baselineRssMb, maxRssMb: peakRssMb };
}

/** Runs scanSbom of `bytes` once cold and `warm` times warm; the best run counts, as for the floor. */
async function scanTimes(bytes: Uint8Array, warm: number) {
  const first = await timed(() => scanSbom(deps, bytes));
  // Every run's time is reported: the first ones still pay for compiling the code they run.
  const runsMs = [first.ms];
  for (let i = 0; i < warm; i++) runsMs.push((await timed(() => scanSbom(deps, bytes))).ms);
  const parseMs = await bestOf(5, () => JSON.parse(new TextDecoder().decode(bytes)));
  return {
    components: first.value.components,
    findings: first.value.findings.length,
    ms: Math.min(...runsMs),
    runsMs,
    parseMs,
    megabytes: bytes.length / 1_000_000,
  };
}

/**
 * (b) One SBOM of corpus-like components scanned against the store, nothing saved. Each component
 * is a corpus identity (name, version, purl, CPE) with the other fields of a real corpus component
 * (hashes, licences, descriptions, references), as real SBOMs carry them. The same identities bare
 * are measured too: the worst case for the ratio, as parsing them costs next to nothing.
 */
async function scanCase(count: number) {
  const components = corpusLikeComponents(count);
  const bytes = new TextEncoder().encode(cycloneDxOf(components, corpusComponentBodies()));
  const baselineRssMb = rssMb();
  const shaped = await scanTimes(bytes, 7);
  const peakRssMb = maxRssMb();
  const bare = await scanTimes(new TextEncoder().encode(cycloneDxOf(components)), 7);
  return { ...shaped, bare, baselineRssMb, maxRssMb: peakRssMb };
}

/**
 * (c) A portfolio of `versions` product versions of `perVersion` components each (windows over a
 * template of corpus-like components, copied with SQL: setup), then `advisories` new OSV records
 * imported without re-match (setup), then the measured re-match through rematchAfterAdvisoryChanges.
 */
async function rematchCase(versions: number, perVersion: number, advisories: number) {
  const setupStarted = performance.now();
  const { org, product } = await benchProduct('portfolio');
  const pool = corpusComponents();
  const templateSize = Math.max(perVersion, Math.min(3 * perVersion, Math.max(pool.length, perVersion)));
  const template = corpusLikeComponents(templateSize, pool);
  // The template goes through importSbom, so that its rows are normalised exactly as the app does it.
  const templateVersion = await newVersion(org.id, product.id, 'template');
  const saved = deps.hooks.afterSbomImported;
  deps.hooks.afterSbomImported = undefined;
  await importSbom(
    deps,
    actor,
    { organizationId: org.id, productId: product.id, versionId: templateVersion.id },
    new TextEncoder().encode(cycloneDxOf(template)),
  );
  deps.hooks.afterSbomImported = saved;
  await deps.db.execute(sql`
    INSERT INTO devices_product_versions (id, organization_id, product_id, label, support_phase, created_at, updated_at)
    SELECT gen_random_uuid(), ${org.id}, ${product.id}, 'v' || n, 'supported', now(), now()
    FROM generate_series(1, ${versions}) AS n`);
  // Plain tables, not TEMP: on PostgreSQL the queries below run on any connection of the pool.
  await deps.db.execute(sql`DROP TABLE IF EXISTS bench_template, bench_versions`);
  await deps.db.execute(sql`
    CREATE TABLE bench_template AS
    SELECT c.*, (row_number() OVER (ORDER BY c.id) - 1)::int AS k
    FROM devices_components c WHERE c.product_version_id = ${templateVersion.id}`);
  await deps.db.execute(sql`
    CREATE TABLE bench_versions AS
    SELECT id, (row_number() OVER (ORDER BY label) - 1)::int AS n
    FROM devices_product_versions WHERE product_id = ${product.id} AND label <> 'template'`);
  const size = (await deps.db.execute(sql`SELECT count(*)::int AS n FROM bench_template`)).rows[0]
    ?.n as number;
  for (let from = 0; from < versions; from += 25) {
    // Version n holds the template's rows k with (k − 97·n) mod size < perVersion.
    await deps.db.execute(sql`
      INSERT INTO devices_components (id, organization_id, product_version_id, sbom_id, ref, name, version,
        supplier, type, purl, purl_type, purl_name, cpe, cpe_vendor, cpe_product, swid_tag_id, hashes,
        license_expression, source_path, identity_hint)
      SELECT gen_random_uuid(), t.organization_id, v.id, t.sbom_id, t.ref, t.name, t.version, t.supplier,
        t.type, t.purl, t.purl_type, t.purl_name, t.cpe, t.cpe_vendor, t.cpe_product, t.swid_tag_id,
        t.hashes, t.license_expression, t.source_path, t.identity_hint
      FROM bench_versions v JOIN bench_template t
        ON (((t.k - 97 * v.n) % ${size}) + ${size}) % ${size} < ${perVersion}
      WHERE v.n >= ${from} AND v.n < ${from + 25}`);
  }
  // The template version is no part of the portfolio.
  await deps.db.execute(sql`DELETE FROM devices_components WHERE product_version_id = ${templateVersion.id}`);
  await deps.db.execute(sql`ANALYZE devices_components`);
  const components = (
    await deps.db.execute(
      sql`SELECT count(*)::int AS n FROM devices_components c JOIN bench_versions v ON v.id = c.product_version_id`,
    )
  ).rows[0]?.n as number;
  // The new advisories: stored (as importFeed's batches do) without re-matching yet.
  const changes: Pick<AdvisoryImportResult, 'changedKeys' | 'changedVulnerabilityIds'> = {
    changedKeys: [],
    changedVulnerabilityIds: [],
  };
  const records: Advisory[] = syntheticOsvRecords(advisories, template).map((r) => parseOsv(r));
  for (let i = 0; i < records.length; i += 200) {
    const batch = await importAdvisoryBatch(deps, records.slice(i, i + 200));
    changes.changedKeys.push(...batch.changedKeys);
    changes.changedVulnerabilityIds.push(...batch.changedVulnerabilityIds);
  }
  const setupMs = performance.now() - setupStarted;

  const baselineRssMb = rssMb();
  const { ms, value: outcome } = await timed(() => rematchAfterAdvisoryChanges(deps, changes));
  const peakRssMb = maxRssMb();
  // The floor: one SELECT of every component row of the portfolio (what matching has to read).
  const selectMs = await bestOf(2, () =>
    deps.db.execute(sql`
      SELECT c.organization_id, c.product_version_id, c.name, c.version, c.purl, c.cpe
      FROM devices_components c JOIN bench_versions v ON v.id = c.product_version_id`),
  );
  // Teardown: the portfolio and the bench advisories go, so that the next case (and the next run on a
  // kept DATABASE_URL) sees the corpus store as the feed case left it.
  await deps.db.execute(sql`
    DELETE FROM vulnerabilities_findings
    WHERE product_version_id IN (SELECT id FROM bench_versions)
       OR vulnerability_id IN (SELECT vulnerability_id FROM vulnerabilities_advisories
                               WHERE source = 'osv' AND source_id LIKE 'BENCH-2026-%')`);
  await deps.db.execute(sql`
    WITH gone AS (DELETE FROM vulnerabilities_advisories WHERE source = 'osv' AND source_id LIKE 'BENCH-2026-%'
                  RETURNING vulnerability_id)
    DELETE FROM vulnerabilities_vulnerabilities v USING gone
    WHERE v.id = gone.vulnerability_id
      AND NOT EXISTS (SELECT 1 FROM vulnerabilities_advisories a WHERE a.vulnerability_id = v.id)`);
  await deps.db.execute(
    sql`DELETE FROM devices_components WHERE product_version_id IN (SELECT id FROM bench_versions)`,
  );
  await deps.db.execute(sql`DROP TABLE bench_template, bench_versions`);
  return {
    versions,
    perVersion,
    components,
    advisories: records.length,
    rematched: outcome,
    ms,
    selectMs,
    setupMs,
    baselineRssMb,
    maxRssMb: peakRssMb,
  };
}

/**
 * (d) One very large SBOM into one product version; the import hook matches it against the store.
 * Prints a progress line per phase, so that a run stopped at its time budget still says where it was.
 */
async function hugeCase(count: number) {
  const { org, product } = await benchProduct('huge');
  const version = await newVersion(org.id, product.id, '1');
  const bytes = new TextEncoder().encode(cycloneDxOf(corpusLikeComponents(count)));
  const sbomMb = mb(bytes.byteLength);
  const progress = (phase: string, fields: Record<string, unknown> = {}) =>
    process.stdout.write(`${JSON.stringify({ phase, sbomMb, ...fields, maxRssMb: maxRssMb() })}\n`);
  // Time the hook's matching apart from the ingest (same work as createDeps' hook, split for the report).
  let matchMs = 0;
  let ingestMs = 0;
  let ingestPeakRssMb = 0;
  let outcome: Awaited<ReturnType<typeof matchProductVersions>> | null = null;
  const started = performance.now();
  deps.hooks.afterSbomImported = async (versionId) => {
    ingestMs = performance.now() - started;
    ingestPeakRssMb = maxRssMb();
    progress('matching', { ingestMs });
    const match = await timed(() => matchProductVersions(deps, [versionId]));
    matchMs = match.ms;
    outcome = match.value;
  };
  const baselineRssMb = rssMb();
  progress('ingest');
  const value = await importSbom(
    deps,
    actor,
    { organizationId: org.id, productId: product.id, versionId: version.id },
    bytes,
  );
  return {
    phase: 'done',
    components: value.components,
    sbomMb,
    ms: performance.now() - started,
    ingestMs,
    matchMs,
    opened: (outcome as { opened: number } | null)?.opened ?? 0,
    baselineRssMb,
    ingestPeakRssMb,
    maxRssMb: maxRssMb(),
  };
}
