import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { shopTimezone } from '@/lib/settings/queries';
import { previousPeriod, revalueForeignBalances } from '@/lib/ledger/revalue-foreign-balances';

/**
 * Month-end FX revaluation (decision 035): on the first days of a month (lib/jobs/schedules.ts)
 * revalues the month before, or the month given. Posting it twice is impossible (one row per
 * month), so a repeated run does nothing. A missing rate or a locked period fails the run, which is
 * retried a few times and then waits in Settings → Jobs; the screen's button runs the same use case.
 */
export const revalueFxJob = defineJob({
  name: 'ledger.revalue-fx',
  schema: z.object({ period: z.string().optional() }),
  policy: 'singleton',
  retry: { limit: 3, delaySeconds: 600, backoff: true },
  timeoutSeconds: 15 * 60,
  concurrency: 1,
  handler: async (data) => {
    const period = data.period ?? previousPeriod(await shopTimezone());
    const result = await revalueForeignBalances({
      input: { period },
      actor: { ...SYSTEM_ACTOR, label: 'month-end revaluation' },
    });
    if (!result.already)
      console.log(`[ledger] revalued ${period}: ${result.lines.length} balances, difference ${result.total}`);
  },
});
