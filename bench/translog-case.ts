/**
 * The transparency log's timings, in a process of their own (the 10^6-entry log is large).
 * Usage: tsx bench/translog-case.ts [entries]   (default 1,000,000)
 * Prints one JSON line of measurements; bench/run.ts turns them into result rows.
 *
 * Everything is measured next to the raw SHA-256 rate of node:crypto on this machine in this run:
 * an append costs one leaf hash plus, on average, one interior hash, so "two hashes per entry" is the
 * floor any append can reach.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createDeps } from '../src/main/deps.ts';
import { createHttpApp } from '../src/main/http-app.ts';
import { hashLeaf } from '../src/modules/translog/domain/merkle.ts';
import { type PublicationStatement, statementBytes } from '../src/modules/translog/domain/statement.ts';
import { formatTileIndex } from '../src/modules/translog/domain/tiles.ts';
import { TreeBuilder } from '../src/modules/translog/domain/tree-builder.ts';
import { appendStatements } from '../src/modules/translog/service/append.ts';
import { proveConsistency, proveInclusion } from '../src/modules/translog/service/read-log.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { withBenchDatabase } from './bench-database.ts';

const total = Number(process.argv[2] ?? 1_000_000);

function statement(n: number): PublicationStatement {
  const hex = n.toString(16).padStart(12, '0');
  return {
    type: 'candor.dev/publication/v1',
    action: 'published',
    recordType: 'disclosure',
    recordId: `00000000-0000-4000-8000-${hex}`,
    organizationId: '00000000-0000-4000-8000-000000000001',
    publisher: 'acme-medical',
    revision: 1,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    contentSha256: createHash('sha256').update(hex).digest('hex'),
    csafSha256: null,
  };
}

/** Operations per second of `work`, run for about `ms` milliseconds. */
function rate(ms: number, work: (i: number) => void): number {
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < ms) for (let k = 0; k < 1000; k++) work(n++);
  return n / ((performance.now() - started) / 1000);
}

const random = (below: number) => Math.floor(Math.random() * below);

async function measure(url: string | undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'candor-bench-translog-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CANDOR_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    CANDOR_WEB_DIST: '/none',
  };
  if (url) env.DATABASE_URL = url;
  const deps = await createDeps(loadConfig(env), pino({ level: 'silent' }));
  try {
    // Raw hashing: SHA-256 of 64 bytes (an interior node's input) and of one entry's bytes.
    const node = Buffer.alloc(65, 1);
    const entry = statementBytes(statement(1));
    const rawNodeHashes = rate(500, () => createHash('sha256').update(node).digest());
    const rawEntryHashes = rate(500, () => createHash('sha256').update(entry).digest());
    // The tree alone: leaf hash + interior hashes per append, in memory.
    const entries = Array.from({ length: 10_000 }, (_, i) => statementBytes(statement(i)));
    const builder = TreeBuilder.empty();
    const treeAppends = rate(500, (i) => builder.append(hashLeaf(entries[i % entries.length] as Buffer)));

    // Stored appends as publishing does them: one entry, one transaction, one signed checkpoint.
    const single = 300;
    let started = performance.now();
    for (let i = 0; i < single; i++) await appendStatements(deps, [statement(i)]);
    const singleAppends = single / ((performance.now() - started) / 1000);

    // Then the log grows to `total` in batches (the same code path, 10,000 entries per transaction).
    const batch = 10_000;
    started = performance.now();
    let appended = single;
    while (appended < total) {
      const size = Math.min(batch, total - appended);
      await appendStatements(
        deps,
        Array.from({ length: size }, (_, i) => statement(appended + i)),
      );
      appended += size;
    }
    const batchedAppends = (total - single) / ((performance.now() - started) / 1000);

    // Proofs at `total` entries, each from the database (one indexed read of the nodes it needs).
    const proofs = 200;
    started = performance.now();
    for (let i = 0; i < proofs; i++) await proveInclusion(deps, random(total), total);
    const inclusionMs = (performance.now() - started) / proofs;
    started = performance.now();
    for (let i = 0; i < proofs; i++) await proveConsistency(deps, 1 + random(total - 1), total);
    const consistencyMs = (performance.now() - started) / proofs;

    // Tile serving through the HTTP app (inject: no sockets), full tiles only.
    const app = await createHttpApp(deps);
    await app.ready();
    const fullTiles = Math.floor(total / 256);
    const tiles = 300;
    let bytes = 0;
    started = performance.now();
    for (let i = 0; i < tiles; i++) {
      // Level-0 hash tiles, entry bundles and (when the log has a full one) level-1 tiles in turn.
      const level1 = Math.floor(fullTiles / 256);
      const path = i % 3 === 2 ? 'entries' : String(i % 3 === 1 && level1 > 0 ? 1 : 0);
      const count = path === '1' ? level1 : fullTiles;
      const response = await app.inject({
        method: 'GET',
        url: `/log/tile/${path}/${formatTileIndex(random(count))}`,
      });
      if (response.statusCode !== 200) throw new Error(`tile ${path}: ${response.statusCode}`);
      bytes += response.rawPayload.length;
    }
    const tileSeconds = (performance.now() - started) / 1000;
    await app.close();

    return {
      entries: total,
      rawNodeHashes,
      rawEntryHashes,
      treeAppends,
      singleAppends,
      batchedAppends,
      inclusionMs,
      consistencyMs,
      tilesPerSecond: tiles / tileSeconds,
      tileMegabytesPerSecond: bytes / 1_048_576 / tileSeconds,
    };
  } finally {
    await deps.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// On PostgreSQL, a database of this case's own (never DATABASE_URL's), dropped at the end.
const result = await withBenchDatabase(process.env.DATABASE_URL, measure);
process.stdout.write(`${JSON.stringify(result)}\n`);
