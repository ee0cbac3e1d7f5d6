import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import { remindOfDeadlines } from './service/reminders.ts';

/**
 * Every ten minutes: reports due within 24 hours are announced once to the organisation (in-app, webhook,
 * e-mail); reports past due are escalated once to the organisation's admins. A moved deadline is announced
 * again.
 */
export function obligationRemindersJob(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger' | 'jobs'>) {
  return defineJob({
    name: 'incidents.obligation-reminders',
    payloadSchema: z.object({}),
    schedule: '*/10 * * * *',
    handler: () => remindOfDeadlines(deps),
  });
}

export function incidentsJobs(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'logger' | 'jobs'>) {
  return [obligationRemindersJob(deps)];
}
