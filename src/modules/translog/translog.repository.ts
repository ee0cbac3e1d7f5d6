import { and, asc, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Hash, NodeId } from './domain/merkle.ts';
import { entryIndexOfNode, nodeOnEntry } from './domain/tree-builder.ts';
import {
  translogCheckpoints,
  translogEntries,
  translogKeys,
  translogMonitorRuns,
} from './translog.tables.ts';

export type EntryRow = typeof translogEntries.$inferSelect;
export type CheckpointRow = typeof translogCheckpoints.$inferSelect;
export type KeyRow = typeof translogKeys.$inferSelect;
export type MonitorRunRow = typeof translogMonitorRuns.$inferSelect;

/** Serialises appends across processes: indices are the log's size, and checkpoints must chain. */
const LOG_APPEND_LOCK_KEY = 7_426_110_008;

export async function lockLog(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK_KEY})`);
}

/** The number of entries, from the highest index (gaps show up in verification, not here). */
export async function findEntryCount(db: DbOrTx): Promise<number> {
  const rows = await db
    .select({ index: translogEntries.index })
    .from(translogEntries)
    .orderBy(desc(translogEntries.index))
    .limit(1);
  return rows[0] ? rows[0].index + 1 : 0;
}

/**
 * Inserts entries in one statement. Hashes travel as hex text decoded by the database, and the
 * statements as text cast to jsonb, so both drivers store the same bytes (see devices' unnest insert).
 */
export async function insertEntries(db: DbOrTx, rows: EntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: EntryRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    INSERT INTO translog_entries (index, statement, leaf_hash, interior_hashes, record_type, record_id, created_at)
    SELECT i, s::jsonb, decode(l, 'hex'), decode(h, 'hex'), t, r, c
    FROM unnest(
      ${column((r) => r.index)}::bigint[],
      ${column((r) => JSON.stringify(r.statement))}::text[],
      ${column((r) => r.leafHash.toString('hex'))}::text[],
      ${column((r) => r.interiorHashes.toString('hex'))}::text[],
      ${column((r) => r.recordType)}::text[],
      ${column((r) => r.recordId)}::uuid[],
      ${column((r) => r.createdAt.toISOString())}::timestamptz[]
    ) AS u(i, s, l, h, t, r, c)`);
}

/**
 * The stored hashes of `nodes`, read from the entries that keep them in one query. Nodes whose entry
 * is missing (or too short) are absent from the map: callers treat that as a broken log.
 */
export async function readNodeHashes(db: DbOrTx, nodes: readonly NodeId[]): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  if (nodes.length === 0) return found;
  const indices = [...new Set(nodes.map(entryIndexOfNode))];
  const rows = await db
    .select({
      index: translogEntries.index,
      leafHash: translogEntries.leafHash,
      interiorHashes: translogEntries.interiorHashes,
    })
    .from(translogEntries)
    .where(sql`${translogEntries.index} = ANY(${sql.param(indices)}::bigint[])`);
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  for (const node of nodes) {
    const row = byIndex.get(entryIndexOfNode(node));
    const hash = row ? nodeOnEntry(node.level, row.leafHash, row.interiorHashes) : null;
    if (hash) found.set(`${node.level}/${node.index}`, hash);
  }
  return found;
}

/** The leaf hashes of entries [from, to) concatenated in index order: a level-0 tile, aggregated by the database. */
export async function concatLeafHashes(db: DbOrTx, from: number, to: number): Promise<Buffer> {
  const result = await db.execute(sql`
    SELECT string_agg(${translogEntries.leafHash}, ''::bytea ORDER BY ${translogEntries.index}) AS hashes
    FROM ${translogEntries}
    WHERE ${translogEntries.index} >= ${from} AND ${translogEntries.index} < ${to}`);
  const hashes = result.rows[0]?.hashes as Uint8Array | null | undefined;
  return hashes ? Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength) : Buffer.alloc(0);
}

/** Statements of entries [from, to), in order. */
export async function listStatements(db: DbOrTx, from: number, to: number): Promise<unknown[]> {
  const rows = await db
    .select({ statement: translogEntries.statement })
    .from(translogEntries)
    .where(and(gte(translogEntries.index, from), lt(translogEntries.index, to)))
    .orderBy(asc(translogEntries.index));
  return rows.map((r) => r.statement);
}

/** Entries after `afterIndex` in index order, a page at a time (verification streams the whole log). */
export async function listEntriesAfter(db: DbOrTx, afterIndex: number, limit: number): Promise<EntryRow[]> {
  return db
    .select()
    .from(translogEntries)
    .where(gt(translogEntries.index, afterIndex))
    .orderBy(asc(translogEntries.index))
    .limit(limit);
}

export async function findLatestEntryForRecord(db: DbOrTx, recordId: string): Promise<EntryRow | null> {
  const rows = await db
    .select()
    .from(translogEntries)
    .where(eq(translogEntries.recordId, recordId))
    .orderBy(desc(translogEntries.index))
    .limit(1);
  return rows[0] ?? null;
}

export async function findLatestCheckpoint(db: DbOrTx): Promise<CheckpointRow | null> {
  const rows = await db.select().from(translogCheckpoints).orderBy(desc(translogCheckpoints.size)).limit(1);
  return rows[0] ?? null;
}

export async function insertCheckpoint(db: DbOrTx, row: CheckpointRow): Promise<void> {
  await db.insert(translogCheckpoints).values(row);
}

/** Checkpoints above `afterSize` in size order, a page at a time. */
export async function listCheckpointsAfter(
  db: DbOrTx,
  afterSize: number,
  limit: number,
): Promise<CheckpointRow[]> {
  return db
    .select()
    .from(translogCheckpoints)
    .where(gt(translogCheckpoints.size, afterSize))
    .orderBy(asc(translogCheckpoints.size))
    .limit(limit);
}

export async function findStoredKey(db: DbOrTx, origin: string): Promise<KeyRow | null> {
  const rows = await db.select().from(translogKeys).where(eq(translogKeys.origin, origin));
  return rows[0] ?? null;
}

/** The key the log generated first (its origin names the log when no origin is configured). */
export async function findFirstStoredKey(db: DbOrTx): Promise<KeyRow | null> {
  const rows = await db.select().from(translogKeys).orderBy(asc(translogKeys.createdAt)).limit(1);
  return rows[0] ?? null;
}

/** Inserts a generated key unless another process stored one for the origin first; true when stored. */
export async function insertKeyIfAbsent(db: DbOrTx, row: KeyRow): Promise<boolean> {
  const inserted = await db
    .insert(translogKeys)
    .values(row)
    .onConflictDoNothing({ target: translogKeys.origin })
    .returning({ origin: translogKeys.origin });
  return inserted.length > 0;
}

export async function insertMonitorRun(db: DbOrTx, row: MonitorRunRow): Promise<void> {
  await db.insert(translogMonitorRuns).values(row);
}

export async function findLastMonitorRun(db: DbOrTx): Promise<MonitorRunRow | null> {
  const rows = await db.select().from(translogMonitorRuns).orderBy(desc(translogMonitorRuns.ranAt)).limit(1);
  return rows[0] ?? null;
}
