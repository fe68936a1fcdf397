import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { sendDueSurveys } from './send-due-surveys';

/**
 * Every five minutes (lib/jobs/schedules.ts): sends the feedback surveys that are due, within the
 * shop's daily sending limit (lib/feedback/send-due-surveys.ts). One waits at a time; a failed run
 * is not retried, the next run finds the same surveys.
 */
export const sendSurveysJob = defineJob({
  name: 'feedback.send-surveys',
  schema: z.object({}),
  policy: 'short',
  retry: { limit: 0 },
  concurrency: 1,
  handler: async () => {
    const r = await sendDueSurveys();
    if (r.sent || r.skipped)
      console.log(`[feedback] ${r.sent} surveys sent, ${r.skipped} skipped, ${r.waiting} waiting`);
  },
});
