import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { dispatchEvents } from './dispatch-events';
import { deliverDueWebhooks } from './deliver-due';

/** One pass: new events become deliveries, then what is due is sent. */
export async function runWebhookPass(): Promise<{
  events: number;
  succeeded: number;
  retrying: number;
  failed: number;
}> {
  const dispatched = await dispatchEvents();
  const sent = await deliverDueWebhooks();
  return { events: dispatched.events, ...sent };
}

/**
 * Webhook deliveries on the job queue (decision 022). A run makes a pass every WEBHOOK_POLL_MS
 * (default 500 ms) while idle, and one after another while there is work, for `seconds` (10), then
 * queues the next run (pg-boss's NOTIFY starts it at
 * once), so commit-to-delivery lag stays under a second without a job per event (order intake
 * writes its event in SQL and enqueues nothing), and a stopping worker waits at most one short run.
 * The every-minute schedule (lib/jobs/schedules.ts) restarts the chain if it breaks. One waits at a
 * time ('short'); runs on several workers are safe: dispatch serialises on an advisory lock and
 * deliveries are claimed with SKIP LOCKED. A failed run is not retried: the chain or the schedule
 * carries on, and each delivery keeps its own retry schedule.
 */
export const pumpWebhooksJob = defineJob({
  name: 'webhooks.pump',
  schema: z.object({
    seconds: z.number().positive().max(60).default(10),
    /** false: do not queue the next run (tests). */
    chain: z.boolean().default(true),
  }),
  policy: 'short',
  retry: { limit: 0 },
  timeoutSeconds: 120,
  concurrency: 1,
  handler: async ({ seconds, chain }) => {
    const interval = Number(process.env.WEBHOOK_POLL_MS ?? 500);
    const until = Date.now() + seconds * 1000;
    try {
      while (Date.now() < until) {
        const r = await runWebhookPass();
        if (r.failed)
          console.log(`[webhooks] ${r.succeeded} delivered, ${r.retrying} retrying, ${r.failed} failed`);
        // A pass that found work goes again at once (a backlog drains without waiting); an idle one waits.
        const busy = r.events + r.succeeded + r.retrying + r.failed > 0;
        if (!busy) await new Promise((resolve) => setTimeout(resolve, interval));
      }
    } finally {
      if (chain) await enqueueJob('webhooks.pump', {}).catch(() => {});
    }
  },
});
