/**
 * `npm run bench`: timings that must not regress, printed against their floors. Not part of `npm test`:
 * timings vary by machine, so they never decide pass/fail of the suite. Exit 1 when a result is below
 * its floor. Uses a throw-away embedded database, or (DATABASE_URL set) a throw-away database on that server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { seedDemoData } from '../src/main/demo-seed.ts';
import { createDeps } from '../src/main/deps.ts';
import { createHttpApp } from '../src/main/http-app.ts';
import { recordAuditEvent, verifyAuditChain } from '../src/modules/audit/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { withTransaction } from '../src/platform/db/database.ts';
import { systemActor } from '../src/shared/actor.ts';
import { withBenchDatabase } from './bench-database.ts';
import { translogResults } from './translog-bench.ts';
import { vulnerabilityResults } from './vulnerabilities-bench.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  /** The bound it is compared with: a floor, or a ceiling when `lowerIsBetter`. */
  floor: number;
  lowerIsBetter?: boolean;
}

async function perSecond(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await work(i);
  return count / ((performance.now() - started) / 1000);
}

const results: Result[] = [];
// On PostgreSQL, a database of the bench's own (never DATABASE_URL's), dropped at the end.
await withBenchDatabase(process.env.DATABASE_URL, async (url) => {
  if (url) process.env.DATABASE_URL = url;
  const dir = await mkdtemp(join(tmpdir(), 'candor-bench-'));
  const config = loadConfig({
    ...process.env,
    CANDOR_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    CANDOR_WEB_DIST: '/none',
  });
  const deps = await createDeps(config, pino({ level: 'silent' }));
  try {
    await seedDemoData(deps);
    const actor = systemActor('bench');
    results.push({
      name: 'audit events appended (one per transaction)',
      value: await perSecond(500, (i) =>
        withTransaction(deps.db, (tx) =>
          recordAuditEvent(tx, deps.clock, actor, {
            action: 'bench.event',
            organizationId: null,
            entityType: 'bench',
            entityId: String(i),
          }),
        ),
      ),
      unit: 'events/s',
      floor: 100,
    });
    const started = performance.now();
    const verification = await verifyAuditChain(deps);
    results.push({
      name: 'audit chain verified',
      value: verification.checked / ((performance.now() - started) / 1000),
      unit: 'events/s',
      floor: 2000,
    });
    const app = await createHttpApp(deps);
    await app.ready();
    results.push({
      name: 'GET /api/v1/public/disclosures (inject)',
      value: await perSecond(300, () => app.inject({ method: 'GET', url: '/api/v1/public/disclosures' })),
      unit: 'requests/s',
      floor: 100,
    });
    await app.close();
  } finally {
    await deps.close();
    await rm(dir, { recursive: true, force: true });
  }

  // SBOM ingest of 10,000 components, each case in its own process so that max RSS is its own.
  for (const format of ['json', 'xml'] as const) {
    for (const mode of ['parse', 'import'] as const) {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'bench/sbom-ingest-case.ts', format, mode, '10000'],
        {
          encoding: 'utf8',
          env: { ...process.env, LOG_LEVEL: 'silent' },
        },
      );
      if (run.status !== 0) throw new Error(`sbom ingest ${format} ${mode} failed: ${run.stderr}`);
      const m = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
        ms: number;
        parseMs: number;
        baselineRssMb: number;
        maxRssMb: number;
      };
      const label = `SBOM ${mode === 'parse' ? 'parse + normalise' : 'import into the database'}, 10k ${format.toUpperCase()}`;
      const bare = format === 'json' ? 'JSON.parse' : 'XML parse';
      results.push({
        name: `${label}: components/s`,
        value: 10_000 / (m.ms / 1000),
        unit: 'components/s',
        floor: mode === 'parse' ? 10_000 : 1_000,
      });
      if (mode === 'parse') {
        results.push({
          name: `${label}: time ÷ bare ${bare} (${m.parseMs.toFixed(0)} ms)`,
          value: m.ms / m.parseMs,
          unit: '×',
          floor: 5,
          lowerIsBetter: true,
        });
        results.push({
          name: `${label}: peak memory (max RSS)`,
          value: m.maxRssMb,
          unit: 'MB',
          floor: 300,
          lowerIsBetter: true,
        });
      } else {
        // Count what the import adds to the process. On PGlite that includes the embedded engine's own
        // WebAssembly heap growth (it never shrinks), about 300 MB for 10k rows; on PostgreSQL ~90 MB.
        const embedded = !process.env.DATABASE_URL;
        results.push({
          name: `${label}: peak memory added on ${embedded ? 'PGlite' : 'PostgreSQL'} (max RSS ${m.maxRssMb.toFixed(0)} MB − ${m.baselineRssMb.toFixed(0)} MB before)`,
          value: m.maxRssMb - m.baselineRssMb,
          unit: 'MB',
          floor: embedded ? 450 : 300,
          lowerIsBetter: true,
        });
      }
    }
  }

  // Transparency log (issue 8): appends, proofs and tiles at 10^6 entries beside raw SHA-256.
  results.push(...translogResults());

  // Vulnerability module (issue point 8): corpus feed import, SBOM scan, portfolio re-match and one
  // 300k-component SBOM, each in its own process beside its floor (bench/vulnerabilities-bench.ts).
  const vulnerabilities = await vulnerabilityResults();
  results.push(...vulnerabilities.results);
  for (const note of vulnerabilities.notes) process.stdout.write(`note: ${note}\n`);
});

const passes = (r: Result) => (r.lowerIsBetter ? r.value <= r.floor : r.value >= r.floor);
const rows = results.map((r) => [
  r.name,
  `${r.value.toFixed(r.unit === '×' ? 2 : 0)} ${r.unit}`,
  `${r.lowerIsBetter ? '≤' : '≥'} ${r.floor} ${r.unit}`,
  passes(r) ? 'ok' : 'OUT OF BOUND',
]);
const widths = [0, 1, 2, 3].map((c) =>
  Math.max(...[['benchmark', 'result', 'bound', ''], ...rows].map((r) => String(r[c]).length)),
);
for (const row of [['benchmark', 'result', 'bound', ''], ...rows]) {
  process.stdout.write(`${row.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  ')}\n`);
}
if (!results.every(passes)) process.exitCode = 1;
