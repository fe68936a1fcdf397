import 'server-only';
import { PgBoss } from 'pg-boss';
import { env } from '@/lib/env';
import { JOBS_SCHEMA } from '@/lib/platform/job-queue-schema';
import type { JobDefinition } from './registry';

/**
 * The process's pg-boss instances (docs/decisions/021-job-queue.md). A process that only enqueues
 * (the web with WORKER=off, the CLI, a test) gets a light "sender": no maintenance, no cron, two
 * connections. The worker (lib/jobs/worker.ts) owns a full instance and the sender then uses it.
 */
const globalForJobs = globalThis as unknown as {
  backroomJobSender?: { url: string; boss: Promise<PgBoss> };
  backroomJobWorker?: PgBoss;
  /** Queues known to exist, as `<database url> <queue>`. */
  backroomJobQueues?: Set<string>;
};

export function newBoss(options: { worker: boolean; url?: string }): PgBoss {
  const boss = new PgBoss({
    connectionString: options.url ?? env().DATABASE_URL,
    schema: JOBS_SCHEMA,
    application_name: options.worker ? 'backroom-worker' : 'backroom-jobs',
    max: options.worker ? Number(process.env.WORKER_POOL_MAX ?? 6) : 2,
    // The schema is installed by `migrate` (lib/platform/migrate.ts); the worker keeps it up to date.
    migrate: options.worker,
    supervise: options.worker,
    schedule: options.worker,
    useListenNotify: options.worker,
  });
  boss.on('error', (error: unknown) =>
    console.error('[jobs]', error instanceof Error ? error.message : String(error)),
  );
  return boss;
}

export function setWorkerBoss(boss: PgBoss | undefined): void {
  globalForJobs.backroomJobWorker = boss;
}

export function workerBoss(): PgBoss | undefined {
  return globalForJobs.backroomJobWorker;
}

/** The instance to enqueue through: the worker's when this process runs one, else the sender. */
export async function senderBoss(): Promise<PgBoss> {
  const worker = globalForJobs.backroomJobWorker;
  if (worker) return worker;
  const url = env().DATABASE_URL;
  const current = globalForJobs.backroomJobSender;
  if (current?.url === url) return current.boss;
  if (current) void current.boss.then((b) => b.stop({ graceful: false })).catch(() => {});
  const boss = newBoss({ worker: false, url })
    .start()
    .catch((error: unknown) => {
      globalForJobs.backroomJobSender = undefined;
      throw error;
    });
  globalForJobs.backroomJobSender = { url, boss };
  return boss;
}

/** Stops the sender (scripts and tests call it before they exit; it holds timers and connections). */
export async function stopSender(): Promise<void> {
  const sender = globalForJobs.backroomJobSender;
  globalForJobs.backroomJobSender = undefined;
  if (sender) await (await sender.boss.catch(() => null))?.stop({ graceful: false, close: true });
}

/** The queue options of a job definition (retry, timeout, retention, wake-up on insert). */
export function queueOptions(job: JobDefinition) {
  return {
    policy: job.policy,
    retryLimit: job.retry.limit,
    retryDelay: job.retry.delaySeconds,
    retryBackoff: job.retry.backoff,
    ...(job.retry.maxDelaySeconds ? { retryDelayMax: job.retry.maxDelaySeconds } : {}),
    expireInSeconds: job.timeoutSeconds,
    // Completed and failed jobs stay 14 days for Settings → Jobs, then maintenance deletes them.
    deleteAfterSeconds: 14 * 24 * 3600,
    notify: true,
  };
}

/** Creates the job's queue once per process (idempotent across processes too). */
export async function ensureQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  const known = (globalForJobs.backroomJobQueues ??= new Set());
  const key = `${env().DATABASE_URL} ${job.name}`;
  if (known.has(key)) return;
  if (!(await boss.getQueue(job.name))) {
    try {
      await boss.createQueue(job.name, queueOptions(job));
    } catch (error) {
      // Another process created it between our look and our create.
      if (!(await boss.getQueue(job.name))) throw error;
    }
  }
  known.add(key);
}

/** Stops whatever this process runs of the queue, without waiting for running jobs (tests). */
export async function stopJobQueue(): Promise<void> {
  const worker = globalForJobs.backroomJobWorker;
  globalForJobs.backroomJobWorker = undefined;
  await worker?.stop({ graceful: false });
  await stopSender();
}
