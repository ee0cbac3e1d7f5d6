import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDeps, type TestDeps } from '../../../test/support/test-deps.ts';
import { auditJobs, recordAuditEvent, verifyAuditChainJob } from '../../modules/audit/index.ts';
import { systemActor } from '../../shared/actor.ts';
import { withTransaction } from '../db/database.ts';
import { nextCronTime } from './cron.ts';
import { type AnyJobDefinition, defineJob, waitForJob } from './job-queue.ts';

/** Definitions of different payloads, as the queue takes them side by side. */
function definitions(jobs: AnyJobDefinition[]): AnyJobDefinition[] {
  return jobs;
}

describe('nextCronTime', () => {
  const at = (iso: string) => new Date(iso);

  it('gives the next firing in UTC, strictly after the given time', () => {
    expect(nextCronTime('17 * * * *', at('2025-03-10T10:20:00Z'))).toEqual(at('2025-03-10T11:17:00Z'));
    expect(nextCronTime('17 * * * *', at('2025-03-10T10:16:59Z'))).toEqual(at('2025-03-10T10:17:00Z'));
    expect(nextCronTime('17 * * * *', at('2025-03-10T10:17:00Z'))).toEqual(at('2025-03-10T11:17:00Z'));
  });

  it('rolls over days, months and years and honours weekdays', () => {
    expect(nextCronTime('0 0 * * *', at('2025-12-31T23:59:30Z'))).toEqual(at('2026-01-01T00:00:00Z'));
    // 2025-03-10 is a Monday: the next Monday 02:30 is a week later.
    expect(nextCronTime('30 2 * * 1', at('2025-03-10T03:00:00Z'))).toEqual(at('2025-03-17T02:30:00Z'));
    // Across the EU/US daylight-saving change: UTC has none.
    expect(nextCronTime('0 1 * * *', at('2025-03-30T00:30:00Z'))).toEqual(at('2025-03-30T01:00:00Z'));
  });

  it('rejects an invalid expression', () => {
    expect(() => nextCronTime('not a cron', new Date())).toThrow();
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow();
  });
});

describe('the job queue', () => {
  let deps: TestDeps;

  beforeEach(async () => {
    deps = await createTestDeps();
  });

  afterEach(async () => {
    await deps.close();
  });

  async function recordEvents(n: number) {
    for (let i = 1; i <= n; i++) {
      await withTransaction(deps.db, (tx) =>
        recordAuditEvent(tx, deps.clock, systemActor('jobs-test'), {
          action: 'thing.changed',
          organizationId: null,
          entityType: 'thing',
          entityId: `thing-${i}`,
        }),
      );
    }
  }

  it('runs the audit chain verification to completed on an intact chain', async () => {
    await recordEvents(3);
    await deps.jobs.start(definitions(auditJobs(deps)), { work: true });
    const job = verifyAuditChainJob(deps);
    const id = await deps.jobs.enqueue(job, {});
    expect(await waitForJob(deps.jobs, job.name, id, 20_000)).toBe('completed');
  });

  it('fails the audit chain verification, after its retries, once the chain was tampered with', async () => {
    await recordEvents(3);
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE audit_events SET action = 'thing.forged' WHERE seq = 2`);
    });
    await deps.jobs.start(definitions(auditJobs(deps)), { work: true });
    const job = verifyAuditChainJob(deps);
    const id = await deps.jobs.enqueue(job, {});
    const states = new Set<string | null>();
    const deadline = Date.now() + 25_000;
    let state = await deps.jobs.getState(job.name, id);
    while (state !== 'failed' && state !== 'completed' && Date.now() < deadline) {
      states.add(state);
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await deps.jobs.getState(job.name, id);
    }
    expect(state).toBe('failed');
    // It was retried before it failed for good.
    expect(states).toContain('retry');
  }, 35_000);

  it('validates payloads at enqueue and hands the parsed payload to the handler', async () => {
    const seen: unknown[] = [];
    const echo = defineJob({
      name: 'test.echo',
      payloadSchema: z.strictObject({ n: z.number().int() }),
      async handler(payload) {
        seen.push(payload);
      },
    });
    await deps.jobs.start(definitions([...auditJobs(deps), echo]), { work: true });

    await expect(deps.jobs.enqueue(echo, { n: 'one' } as never)).rejects.toThrow();
    await expect(deps.jobs.enqueue(echo, { n: 1, extra: true } as never)).rejects.toThrow();
    await expect(deps.jobs.enqueue(verifyAuditChainJob(deps), null as never)).rejects.toThrow();

    const id = await deps.jobs.enqueue(echo, { n: 7 });
    expect(await waitForJob(deps.jobs, echo.name, id, 20_000)).toBe('completed');
    // Only the valid payload ever reached a handler.
    expect(seen).toEqual([{ n: 7 }]);
  });
});
