import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { executeReplenishmentRun } from './execute-run';
import { startReplenishmentRun } from './start-run';

/**
 * Computes a queued replenishment run; without `run_id` (the nightly schedule, lib/jobs/schedules.ts)
 * it first records a run of its own. One at a time ('singleton'): runs read the same history and the
 * last to complete is the one the list shows. Not retried: a failed run stays failed with its error
 * and the next one (nightly, or a button) starts afresh.
 */
export const replenishmentRunJob = defineJob({
  name: 'replenishment.run',
  schema: z.object({ run_id: z.uuid().optional() }),
  policy: 'singleton',
  retry: { limit: 0 },
  timeoutSeconds: 30 * 60,
  concurrency: 1,
  handler: async ({ run_id }) => {
    const id =
      run_id ??
      (await startReplenishmentRun({ trigger: 'schedule', actor: SYSTEM_ACTOR, enqueue: false })).id;
    await executeReplenishmentRun(id);
  },
});
