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
}
