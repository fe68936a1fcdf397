import 'server-only';
import type { Tx } from '@/lib/db';

/**
 * Queues a customer email for a return or refund step, in the step's transaction.
 * Thin seam over lib/notify/enqueue.ts (replaced by the real call once main has the outbox).
 */
export async function notifyCustomer(
  tx: Tx,
  input: { template: string; to: string; data: Record<string, unknown>; orderId?: string; returnId?: string; ticketId?: string | null; dedupeKey?: string },
): Promise<{ id: string } | null> {
  void tx;
  void input;
  return null;
}
