import type { Logger } from 'pino';
import { auditJobs } from '../modules/audit/index.ts';
import {
  disclosuresJobs,
  getPublicCsafDocument,
  getPublicDisclosure,
  listPublicDisclosures,
} from '../modules/disclosures/index.ts';
import { incidentsJobs } from '../modules/incidents/index.ts';
import { translogJobs } from '../modules/translog/index.ts';
import { matchProductVersions, vulnerabilitiesJobs } from '../modules/vulnerabilities/index.ts';
import type { Config } from '../platform/config/config.ts';
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/open-database.ts';
import type { Deps } from '../platform/deps.ts';
import type { AnyJobDefinition } from '../platform/jobs/job-queue.ts';
import { openJobQueue } from '../platform/jobs/open-job-queue.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

/** Opens the database (and migrates it unless told not to) and the job queue. */
export async function createDeps(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean; clock?: Clock } = {},
): Promise<Deps & { close(): Promise<void> }> {
  const database = await openDatabase(config);
  try {
    if (options.migrate !== false) await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const jobs = openJobQueue(database, logger);
  const deps: Deps & { close(): Promise<void> } = {
    config,
    database,
    db: database.db,
    clock: options.clock ?? systemClock,
    logger,
    jobs,
    hooks: {},
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
  // Matching right after an SBOM import: the uploader sees findings at once, and it is a few indexed
  // lookups per component (feed imports re-match in the background instead).
  deps.hooks.afterSbomImported = async (productVersionId) => {
    await matchProductVersions(deps, [productVersionId]);
  };
  return deps;
}

/** Every module's background jobs; the API process enqueues them, workers run them. */
export function allJobs(deps: Deps): AnyJobDefinition[] {
  return [
    ...auditJobs(deps),
    ...vulnerabilitiesJobs(deps),
    ...incidentsJobs(deps),
    ...disclosuresJobs(deps),
    // The log monitor re-hashes published disclosures as the public sees them.
    ...translogJobs(deps, {
      get: (id) => getPublicDisclosure(deps, id),
      list: (page) => listPublicDisclosures(deps, { limit: page.limit, cursor: page.cursor }),
      csafDocument: (path) => getPublicCsafDocument(deps, path),
    }),
  ];
}

export async function checkReadiness(
  deps: Deps,
): Promise<{ ready: boolean; checks: Record<string, string> }> {
  try {
    const applied = await appliedMigrationCount(deps.db);
    const expected = expectedMigrationCount();
    const migrations = applied === expected ? 'current' : `${applied} of ${expected} applied`;
    return { ready: applied === expected, checks: { database: 'reachable', migrations } };
  } catch (error) {
    deps.logger.warn({ err: error }, 'readiness check failed');
    return { ready: false, checks: { database: 'unreachable', migrations: 'unknown' } };
  }
}
