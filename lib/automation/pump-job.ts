import 'server-only';
import { defineJob } from '@/lib/jobs/registry';
import { ZPumpJobInput } from '@/lib/jobs/schemas';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { runAutomationPass } from './run-rules';

/**
 * Automation rules on the job queue (decision 026), after the event's transaction: like
 * webhooks.pump, a run makes a pass (queue runs for new events from the automation cursor, then run
 * them) every AUTOMATION_POLL_MS (default 1000 ms) for `seconds`, then queues the next run; the
 * every-minute schedule restarts a broken chain. Several workers are safe (advisory lock to queue,
 * SKIP LOCKED to claim runs).
 */
export const pumpAutomationJob = defineJob({
  name: 'automation.pump',
  schema: ZPumpJobInput,
  policy: 'short',
  retry: { limit: 0 },
  timeoutSeconds: 120,
  concurrency: 1,
  handler: async ({ seconds, chain }) => {
    const interval = Number(process.env.AUTOMATION_POLL_MS ?? 1000);
    const until = Date.now() + seconds * 1000;
    try {
      while (Date.now() < until) {
        const r = await runAutomationPass();
        if (r.failed) console.log(`[automation] ${r.runs} runs, ${r.failed} failed`);
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    } finally {
      if (chain) await enqueueJob('automation.pump', {}).catch(() => {});
    }
  },
});
