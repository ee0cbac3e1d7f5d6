import type { Logger } from 'pino';
import { type Config, loadConfig } from '../platform/config/config.ts';
import type { Deps } from '../platform/deps.ts';
import type { HttpApp } from '../platform/http/build-http-app.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { seedDemoData } from './demo-seed.ts';
import { allJobs, createDeps } from './deps.ts';
import { createHttpApp } from './http-app.ts';

export interface RunningCandor {
  url: string;
  app: HttpApp;
  deps: Deps;
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, optionally seeds demo data, starts the job queue (running jobs in
 * this process when `runJobs`) and listens. `close()` stops taking requests, lets in-flight ones
 * finish, then stops jobs and closes the database.
 */
export async function startCandor(options: {
  env?: Record<string, string | undefined>;
  config?: Config;
  logger?: Logger;
  seedDemo?: boolean;
  port?: number;
  runJobs?: boolean;
}): Promise<RunningCandor> {
  const config = options.config ?? loadConfig({ ...(options.env ?? process.env) });
  const logger = options.logger ?? createLogger(config.logLevel);
  const deps = await createDeps(config, logger);
  try {
    const seeded = options.seedDemo ? (await seedDemoData(deps)).seeded : false;
    // The embedded database has one process, so it always runs its jobs itself.
    const runJobs = options.runJobs ?? deps.database.kind === 'pglite';
    await deps.jobs.start(allJobs(deps), { work: runJobs });
    const app = await createHttpApp(deps);
    const address = await app.listen({ host: config.host, port: options.port ?? config.port });
    const url = address.replace('[::1]', 'localhost');
    return {
      url,
      app,
      deps,
      seeded,
      async close() {
        await app.close();
        await deps.close();
      },
    };
  } catch (error) {
    await deps.close();
    throw error;
  }
}
