import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { defineJob } from '../../platform/jobs/job-queue.ts';
import { verifyAuditChain } from './audit.service.ts';

/** Re-verifies the whole audit chain; fails (and so alerts through the queue's failed state) on tampering. */
export function verifyAuditChainJob(deps: Pick<Deps, 'db' | 'logger'>) {
  return defineJob({
    name: 'audit.verify-chain',
    payloadSchema: z.object({}),
    schedule: '17 * * * *',
    async handler() {
      const result = await verifyAuditChain(deps);
      if (!result.ok) {
        deps.logger.error({ problems: result.problems.slice(0, 20) }, 'audit chain verification failed');
        throw new Error(`Audit chain broken: ${result.problems.length} problem(s)`);
      }
      deps.logger.info({ checked: result.checked, headSeq: result.headSeq }, 'audit chain verified');
      return result;
    },
  });
}

export function auditJobs(deps: Pick<Deps, 'db' | 'logger'>) {
  return [verifyAuditChainJob(deps)];
}
