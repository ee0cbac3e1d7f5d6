import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { newId } from '../../src/shared/ids.ts';
import { adminUrl, withAdminClient } from './postgres-admin.ts';

/**
 * A fresh, migrated, empty database for one test file, as the environment variables Candor reads
 * (DATABASE_URL or CANDOR_DATA_DIR). `cleanup()` removes it.
 */
export async function testDatabaseEnv(): Promise<{
  env: Record<string, string | undefined>;
  cleanup(): Promise<void>;
}> {
  const provided = inject('candorTestDatabase');
  const suffix = newId().replace(/-/g, '').slice(0, 12);
  if (provided.kind === 'postgres') {
    const name = `${provided.prefix}_${suffix}`;
    await withAdminClient(provided.url, (c) =>
      c.query(`CREATE DATABASE "${name}" TEMPLATE "${provided.template}"`),
    );
    return {
      env: { DATABASE_URL: adminUrl(provided.url, name), CANDOR_DATA_DIR: undefined, LOG_LEVEL: 'silent' },
      cleanup: () =>
        withAdminClient(provided.url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => {},
        ),
    };
  }
  const dataDir = join(provided.root, suffix);
  await cp(provided.template, dataDir, { recursive: true });
  return {
    env: { DATABASE_URL: undefined, CANDOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}
