import 'server-only';
import { fromPrisma } from 'pg-boss';
import type { z } from 'zod';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { ensureQueue, senderBoss } from './boss';
import type { JobDefinition } from './registry';
import type { JOBS } from './jobs';

type Listed = (typeof JOBS)[number];
/** The name of every job in lib/jobs/jobs.ts. */
export type JobName = Listed['name'];
/** What enqueueJob accepts as the data of the job called N. */
export type JobInput<N extends JobName> = z.input<Extract<Listed, { name: N }>['schema']>;

export type EnqueueOptions = {
  /** Not before this moment (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /**
   * At most one job with this key waits in the queue at a time: enqueueing another while one is
   * queued (not yet started) does nothing and returns null.
   */
  singletonKey?: string;
  /**
   * Insert the job in this transaction: it exists exactly when the transaction commits (the
   * transactional outbox), and the worker cannot start it before then.
   */
  tx?: Tx;
  /** Higher runs first. */
  priority?: number;
};

/**
 * Puts one job on the queue; returns its id (null when a singletonKey job is already waiting).
 * `job` is a name from lib/jobs/jobs.ts or a definition (tests define their own).
 */
export async function enqueueJob<N extends JobName>(
  job: N,
  data: JobInput<N>,
  options?: EnqueueOptions,
): Promise<string | null>;
export async function enqueueJob<S extends z.ZodType>(
  job: JobDefinition<S>,
  data: z.input<S>,
  options?: EnqueueOptions,
): Promise<string | null>;
export async function enqueueJob(
  job: string | JobDefinition,
  data: unknown,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const definition = typeof job === 'string' ? await listedJob(job) : job;
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    // A programming error in the calling use case, not bad user input: fail the whole change.
    throw new AppError(
      'INTERNAL',
      `job ${definition.name}: invalid data ` +
        `(${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')})`,
    );
  }
  const boss = await senderBoss();
  await ensureQueue(boss, definition);
  return boss.send(definition.name, parsed.data ?? {}, {
    ...(options.startAfter !== undefined
      ? {
          startAfter:
            typeof options.startAfter === 'number'
              ? new Date(Date.now() + options.startAfter * 1000)
              : options.startAfter,
        }
      : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
    ...(options.tx ? { db: fromPrisma(options.tx) } : {}),
  });
}

async function listedJob(name: string): Promise<JobDefinition> {
  // Loaded here, not at the top: the job list imports the domains, which import this file.
  const { jobByName } = await import('./jobs');
  const job = jobByName(name);
  if (!job) throw new AppError('INTERNAL', `no job is called ${name} (lib/jobs/jobs.ts lists them)`);
  return job;
}
