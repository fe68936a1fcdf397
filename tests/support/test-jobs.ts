import { z } from 'zod';
import { db } from '@/lib/db';
import { defineJob } from '@/lib/jobs/registry';

/**
 * Jobs only tests run. `test.record` writes one row per run into `job_test_runs` (the test creates
 * that table; it has no unique key, so a job run twice shows as two rows) with the worker's pid.
 */
export const recordRunJob = defineJob({
  name: 'test.record',
  schema: z.object({ n: z.number().int() }),
  retry: { limit: 0 },
  concurrency: 2,
  handler: async ({ n }, context) => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    await db.$executeRaw`INSERT INTO job_test_runs (job_id, n, pid) VALUES (${context.id}::uuid, ${n}, ${process.pid})`;
  },
});

export const JOB_TEST_RUNS_TABLE = `CREATE TABLE IF NOT EXISTS job_test_runs (
  job_id uuid NOT NULL, n int NOT NULL, pid int NOT NULL, ran_at timestamptz NOT NULL DEFAULT clock_timestamp())`;
