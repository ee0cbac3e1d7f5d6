import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobQueue, JobState } from './job-queue.ts';

/** pg-boss on PostgreSQL: N API processes enqueue, M `candor worker` processes consume. */
export function createPgBossJobQueue(connectionString: string, logger: Logger): JobQueue {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'candor-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  let started = false;

  return {
    kind: 'pg-boss',
    async start(definitions, { work }) {
      await boss.start();
      started = true;
      for (const definition of definitions) {
        await boss.createQueue(definition.name, {
          name: definition.name,
          retryLimit: 2,
          retryDelay: 1,
          retryBackoff: true,
        });
        if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
        if (work) {
          await boss.work(definition.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
            for (const job of jobs) {
              await definition.handler(definition.payloadSchema.parse(job.data));
            }
          });
        }
      }
    },
    async enqueue(definition, payload) {
      if (!started) throw new Error('The job queue is not started');
      const id = await boss.send(definition.name, definition.payloadSchema.parse(payload) as object);
      if (!id) throw new Error(`pg-boss refused a ${definition.name} job`);
      return id;
    },
    async getState(name, id) {
      const job = await boss.getJobById(name, id, { includeArchive: true });
      return (job?.state as JobState | undefined) ?? null;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
      started = false;
    },
  };
}
