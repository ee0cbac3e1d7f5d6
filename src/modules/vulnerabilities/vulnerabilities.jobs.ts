import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import { systemActor } from '../../shared/actor.ts';
import { deliverEmailJob } from './service/email-notices.ts';
import { feedKinds, importFeed } from './service/import-feed.ts';
import { pullFeedUrls } from './service/import-feed-url.ts';
import { rematchOrganizationJob } from './service/settings.ts';
import { deliverWebhookJob } from './service/webhooks.ts';

/**
 * Reads the configured feeds directory (CANDOR_FEEDS_DIR) every hour: each of its osv/, nvd/, cve5/,
 * kev/ and epss/ folders is imported; unchanged records cost a hash comparison, and only product
 * versions touched by changed advisories are re-matched. Then the feeds of CANDOR_FEED_URLS are polled
 * (conditional GET; a body already imported is not imported again).
 */
export function importFeedsJob(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return defineJob({
    name: 'vulnerabilities.import-feeds',
    payloadSchema: z.object({}),
    schedule: '41 * * * *',
    async handler() {
      const dir = deps.config.feedsDir;
      if (!dir && deps.config.feedUrls.length === 0)
        return { skipped: 'neither CANDOR_FEEDS_DIR nor CANDOR_FEED_URLS is set' };
      const reports = [];
      for (const kind of feedKinds) {
        const path = dir ? join(dir, kind) : null;
        if (!path || !existsSync(path)) continue;
        // A folder that cannot be imported (a zip bomb, an unreadable file) is logged and skipped, so
        // that the other folders and the feed URLs are still read this hour.
        try {
          const report = await importFeed(deps, kind, path);
          deps.logger.info(
            { kind, records: report.records, inserted: report.inserted, updated: report.updated },
            'feed imported',
          );
          reports.push(report);
        } catch (error) {
          deps.logger.error({ kind, path, err: error }, 'feed folder import failed');
          reports.push({ kind, error: error instanceof Error ? error.message : String(error) });
        }
      }
      const sources =
        deps.config.feedUrls.length > 0
          ? await pullFeedUrls(deps, { actor: systemActor('vulnerabilities.import-feeds') })
          : [];
      return { files: reports, urls: sources };
    },
  });
}

export function vulnerabilitiesJobs(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return [importFeedsJob(deps), deliverWebhookJob(deps), deliverEmailJob(deps), rematchOrganizationJob(deps)];
}
