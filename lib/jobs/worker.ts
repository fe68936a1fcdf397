import 'server-only';
import type { PgBoss, WorkOptions } from 'pg-boss';
import { ensureQueue, newBoss, queueOptions, setWorkerBoss, workerBoss } from './boss';
import { JOBS } from './jobs';
import type { JobDefinition } from './registry';
import { SCHEDULES, type Schedule } from './schedules';

export type StartWorkerOptions = {
  /** The jobs to run; default every job of lib/jobs/jobs.ts. */
  jobs?: readonly JobDefinition[];
  /** Default SCHEDULES when `jobs` is the default list, else none. */
  schedules?: readonly Schedule[];
  /** How often an idle worker looks for jobs (it is also woken by NOTIFY on insert). Default 2 s. */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
};

/**
 * Starts this process's job worker: creates (or updates) the queue of every job, declares the
 * schedules, and works the queues. Several processes may run it side by side: pg-boss hands each
 * job to one of them (`FOR UPDATE SKIP LOCKED`) and sends each scheduled job once.
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<PgBoss> {
  const running = workerBoss();
  if (running) return running;
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  const jobs = options.jobs ?? JOBS;
  const schedules = options.schedules ?? (options.jobs ? [] : SCHEDULES);
  const poll: number = options.pollingIntervalSeconds ?? 2;
  const boss = newBoss({ worker: true });
  await boss.start();
  setWorkerBoss(boss);
  try {
    for (const job of jobs) {
      await ensureQueue(boss, job);
      // Retry and timeout follow the code; a policy is fixed when its queue is created.
      const { policy, ...options } = queueOptions(job);
      await boss.updateQueue(job.name, options);
      const stored = await boss.getQueue(job.name);
      if (stored?.policy && stored.policy !== policy)
        log(
          `queue ${job.name} keeps policy ${stored.policy} (the code says ${policy}): delete the queue to change it`,
        );
      const work = {
        localConcurrency: job.concurrency,
        batchSize: 1,
        includeMetadata: true,
        pollingIntervalSeconds: poll,
        // NOTIFY wakes a worker for a new job, not for a deferred one or a retry coming due: keep polling.
        notifyPollingIntervalSeconds: poll,
      } as const satisfies WorkOptions;
      await boss.work(job.name, work, async ([run]) => {
        const data = job.schema.parse(run.data ?? {});
        await job.handler(data, {
          id: run.id,
          name: run.name,
          attempt: run.retryCount + 1,
          lastAttempt: run.retryCount >= run.retryLimit,
        });
      });
    }
    await declareSchedules(boss, jobs, schedules, { prune: !options.schedules && !options.jobs });
  } catch (error) {
    setWorkerBoss(undefined);
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  log(`worker started: ${jobs.length} queues, ${schedules.length} schedules`);
  return boss;
}

async function declareSchedules(
  boss: PgBoss,
  jobs: readonly JobDefinition[],
  schedules: readonly Schedule[],
  options: { prune: boolean },
) {
  for (const schedule of schedules) {
    if (!jobs.some((j) => j.name === schedule.job))
      throw new Error(`schedule ${schedule.cron} names ${schedule.job}, which is not in the job list`);
    await boss.schedule(schedule.job, schedule.cron, schedule.data ?? {}, { tz: 'UTC' });
  }
  if (!options.prune) return;
  for (const existing of await boss.getSchedules()) {
    if (!schedules.some((s) => s.job === existing.name)) await boss.unschedule(existing.name, existing.key);
  }
}

/** Stops the worker: takes no new jobs and waits (up to `timeoutMs`) for the running ones. */
export async function stopWorker(options: { timeoutMs?: number } = {}): Promise<void> {
  const boss = workerBoss();
  if (!boss) return;
  setWorkerBoss(undefined);
  await boss.stop({ graceful: true, timeout: options.timeoutMs ?? 30_000 });
}
