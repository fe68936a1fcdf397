import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { defineJob } from '@/lib/jobs/registry';
import { jobById, jobList, queueSummaries } from '@/lib/jobs/queries';
import { retryJob } from '@/lib/jobs/retry-job';
import { startWorker, stopWorker } from '@/lib/jobs/worker';
import { JOBS } from '@/lib/jobs/jobs';
import { SCHEDULES } from '@/lib/jobs/schedules';
import { compactKpiJob } from '@/lib/kpi/compact-job';
import { kpiReport } from '@/lib/kpi/queries';
import { deliverNotificationsJob } from '@/lib/notify/deliver-job';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { toAppError } from '@/lib/errors';
import { makeLocations, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import { startSmtpSink, type SmtpSink } from '@/tests/support/smtp-sink';
import { JOB_TEST_RUNS_TABLE, recordRunJob } from '@/tests/support/test-jobs';

/** Runs of `test.flaky`: it fails its first three tries, then succeeds once an admin retries it. */
const flakyRuns: { attempt: number; at: number }[] = [];
const flakyJob = defineJob({
  name: 'test.flaky',
  schema: z.object({ label: z.string() }),
  retry: { limit: 2, delaySeconds: 1, backoff: true },
  concurrency: 1,
  handler: (_data, context) => {
    flakyRuns.push({ attempt: context.attempt, at: Date.now() });
    if (flakyRuns.length <= 3) return Promise.reject(new Error(`SMTP said no (try ${context.attempt})`));
    return Promise.resolve();
  },
});
/** Never worked here: its jobs stay queued, to look at. */
const idleJob = defineJob({
  name: 'test.idle',
  schema: z.object({ n: z.number() }),
  handler: () => Promise.resolve(),
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out; last value ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  await startWorker({
    jobs: [flakyJob, deliverNotificationsJob, compactKpiJob],
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
});
afterAll(async () => {
  await stopWorker({ timeoutMs: 5000 });
  delete process.env.SMTP_URL;
  await sink.close();
});

describe('the job list and schedules', () => {
  it('lists every scheduled job, each queue once', () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const schedule of SCHEDULES) expect(names).toContain(schedule.job);
  });

  it('refuses data a job does not accept, and names it', async () => {
    const error = await enqueueJob('notify.deliver', { messageId: 'not-a-uuid' }).catch(toAppError);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(String((error as Error).message)).toContain('messageId');
  });
});

describe('enqueueJob in a transaction', () => {
  it('keeps the job only when the transaction commits', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob(idleJob, { n: 1 }, { tx });
        throw new Error('the order failed');
      }),
    ).rejects.toThrow('the order failed');
    const id = await db.$transaction((tx) => enqueueJob(idleJob, { n: 2 }, { tx }));
    const jobs = await jobList({ name: 'test.idle' });
    expect(jobs.map((j) => [j.id, j.state, j.data])).toEqual([[id, 'created', { n: 2 }]]);
  });

  it('defers a job with startAfter', async () => {
    const id = await enqueueJob(idleJob, { n: 3 }, { startAfter: 3600 });
    const job = await jobById(id!);
    // Due in an hour: 3,600,000 ms from now, give or take the statement's own time.
    expect(Date.parse(job!.startAfter) - Date.now()).toBeGreaterThan(3_590_000);
  });
});

describe('the worker', () => {
  it(
    'retries a failing job with growing waits, then leaves it ' +
      'failed with its error; an admin retries it',
    async () => {
      const id = await enqueueJob(flakyJob, { label: 'first' });
      const failed = await until(
        () => jobById(id!),
        (job) => job?.state === 'failed',
      );
      expect(flakyRuns.map((r) => r.attempt)).toEqual([1, 2, 3]);
      // pg-boss's backoff: the k-th retry waits delay × 2^(k−1) × (1 + random) s, delay 1 s here:
      // retry 1 after [1, 2) s, retry 2 after [2, 4) s, plus up to one 0.5 s poll each.
      const gap1 = flakyRuns[1].at - flakyRuns[0].at;
      const gap2 = flakyRuns[2].at - flakyRuns[1].at;
      expect(gap1).toBeGreaterThanOrEqual(1000);
      expect(gap1).toBeLessThan(3000);
      expect(gap2).toBeGreaterThanOrEqual(2000);
      expect(gap2).toBeLessThan(5000);
      expect(failed).toMatchObject({ attempts: 3, maxAttempts: 3, error: 'SMTP said no (try 3)' });
      expect((await jobList({ state: 'failed' })).map((j) => j.id)).toEqual([id]);
      const queue = (await queueSummaries()).find((q) => q.name === 'test.flaky');
      expect(queue).toMatchObject({ failed: 1, waiting: 0, active: 0 });

      await retryJob({ jobId: id!, actor });
      const done = await until(
        () => jobById(id!),
        (job) => job?.state === 'completed',
      );
      expect(done?.error).toBeNull();
      expect(flakyRuns).toHaveLength(4);
      const auditRows = await db.auditLog.findMany({ where: { action: 'job.retried', entityId: id! } });
      expect(auditRows).toHaveLength(1);
    },
    40_000,
  );

  it('refuses to retry a job that has not failed, or does not exist', async () => {
    const id = await enqueueJob(idleJob, { n: 4 });
    expect(await retryJob({ jobId: id!, actor }).catch(toAppError)).toMatchObject({ code: 'INVALID_STATE' });
    expect(
      await retryJob({ jobId: '00000000-0000-4000-8000-000000000000', actor }).catch(toAppError),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.auditLog.count({ where: { action: 'job.retried', entityId: id! } })).toBe(0);
  });
});

describe('customer email on the queue', () => {
  it('is sent by the worker right after the event commits, with no poll loop', async () => {
    sink.received.length = 0;
    await db.$transaction((tx) =>
      enqueueNotification(
        {
          template: 'order_shipped',
          to: 'ana@example.com',
          data: {
            customer_name: 'Ana Ruiz',
            order_number: 77,
            carrier: 'Parcelway',
            service: 'Ground',
            tracking_number: 'PW77',
            tracking_url: null,
            lines: [{ sku: 'TEE-M', name: 'Tee', quantity: 1 }],
          },
        },
        tx,
      ),
    );
    const [mail] = await sink.waitFor(1, 15_000);
    expect(mail.subject).toBe('Your order #77 has shipped');
    const row = await until(
      () => db.outboxMessage.findFirstOrThrow({ where: { toAddress: 'ana@example.com' } }),
      (r) => r.status === 'sent',
    );
    expect(row.attempts).toBe(1);
  });
});

describe('KPI compaction', () => {
  it('no longer runs from a dashboard read; the kpi.compact job folds the deltas', async () => {
    await makeLocations();
    // 2 + 3 = 5 orders placed on one day, written as two pending deltas.
    await db.$executeRaw`INSERT INTO kpi_fact_deltas (day, channel, metric, value)
      VALUES ('2026-11-02', 'web', 'orders_placed', 2), ('2026-11-02', 'web', 'orders_placed', 3)`;
    await kpiReport({ from: '2026-11-01', to: '2026-11-30' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db.kpiFactDelta.count()).toBe(2);

    const id = await enqueueJob('kpi.compact', {});
    await until(
      () => jobById(id!),
      (job) => job?.state === 'completed',
    );
    expect(await db.kpiFactDelta.count()).toBe(0);
    const daily = await db.kpiDaily.findMany({ where: { metric: 'orders_placed', channel: 'web' } });
    expect(daily.map((d) => Number(d.value))).toEqual([5]);
  });
});

describe('two worker processes', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });

  function worker(): Promise<ChildProcess> {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const child = spawn(tsx, ['--conditions=react-server', 'tests/support/job-worker-process.ts'], {
      env: { ...process.env, DB_POOL_MAX: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        if (c.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
    });
  }

  it('run each of 120 jobs exactly once, sharing the work', async () => {
    await db.$executeRawUnsafe(JOB_TEST_RUNS_TABLE);
    await Promise.all([worker(), worker()]);
    const ids = new Set<string>();
    // Enqueued in bursts while both work, half of them inside transactions.
    for (let n = 0; n < 120; n += 1) {
      const id =
        n % 2 === 0
          ? await enqueueJob(recordRunJob, { n })
          : await db.$transaction((tx) => enqueueJob(recordRunJob, { n }, { tx }));
      ids.add(id!);
    }
    await until(
      () => jobList({ name: 'test.record', state: 'completed', limit: 500 }),
      (jobs) => jobs.length === 120,
      60_000,
    );
    const runs = await db.$queryRaw<{ job_id: string; n: number; pid: number }[]>`
      SELECT job_id::text, n, pid FROM job_test_runs`;
    expect(runs).toHaveLength(120);
    expect(new Set(runs.map((r) => r.job_id))).toEqual(ids);
    expect(new Set(runs.map((r) => r.n)).size).toBe(120);
    const pids = new Set(runs.map((r) => r.pid));
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);
  }, 120_000);
});
