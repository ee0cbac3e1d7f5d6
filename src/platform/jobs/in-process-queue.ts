import type { Logger } from 'pino';
import { newId } from '../../shared/ids.ts';
import { nextCronTime } from './cron.ts';
import type { AnyJobDefinition, JobQueue, JobState } from './job-queue.ts';

/**
 * Runs jobs in this process, for the embedded database. Same definitions and handlers as pg-boss;
 * failed jobs are retried up to `retryLimit` times with a growing delay. Only the states of recent
 * jobs are kept (bounded), and recurring jobs run on a timer while the process lives.
 */
export function createInProcessJobQueue(logger: Logger, options: { retryLimit?: number } = {}): JobQueue {
  const retryLimit = options.retryLimit ?? 2;
  const definitions = new Map<string, AnyJobDefinition>();
  const states = new Map<string, JobState>();
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  /** Jobs waiting for their next attempt, so that stop() can mark them cancelled rather than leave them. */
  const waitingRetries = new Map<NodeJS.Timeout, string>();
  let working = false;
  let stopped = false;

  function remember(id: string, state: JobState) {
    states.set(id, state);
    if (states.size > 10_000) states.delete(states.keys().next().value as string);
  }

  function run(definition: AnyJobDefinition, id: string, payload: unknown, attempt: number) {
    const task = (async () => {
      remember(id, 'active');
      try {
        await definition.handler(definition.payloadSchema.parse(payload));
        remember(id, 'completed');
      } catch (error) {
        logger.error({ err: error, job: definition.name, id, attempt }, 'job failed');
        if (attempt < retryLimit && !stopped) {
          remember(id, 'retry');
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              run(definition, id, payload, attempt + 1);
            },
            200 * 2 ** attempt,
          );
          timers.add(timer);
        } else {
          remember(id, 'failed');
        }
      }
    })();
    running.add(task);
    void task.finally(() => running.delete(task));
  }

  function scheduleNext(definition: AnyJobDefinition) {
    if (!definition.schedule || stopped) return;
    const delay = Math.max(1000, nextCronTime(definition.schedule, new Date()).getTime() - Date.now());
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(definition, newId(), {}, 0);
      scheduleNext(definition);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    kind: 'in-process',
    async start(defs, { work }) {
      for (const d of defs) definitions.set(d.name, d);
      working = work;
      if (work) for (const d of defs) scheduleNext(d);
    },
    async enqueue(definition, payload) {
      const parsed = definition.payloadSchema.parse(payload);
      const id = newId();
      remember(id, 'created');
      const known = definitions.get(definition.name);
      if (known && working && !stopped) setImmediate(() => run(known, id, parsed, 0));
      return id;
    },
    async getState(_name, id) {
      return states.get(id) ?? null;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const id of waitingRetries.values()) remember(id, 'cancelled');
      waitingRetries.clear();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
