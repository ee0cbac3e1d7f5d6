import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../src/main/deps.ts';
import { parseCheckpoint } from '../src/modules/translog/domain/checkpoint.ts';
import { hashLeaf, rootOfLeafHashes, verifyConsistency } from '../src/modules/translog/domain/merkle.ts';
import { openNote } from '../src/modules/translog/domain/signed-note.ts';
import { type PublicationStatement, statementBytes } from '../src/modules/translog/domain/statement.ts';
import { appendStatements } from '../src/modules/translog/service/append.ts';
import { proveConsistency } from '../src/modules/translog/service/read-log.ts';
import { loadLogKey } from '../src/modules/translog/service/signing-key.ts';
import type { Deps } from '../src/platform/deps.ts';
import { newId } from '../src/shared/ids.ts';
import { createTestDeps, type TestDeps } from './support/test-deps.ts';

/**
 * Appends from several "processes" at once: on PostgreSQL each has its own connection pool (as N
 * `candor serve` processes would), on PGlite they share the one embedded connection.
 */
let deps: TestDeps;
let processes: (Deps & { close(): Promise<void> })[];

beforeEach(async () => {
  deps = await createTestDeps();
  processes = [];
  if (deps.database.kind === 'postgres')
    for (let i = 0; i < 3; i++)
      processes.push(await createDeps(deps.config, pino({ level: 'silent' }), { migrate: false }));
});

afterEach(async () => {
  for (const p of processes) await p.close();
  await deps.close();
});

function statement(n: number): PublicationStatement {
  return {
    type: 'candor.dev/publication/v1',
    action: 'published',
    recordType: 'disclosure',
    recordId: newId(),
    organizationId: newId(),
    publisher: 'acme',
    revision: n,
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    contentSha256: 'a'.repeat(64),
    csafSha256: null,
  };
}

const all = () => [deps, ...processes];

async function storedLog() {
  const entries = await deps.db.execute(sql`SELECT index, statement FROM translog_entries ORDER BY index`);
  const checkpoints = await deps.db.execute(sql`SELECT size, note FROM translog_checkpoints ORDER BY size`);
  return {
    indices: entries.rows.map((r) => Number(r.index)),
    leaves: entries.rows.map((r) => hashLeaf(statementBytes(r.statement as PublicationStatement))),
    checkpoints: checkpoints.rows.map((r) => ({ size: Number(r.size), note: String(r.note) })),
  };
}

describe('concurrent appends', () => {
  it('generate one key however many processes start at once', async () => {
    const keys = await Promise.all(all().flatMap((d) => [loadLogKey(d), loadLogKey(d)]));
    expect(new Set(keys.map((k) => k.verifierKey)).size).toBe(1);
    const stored = await deps.db.execute(sql`SELECT count(*)::int AS n FROM translog_keys`);
    expect(stored.rows[0]?.n).toBe(1);
  });

  it('give gap-free indices and checkpoints that all extend each other, also after a restart', async () => {
    const writers = all();
    const batches = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: (i % 3) + 1 }, (_, j) => statement(i * 10 + j)),
    );
    const appended = await Promise.all(
      batches.map((batch, i) => appendStatements(writers[i % writers.length] as Deps, batch)),
    );
    const total = batches.flat().length;
    expect(
      appended
        .flat()
        .map((e) => e.index)
        .sort((a, b) => a - b),
    ).toEqual([...Array(total).keys()]);

    // A restarted process (a fresh connection pool, nothing in memory) continues the same tree. PGlite's
    // data directory belongs to one open instance, so there the same one appends (it keeps no state).
    if (deps.database.kind === 'postgres') {
      const restarted = await createDeps(deps.config, pino({ level: 'silent' }), { migrate: false });
      try {
        await appendStatements(restarted, [statement(999)]);
      } finally {
        await restarted.close();
      }
    } else await appendStatements(deps, [statement(999)]);

    const { indices, leaves, checkpoints } = await storedLog();
    expect(indices).toEqual([...Array(total + 1).keys()]);
    expect(checkpoints).toHaveLength(batches.length + 1);
    const key = await loadLogKey(deps);
    let previous: { size: number; rootHash: Buffer } | null = null;
    for (const stored of checkpoints) {
      const body = parseCheckpoint(openNote(stored.note, [key.verifier]).text);
      // Each signed root is the root of the first `size` entries: one tree, every checkpoint a prefix.
      expect(body.rootHash).toEqual(rootOfLeafHashes(leaves.slice(0, body.size)));
      if (previous) {
        const proof = await proveConsistency(deps, previous.size, body.size);
        const hashes = proof.proof.map((h) => Buffer.from(h, 'base64'));
        expect(verifyConsistency(previous.size, body.size, previous.rootHash, body.rootHash, hashes)).toBe(
          true,
        );
      }
      previous = body;
    }
    expect(previous?.size).toBe(total + 1);
  });
});
