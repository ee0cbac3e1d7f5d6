import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import type { PublishedRecords } from './service/check-log.ts';
import { runLogMonitor } from './service/monitor.ts';

/**
 * Re-verifies the transparency log against the database every 15 minutes; alerts the operators and
 * fails (so the queue shows it) when the log or a published record was tampered with.
 */
export function monitorLogJob(deps: Deps, records: PublishedRecords) {
  return defineJob({
    name: 'translog.monitor',
    payloadSchema: z.object({}),
    schedule: '*/15 * * * *',
    async handler() {
      const result = await runLogMonitor(deps, records);
      if (!result.ok) throw new Error(`Transparency log check failed: ${result.problems.length} problem(s)`);
      return { size: result.size, checkpoints: result.checkpoints, records: result.records };
    },
  });
}

export function translogJobs(deps: Deps, records: PublishedRecords) {
  return [monitorLogJob(deps, records)];
}
