import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';

/**
 * The audit row of a return's move (return.approved, .received, .inspected …): before is the status
 * it left, after names the return, its order and ticket (what the order and ticket timelines look the
 * row up by) and the status it reached, plus what the move itself adds (`details`).
 */
export async function auditReturn(
  t: Tx,
  options: {
    actor: Actor;
    action: `return.${string}`;
    return: { id: string; number: number; orderId: string; ticketId: string | null; status: string };
    status: string;
    details: Record<string, unknown>;
  },
): Promise<void> {
  const r = options.return;
  await audit(t, {
    actor: options.actor,
    action: options.action,
    entityType: 'return',
    entityId: r.id,
    before: { status: r.status },
    after: {
      return_id: r.id,
      number: r.number,
      order_id: r.orderId,
      ticket_id: r.ticketId,
      status: options.status,
      ...options.details,
    },
  });
}
