import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { compactKpiFacts } from './rebuild';

/**
 * Folds pending KPI deltas into the rollups, every minute (lib/jobs/schedules.ts), so the
 * dashboard's reads never write (docs/decisions/014-kpi-rollups.md, 021-job-queue.md). One waits
 * at a time ('short'); compactKpiFacts itself lets one compactor run at a time. A failed run is
 * not retried: the next minute's run does the same work.
 */
export const compactKpiJob = defineJob({
  name: 'kpi.compact',
  schema: z.object({}),
  policy: 'short',
  retry: { limit: 0 },
  timeoutSeconds: 30 * 60,
  concurrency: 1,
  handler: async () => {
    const folded = await compactKpiFacts();
    if (folded > 0) console.log(`[kpi] compacted ${folded} daily fact groups`);
  },
});
