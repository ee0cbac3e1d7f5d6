import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { createInProcessJobQueue } from './in-process-queue.ts';
import type { JobQueue } from './job-queue.ts';
import { createPgBossJobQueue } from './pg-boss-queue.ts';

export function openJobQueue(database: Database, logger: Logger): JobQueue {
  return database.kind === 'postgres' && database.url
    ? createPgBossJobQueue(database.url, logger)
    : createInProcessJobQueue(logger);
}
