import type { z } from 'zod';

/**
 * How a job that throws is tried again (pg-boss queue options, docs/decisions/021-job-queue.md).
 * With `backoff` the n-th retry waits delaySeconds × 2^(n−1) × (1 + a random fraction), capped at
 * maxDelaySeconds; after `limit` retries the job is failed ("dead") and waits for an admin.
 */
export type RetryPolicy = {
  /** Retries after the first attempt (so limit + 1 attempts in all). */
  limit: number;
  delaySeconds: number;
  backoff: boolean;
  maxDelaySeconds?: number;
};

/** What a handler knows about the run it is in. */
export type JobContext = {
  id: string;
  name: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** True on the last try the retry policy allows: a handler may record a final failure then. */
  lastAttempt: boolean;
};

/**
 * pg-boss queue policies: 'standard' (any number queued and running); 'short' (one job per
 * singletonKey waits, any number run); 'singleton' (one per key runs at a time); 'stately' (one
 * waits and one runs per key); 'exclusive' (one per key waits or runs); 'key_strict_fifo' (jobs
 * with the same singletonKey run one after another in order, every job needs a key). A
 * singletonKey means nothing on a 'standard' queue.
 */
export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive' | 'key_strict_fifo';

export type JobDefinition<S extends z.ZodType = z.ZodType, N extends string = string> = {
  /** The queue's name, `<domain>.<verb>`: 'notify.deliver', 'kpi.compact'. */
  name: N;
  /** The job's data, checked when it is enqueued (a bad payload fails the caller) and when it runs. */
  schema: S;
  handler: (data: z.output<S>, context: JobContext) => Promise<void>;
  retry: RetryPolicy;
  /** Seconds a run may take before it counts as failed (and is retried). Default 15 min. */
  timeoutSeconds: number;
  /** Runs of this job one worker process takes on at once. Default 2. */
  concurrency: number;
  policy: QueuePolicy;
};

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 5,
  delaySeconds: 30,
  backoff: true,
  maxDelaySeconds: 3600,
};

/**
 * Declares a background job. The handler lives beside its use case (lib/<domain>/…-job.ts) and the
 * definition is listed once in lib/jobs/jobs.ts, which the worker runs and enqueueJob checks against.
 */
export function defineJob<S extends z.ZodType, const N extends string>(definition: {
  name: N;
  schema: S;
  handler: (data: z.output<S>, context: JobContext) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  timeoutSeconds?: number;
  concurrency?: number;
  policy?: QueuePolicy;
}): JobDefinition<S, N> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_-]*)+$/.test(definition.name))
    throw new Error(`job name ${definition.name}: use <domain>.<verb>, lower case`);
  return {
    name: definition.name,
    schema: definition.schema,
    handler: definition.handler,
    retry: { ...DEFAULT_RETRY, ...definition.retry },
    timeoutSeconds: definition.timeoutSeconds ?? 15 * 60,
    concurrency: definition.concurrency ?? 2,
    policy: definition.policy ?? 'standard',
  };
}
