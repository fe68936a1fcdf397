import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { checkSlaBreaches } from './check-sla-breaches';

/**
 * Every minute (lib/jobs/schedules.ts): records the SLA clocks that breached since the last run
 * (lib/support/check-sla-breaches.ts). One waits at a time; a failed run is not retried, the next
 * minute's run finds the same tickets.
 */
export const checkSlaJob = defineJob({
  name: 'support.check-sla',
  schema: z.object({}),
  policy: 'short',
  retry: { limit: 0 },
  concurrency: 1,
  handler: async () => {
    const breaches = await checkSlaBreaches();
    if (breaches.length) console.log(`[support] ${breaches.length} SLA clocks breached`);
  },
});
