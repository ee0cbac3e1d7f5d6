import pino from 'pino';
import { createDeps } from '../../src/main/deps.ts';
import { createHttpApp } from '../../src/main/http-app.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { HttpApp } from '../../src/platform/http/build-http-app.ts';
import { type Clock, systemClock } from '../../src/shared/clock.ts';
import { testDatabaseEnv } from './test-env.ts';

export interface TestDeps extends Deps {
  close(): Promise<void>;
}

/** Services' dependencies on a fresh database (a copy of the migrated template). */
export async function createTestDeps(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestDeps> {
  const database = await testDatabaseEnv();
  const config = loadConfig({
    ...database.env,
    CANDOR_WEB_DIST: '/nonexistent-web-dist',
    CANDOR_AUTH_RATE_LIMIT: '1000',
    ...options.env,
  });
  const deps = await createDeps(config, pino({ level: 'silent' }), {
    migrate: false,
    clock: options.clock ?? systemClock,
  });
  return {
    ...deps,
    async close() {
      await deps.close();
      await database.cleanup();
    },
  };
}

/** The full HTTP app on a fresh database, for `app.inject()` tests. */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<{
  app: HttpApp;
  deps: TestDeps;
  close(): Promise<void>;
}> {
  const deps = await createTestDeps(options);
  const app = await createHttpApp(deps);
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.close();
    },
  };
}
