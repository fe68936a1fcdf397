import 'server-only';
import { deliverPendingNotifications } from './deliver-pending';
import { mailConfig } from './mailer';

const globalForWorker = globalThis as unknown as { backroomNotifyWorker?: NodeJS.Timeout };

/**
 * Polls the outbox and sends what is due, inside the app's server process (started from
 * instrumentation.ts). Runs only when SMTP_URL is set; one pass at a time; errors are logged and the
 * next tick tries again. NOTIFY_POLL_MS sets the interval (default 5 s).
 */
export function startNotificationWorker(): void {
  if (globalForWorker.backroomNotifyWorker) return;
  const config = mailConfig();
  if (!config) {
    console.log('[notify] SMTP_URL is not set: customer emails are kept in Settings → Outbox, not sent');
    return;
  }
  const interval = Number(process.env.NOTIFY_POLL_MS ?? 5000);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await deliverPendingNotifications();
      if (result.sent || result.retrying || result.failed)
        console.log(`[notify] sent ${result.sent}, retrying ${result.retrying}, failed ${result.failed}`);
    } catch (error) {
      console.error('[notify] delivery pass failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  globalForWorker.backroomNotifyWorker = setInterval(() => void tick(), interval);
  globalForWorker.backroomNotifyWorker.unref();
  console.log(`[notify] sending customer emails through ${config.host} every ${interval} ms`);
}
