/**
 * `npm run bench`: timings that must not regress, printed against their floors. Not part of `npm test`:
 * timings vary by machine, so they never decide pass/fail of the suite. Exit 1 when a result is below
 * its floor. Uses a throw-away embedded database (or DATABASE_URL when set).
 */
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

interface Result {
  name: string;
  value: number;
  unit: string;
  floor: number;
}

async function perSecond(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await work(i);
  return count / ((performance.now() - started) / 1000);
}

const dir = await mkdtemp(join(tmpdir(), 'candor-bench-'));
const config = loadConfig({
  ...process.env,
  CANDOR_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  CANDOR_WEB_DIST: '/none',
});
const deps = await createDeps(config, pino({ level: 'silent' }));
const results: Result[] = [];
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

const rows = results.map((r) => [
  r.name,
  `${r.value.toFixed(0)} ${r.unit}`,
  `${r.floor} ${r.unit}`,
  r.value >= r.floor ? 'ok' : 'BELOW FLOOR',
]);
const widths = [0, 1, 2, 3].map((c) =>
  Math.max(...[['benchmark', 'result', 'floor', ''], ...rows].map((r) => String(r[c]).length)),
);
for (const row of [['benchmark', 'result', 'floor', ''], ...rows]) {
  process.stdout.write(`${row.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  ')}\n`);
}
if (results.some((r) => r.value < r.floor)) process.exitCode = 1;
