import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { pruneEvents } from './prune-events';

/**
 * Daily (lib/jobs/schedules.ts): deletes events, finished webhook deliveries and finished automation
 * runs older than EVENT_RETENTION_DAYS (lib/events/prune-events.ts, decision 045). One waits at a
 * time; a failed run is retried by the next day's, which finds the same rows.
 */
export const pruneEventsJob = defineJob({
  name: 'events.prune',
  schema: z.object({}),
  policy: 'short',
  retry: { limit: 0 },
  timeoutSeconds: 3_600,
  concurrency: 1,
  handler: async () => {
    const r = await pruneEvents();
    if (r.events || r.deliveries || r.automation_runs)
      console.log(
        `[events] pruned ${r.events} events, ${r.deliveries} webhook deliveries ` +
          `and ${r.automation_runs} automation runs ` +
          `before ${r.cutoff.toISOString()}`,
      );
  },
});
