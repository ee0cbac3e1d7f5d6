import type { Logger } from 'pino';
import type { Clock } from '../shared/clock.ts';
import type { Config } from './config/config.ts';
import type { Database, Db } from './db/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';

/** The plain object that main/ builds once and hands to services; services take only what they use. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  /**
   * Cross-module reactions wired in main/ (a module may not import the module that reacts to it):
   * after an SBOM import, vulnerability matching runs for that version.
   */
  hooks: {
    afterSbomImported?(productVersionId: string): Promise<void>;
  };
}
