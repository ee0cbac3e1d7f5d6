import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../../src/platform/db/database.ts';
import { adminUrl, dropDatabasesWithPrefix } from './postgres-admin.ts';

/**
 * Prepares one migrated template per test run: a PGlite data directory that each test file copies, or
 * (with DATABASE_URL) a PostgreSQL database that each test file clones with CREATE DATABASE … TEMPLATE.
 * Every run gets its own prefix, so parallel runs never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const prefix = `candor_t_${runId}`;
    const template = `${prefix}_tpl`;
    const admin = await openPostgres(url, 1);
    await admin.raw.query(`CREATE DATABASE "${template}"`);
    await admin.close();
    const database = await openPostgres(adminUrl(url, template), 2);
    await migrateDatabase(database);
    await database.close();
    project.provide('candorTestDatabase', { kind: 'postgres', url, template, prefix });
    return async () => dropDatabasesWithPrefix(url, prefix);
  }
  const root = await mkdtemp(join(tmpdir(), 'candor-test-'));
  const template = join(root, 'template');
  const database = await openPglite(template);
  await migrateDatabase(database);
  await database.close();
  project.provide('candorTestDatabase', { kind: 'pglite', root, template });
  return async () => rm(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    candorTestDatabase:
      | { kind: 'postgres'; url: string; template: string; prefix: string }
      | { kind: 'pglite'; root: string; template: string };
  }
}
