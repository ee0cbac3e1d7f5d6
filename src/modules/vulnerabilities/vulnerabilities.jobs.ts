import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import { feedKinds, importFeed } from './service/import-feed.ts';
import { deliverWebhookJob } from './service/webhooks.ts';

/**
 * Reads the configured feeds directory (CANDOR_FEEDS_DIR) every hour: each of its osv/, nvd/, cve5/,
 * kev/ and epss/ folders is imported; unchanged records cost a hash comparison, and only product
 * versions touched by changed advisories are re-matched.
 */
export function importFeedsJob(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return defineJob({
    name: 'vulnerabilities.import-feeds',
    payloadSchema: z.object({}),
    schedule: '41 * * * *',
    async handler() {
      const dir = deps.config.feedsDir;
      if (!dir) return { skipped: 'CANDOR_FEEDS_DIR is not set' };
      const reports = [];
      for (const kind of feedKinds) {
        const path = join(dir, kind);
        if (!existsSync(path)) continue;
        const report = await importFeed(deps, kind, path);
        deps.logger.info(
          { kind, records: report.records, inserted: report.inserted, updated: report.updated },
          'feed imported',
        );
        reports.push(report);
      }
      return reports;
    },
  });
}

export function vulnerabilitiesJobs(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return [importFeedsJob(deps), deliverWebhookJob(deps)];
}
