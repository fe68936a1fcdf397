import 'server-only';
import type { Tx } from '@/lib/db';
import { enqueueNotification, type EnqueueNotificationInput } from '@/lib/notify/enqueue';
import type { NotificationTemplate } from '@/lib/notify/templates';

/**
 * Queues a customer email for a return or refund step in the step's transaction (lib/notify outbox).
 * A missing ticket id is passed as undefined, the way the outbox wants it.
 */
export async function notifyCustomer<T extends NotificationTemplate>(
  tx: Tx,
  input: Omit<EnqueueNotificationInput<T>, 'ticketId'> & { ticketId?: string | null },
): Promise<{ id: string }> {
  return enqueueNotification({ ...input, ticketId: input.ticketId ?? undefined }, tx);
}
