import 'server-only';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { PAYMENT_DUE_HOLD_REASON, isPaymentDue, nextStatus, type OrderStatus } from '@/lib/orders/rules';
import { lockOrder } from '@/lib/orders/lock-order';

type Move = 'approve' | 'hold' | 'release';

/**
 * approve (fraud review passed: pending_review → open), hold (with a reason) and release (on_hold →
 * open). Stock stays reserved throughout; only cancel releases it. An approved order that is not paid
 * (nor authorized) in full goes on to the payment-due hold instead of the queue, unless the shop
 * ships on invoice (decision 031); a manager may still release that hold by hand (audited).
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
    let status = nextStatus(order.status, options.move);
    let holdReason =
      options.move === 'hold' ? options.reason!.trim() : options.move === 'release' ? null : undefined;
    if (options.move === 'approve') {
      const [money] = await tx.$queryRaw<{ payment_status: string; ship_unpaid: boolean }[]>`
        SELECT o.payment_status::text, coalesce(s.ship_unpaid_orders, false) AS ship_unpaid
          FROM orders o LEFT JOIN shop_settings s ON s.id = 1 WHERE o.id = ${order.id}::uuid`;
      if (isPaymentDue(money.payment_status) && !money.ship_unpaid) {
        status = 'on_hold';
        holdReason = PAYMENT_DUE_HOLD_REASON;
      }
    }
    await tx.order.update({
      where: { id: order.id },
      data: { status, holdReason },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: `order.${options.move === 'approve' ? 'approved' : options.move === 'hold' ? 'held' : 'released'}`,
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status, hold_reason: order.hold_reason },
      after: {
        status,
        ...(options.reason ? { reason: options.reason.trim() } : {}),
        ...(options.move === 'approve' && holdReason ? { hold_reason: holdReason } : {}),
      },
    });
    await recordOrderEvent(tx, options.move === 'hold' ? 'order.held' : 'order.updated', order.id);
    return { id: order.id, number: order.number, status };
  };
  return tx ? run(tx) : db.$transaction(run);
}
