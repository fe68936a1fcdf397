import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { deliverPendingNotifications } from './deliver-pending';
import { mailConfig } from './mailer';

let warned = false;

/**
 * Sends customer email. enqueueNotification queues one run per message in the event's own
 * transaction, so the email goes out right after commit; a send that fails is rescheduled by the
 * outbox's own rules (lib/notify/rules.ts: 30 s doubling, 8 tries, then failed). Without a
 * messageId (the 5-minute schedule) it sends whatever is due, which also picks up messages queued
 * while SMTP_URL was unset. The outbox row, not the job, is the record an admin sees.
 */
export const deliverNotificationsJob = defineJob({
  name: 'notify.deliver',
  schema: z.object({ messageId: z.uuid().optional() }),
  // The outbox keeps its own retry schedule; this one covers the database being unreachable.
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  concurrency: 2,
  handler: async ({ messageId }) => {
    if (!mailConfig()) {
      if (!warned) console.log('[notify] SMTP_URL is not set: customer emails stay in Settings → Outbox');
      warned = true;
      return;
    }
    const result = await deliverPendingNotifications(messageId ? { messageIds: [messageId] } : {});
    if (result.sent || result.retrying || result.failed)
      console.log(`[notify] sent ${result.sent}, retrying ${result.retrying}, failed ${result.failed}`);
  },
});
