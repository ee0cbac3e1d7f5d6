/**
 * The benchmarks never write to the database DATABASE_URL names (on a developer machine that is the
 * `test` database other runs use): on PostgreSQL they create a database of their own on the same
 * server, run against it, and drop it afterwards (as test/support/global-setup.ts does for tests).
 */
import pg from 'pg';

/** Databases the benchmarks create start with this; the cases refuse any other PostgreSQL database. */
export const benchDatabasePrefix = 'candor_bench_';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** True when `url` names a database the benchmarks made (so it may be filled and dropped). */
export function isBenchDatabaseUrl(url: string): boolean {
  return new URL(url).pathname.slice(1).startsWith(benchDatabasePrefix);
}

/**
 * Runs `work` with the URL of a new, empty database on the server of `serverUrl`, dropped afterwards
 * whatever happens. Without `serverUrl` (PGlite) `work` gets undefined and nothing is created.
 */
export async function withBenchDatabase<T>(
  serverUrl: string | undefined,
  work: (url: string | undefined) => Promise<T>,
): Promise<T> {
  if (!serverUrl) return work(undefined);
  const name = `${benchDatabasePrefix}${Date.now().toString(36)}${process.pid.toString(36)}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  try {
    return await work(withDatabase(serverUrl, name));
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
