import 'server-only';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { nextStatus, type OrderStatus } from '@/lib/orders/rules';
import { lockOrder } from '@/lib/orders/lock-order';

type Move = 'approve' | 'hold' | 'release';

/**
 * approve (fraud review passed: pending_review → open), hold (with a reason) and release (on_hold →
 * open). Stock stays reserved throughout; only cancel releases it.
 */
export async function changeOrderStatus(
  options: { orderId: string; move: Move; reason?: string; actor: Actor },
  tx?: Tx,
): Promise<{ id: string; number: number; status: OrderStatus }> {
  if (options.move === 'hold' && !options.reason?.trim())
    throw new AppError('VALIDATION_FAILED', 'Give a reason for the hold', [
      { field: 'reason', message: 'Give a reason for the hold' },
    ]);
  const run = async (tx: Tx) => {
    const order = await lockOrder(tx, options.orderId);
    const status = nextStatus(order.status, options.move);
    await tx.order.update({
      where: { id: order.id },
      data: {
        status,
        holdReason:
          options.move === 'hold' ? options.reason!.trim() : options.move === 'release' ? null : undefined,
      },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: `order.${options.move === 'approve' ? 'approved' : options.move === 'hold' ? 'held' : 'released'}`,
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status, hold_reason: order.hold_reason },
      after: { status, ...(options.reason ? { reason: options.reason.trim() } : {}) },
    });
    await recordOrderEvent(tx, options.move === 'hold' ? 'order.held' : 'order.updated', order.id);
    return { id: order.id, number: order.number, status };
  };
  return tx ? run(tx) : db.$transaction(run);
}
