import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** Both drivers return `{ rows }` from execute(); this result kind says so to the type checker. */
export interface RowsResultHKT extends PgQueryResultHKT {
  readonly type: { rows: Record<string, unknown>[] };
}

/** One Drizzle handle type for both drivers, so repositories never know which database they run on. */
export type Db = PgDatabase<RowsResultHKT>;
// biome-ignore lint/suspicious/noExplicitAny: Drizzle's transaction type carries schema generics we do not use.
export type Tx = PgTransaction<RowsResultHKT, any, any>;
export type DbOrTx = Db | Tx;

/** Raw SQL access for infrastructure that brings its own SQL (pg-boss). */
export interface RawSql {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  raw: RawSql;
  /** Connection string for the postgres kind (pg-boss opens its own pool). */
  url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzlePglite({ client, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    raw: {
      // pg-boss sends multi-statement scripts without parameters: PGlite's exec() runs those.
      async query(text, values) {
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }
        const result = await client.query(text, values);
        return { rows: result.rows as Record<string, unknown>[] };
      },
    },
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzleNodePostgres({ client: pool, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    url,
    raw: {
      async query(text, values) {
        const result = await pool.query(text, values as unknown[] | undefined);
        const last = Array.isArray(result) ? result.at(-1) : result;
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      },
    },
    close: () => pool.end(),
  };
}

const MIGRATION_LOCK_KEY = 7_426_110_001;

/**
 * Applies the versioned migrations in drizzle/. On PostgreSQL a session advisory lock makes N processes
 * that start at once apply them exactly once.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type.
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  const lockClient = new pg.Client({ connectionString: database.url });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type.
    await migrateNodePostgres(database.db as any, { migrationsFolder });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/** The migrations this code expects, from drizzle-kit's journal. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function appliedMigrationCount(db: Db): Promise<number> {
  const exists = await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations') AS t`);
  if (!exists.rows[0]?.t) return 0;
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return Number(result.rows[0]?.n ?? 0);
}

export async function withTransaction<T>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as Tx));
}

/**
 * Service dependencies bound to an open transaction, so that a service called inside another service's
 * transaction joins it (drizzle runs its own `transaction()` as a savepoint) and both commit or neither.
 * The cast is sound: a drizzle transaction offers the query API of the database it belongs to.
 */
export function joinTransaction<D extends { db: Db }>(deps: D, tx: Tx): D {
  return { ...deps, db: tx as unknown as Db };
}
