import 'server-only';
import type { Tx } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { surveyDueAt, type DeliveryDelays } from './rules';

export async function feedbackSettingsRow(tx: Tx) {
  const row = await tx.feedbackSettings.findUnique({ where: { id: 1 } });
  if (!row) throw new Error('feedback_settings row 1 is missing (migration 20261202200000_feedback)');
  return { ...row, deliveryDelayDays: (row.deliveryDelayDays ?? {}) as DeliveryDelays };
}

/**
 * An order became delivered (lib/fulfillment/add-tracking-event.ts, in its transaction): its survey is
 * scheduled the channel's delay after delivery. One per order whatever races: the unique order_id
 * makes a second insert (a replayed or concurrent delivery event) do nothing. A channel without a
 * delay gets none. The send job checks open returns, tickets and the unsubscribe when it is due.
 */
export async function scheduleDeliverySurvey(
  tx: Tx,
  order: { id: string; channel: string; customerId: string },
  deliveredAt: Date,
): Promise<void> {
  const settings = await feedbackSettingsRow(tx);
  const due = surveyDueAt(deliveredAt, order.channel, settings.deliveryDelayDays);
  if (!due) return;
  const inserted = await tx.$executeRaw`
    INSERT INTO feedback_surveys (kind, order_id, customer_id, channel, due_at)
    VALUES ('order', ${order.id}::uuid, ${order.customerId}::uuid, ${order.channel}, ${due})
    ON CONFLICT (order_id) DO NOTHING`;
  if (inserted) await wakeAt(tx, due);
}

/**
 * A send run due when the survey is (in this transaction: no commit, no job), so a survey goes out
 * minutes after it is due rather than at the next five-minute schedule. One waiting run per due
 * minute (singletonKey); the scheduled run is the backstop.
 */
async function wakeAt(tx: Tx, due: Date): Promise<void> {
  const minute = new Date(Math.ceil(due.getTime() / 60_000) * 60_000);
  await enqueueJob(
    'feedback.send-surveys',
    {},
    { tx, startAfter: minute, singletonKey: `due:${minute.toISOString()}` },
  );
}

/**
 * A ticket was solved (lib/support/change-ticket-status.ts, add-ticket-message.ts): "How did we do?"
 * is due at once (the send job's next run). One per ticket: solving it again after a reopen asks
 * nothing new.
 */
export async function scheduleTicketSurvey(
  tx: Tx,
  ticket: { id: string; customerId: string },
  solvedAt: Date,
): Promise<void> {
  const settings = await feedbackSettingsRow(tx);
  if (!settings.ticketSurveys) return;
  const inserted = await tx.$executeRaw`
    INSERT INTO feedback_surveys (kind, ticket_id, customer_id, channel, due_at)
    VALUES ('ticket', ${ticket.id}::uuid, ${ticket.customerId}::uuid, '', ${solvedAt})
    ON CONFLICT (ticket_id) DO NOTHING`;
  if (inserted) await wakeAt(tx, solvedAt);
}
