import 'server-only';
import { withOwnPool } from '@/lib/db';
import { defineJob } from '@/lib/jobs/registry';
import { ZPumpJobInput } from '@/lib/jobs/schemas';
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

/** How long an idle loop waits before looking again, ms (WEBHOOK_POLL_MS, default 250). */
function pollInterval(): number {
  const raw = process.env.WEBHOOK_POLL_MS;
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 250;
}

/** Connections of the sender's own pool (WEBHOOK_POOL_MAX, default 3). */
function poolSize(): number {
  const raw = process.env.WEBHOOK_POOL_MAX;
  return raw !== undefined && /^[1-9]\d*$/.test(raw) ? Number(raw) : 3;
}

/** A wait that ends after `ms`, or as soon as `wake()` is called. */
function wakeableSleep() {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      }),
    wake: () => wake?.(),
  };
}

/**
 * Webhook deliveries on the job queue (decision 022). A run, for `seconds` (10), keeps two loops
 * going side by side: one turns new events into deliveries, the other sends what is due — so a new
 * event never waits for the previous batch's requests to come back (issue 14: lag under load). A loop
 * that found work goes again at once; an idle one waits WEBHOOK_POLL_MS (250 ms), and the sender is
 * woken as soon as the dispatcher has made deliveries. Then the run queues the next (pg-boss's
 * NOTIFY starts it at once), so there is no job per event (order intake writes its event in SQL and
 * enqueues nothing), and a stopping worker waits at most one short run. The every-minute schedule
 * (lib/jobs/schedules.ts) restarts the chain if it breaks. One waits at a time ('short'); runs on
 * several workers are safe: dispatch serialises on an advisory lock and deliveries are claimed with
 * SKIP LOCKED. A failed run is not retried: the chain or the schedule carries on, and each delivery
 * keeps its own retry schedule. The loops run on a pool of their own (WEBHOOK_POOL_MAX, 3
 * connections), so web requests filling the process's main pool do not hold deliveries back.
 */
export const pumpWebhooksJob = defineJob({
  name: 'webhooks.pump',
  schema: ZPumpJobInput,
  policy: 'short',
  retry: { limit: 0 },
  timeoutSeconds: 120,
  concurrency: 1,
  handler: async ({ seconds, chain }) => {
    const interval = pollInterval();
    const until = Date.now() + seconds * 1000;
    const sender = wakeableSleep();
    const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let failed = false;
    const going = () => !failed && Date.now() < until;
    const loop = async (step: () => Promise<boolean>, wait: (ms: number) => Promise<unknown>) => {
      try {
        while (going()) if (!(await step())) await wait(interval);
      } catch (error) {
        failed = true;
        sender.wake();
        throw error;
      }
    };
    try {
      await withOwnPool('webhooks', poolSize(), () =>
        Promise.all([
          loop(async () => {
            const r = await dispatchEvents();
            if (r.deliveries) sender.wake();
            return r.events > 0;
          }, idle),
          loop(async () => {
            const r = await deliverDueWebhooks();
            if (r.failed)
              console.log(`[webhooks] ${r.succeeded} delivered, ${r.retrying} retrying, ${r.failed} failed`);
            return r.succeeded + r.retrying + r.failed > 0;
          }, sender.sleep),
        ]),
      );
    } finally {
      if (chain) await enqueueJob('webhooks.pump', {}).catch(() => {});
    }
  },
});
