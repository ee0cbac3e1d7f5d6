import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import { publishDueDisclosures } from './service/publication.ts';

/** Every minute: approved disclosures whose embargo has ended are published. */
export function publishDueJob(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return defineJob({
    name: 'disclosures.publish-due',
    payloadSchema: z.object({}),
    schedule: '* * * * *',
    handler: async () => {
      await publishDueDisclosures(deps);
    },
  });
}

export function disclosuresJobs(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>) {
  return [publishDueJob(deps)];
}
