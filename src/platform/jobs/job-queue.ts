import type { z } from 'zod';

/** A unit of background work: a name, a validated payload, a handler that calls a service. */
export interface JobDefinition<Payload = unknown> {
  name: string;
  payloadSchema: z.ZodType<Payload>;
  handler(payload: Payload): Promise<unknown>;
  /** Cron expression (UTC) for recurring jobs. */
  schedule?: string;
}

/** What enqueueing needs: a job's name and payload schema (the handler may live in another module). */
export type JobSignal<Payload> = Pick<JobDefinition<Payload>, 'name' | 'payloadSchema'>;

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** A definition of any payload type, as queues hold them side by side. */
// biome-ignore lint/suspicious/noExplicitAny: the payload type is checked by each definition's own schema.
export type AnyJobDefinition = JobDefinition<any>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/**
 * The queue as services and entry points see it. pg-boss on PostgreSQL; an in-process runner on PGlite
 * (one process owns an embedded database, so there is no one else to share the work with).
 */
export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Makes the definitions known; `work: true` also starts consuming them in this process. */
  start(definitions: AnyJobDefinition[], options: { work: boolean }): Promise<void>;
  enqueue<Payload>(definition: JobSignal<Payload>, payload: Payload): Promise<string>;
  getState(name: string, id: string): Promise<JobState | null>;
  /** Stops taking new jobs and waits for running ones. */
  stop(): Promise<void>;
}

/** Polls until a job settles; for the CLI and tests that must wait for a result. */
export async function waitForJob(
  queue: JobQueue,
  name: string,
  id: string,
  timeoutMs = 30_000,
): Promise<JobState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getState(name, id);
    if (state === 'completed' || state === 'failed' || state === 'cancelled' || Date.now() > deadline)
      return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
