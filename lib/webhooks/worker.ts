import 'server-only';
import { dispatchEvents } from './dispatch-events';
import { deliverDueWebhooks } from './deliver-due';

const globalForWorker = globalThis as unknown as { backroomWebhookWorker?: NodeJS.Timeout };

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
 * Runs webhook passes inside the app's server process every WEBHOOK_POLL_MS (default 500 ms, so
 * commit-to-delivery lag stays under a second); one pass at a time; errors are logged and the next
 * tick tries again. Several processes may run it: dispatch serialises on an advisory lock and
 * deliveries are claimed with SKIP LOCKED.
 */
export function startWebhookWorker(): void {
  if (globalForWorker.backroomWebhookWorker) return;
  const interval = Number(process.env.WEBHOOK_POLL_MS ?? 500);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runWebhookPass();
      if (r.failed)
        console.log(`[webhooks] ${r.succeeded} delivered, ${r.retrying} retrying, ${r.failed} failed`);
    } catch (error) {
      console.error('[webhooks] pass failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  globalForWorker.backroomWebhookWorker = setInterval(() => void tick(), interval);
  globalForWorker.backroomWebhookWorker.unref();
}
