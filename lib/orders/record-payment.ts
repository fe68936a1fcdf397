import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { lockOrder } from '@/lib/orders/lock-order';
import { postCapture } from '@/lib/orders/posting';
import { inPaymentDueHold, isPaymentDue, paymentStatusFor, type PaymentStatus } from '@/lib/orders/rules';
import { ZRecordPaymentInput, type TRecordPaymentInput } from '@/lib/orders/schemas';
import { recordOrderEvent } from '@/lib/events/resource-events';

export type RecordedPayment = {
  payment_id: string;
  order_id: string;
  order_number: number;
  payment_status: PaymentStatus;
  amount_paid: number;
  /** true when this payment covered the order and took it out of the payment-due hold */
  released: boolean;
  status: string;
};

/**
 * Records money received for an order after intake (decision 031): the payment row, the capture's
 * journal entry (Dr clearing / Cr receivable, with the processor fee) and the order's amount paid and
 * payment status. When the order waited in the payment-due hold and is now paid (or authorized) in
 * full, the hold is released: the order goes to the fulfillment queue. All in one transaction, with
 * an audit row (the order's timeline) and an order.updated event.
 *
 * Refused (422 on `amount`): more than is still owed — captured beyond total − amount paid, or an
 * authorization beyond what is neither captured nor authorized. A cancelled order takes no payment.
 */
export async function recordPayment(
  options: { orderId: string; input: TRecordPaymentInput; actor: Actor },
  tx?: Tx,
): Promise<RecordedPayment> {
  const parsed = ZRecordPaymentInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const run = async (t: Tx): Promise<RecordedPayment> => {
    const locked = await lockOrder(t, options.orderId);
    if (locked.status === 'cancelled')
      throw new AppError('INVALID_STATE', `Order #${locked.number} is cancelled: it takes no payment.`);
    const order = await t.order.findUniqueOrThrow({
      where: { id: locked.id },
      select: { total: true, amountPaid: true, currency: true, paymentStatus: true },
    });
    const payments = await t.payment.groupBy({
      by: ['status'],
      where: { orderId: locked.id },
      _sum: { amount: true },
    });
    const sum = (s: string) => payments.find((p) => p.status === s)?._sum.amount ?? 0;
    // Refunded payments were captured first; what is refunded is captured − amount paid.
    const captured = sum('captured') + sum('refunded');
    const authorized = sum('authorized');
    const refunded = Math.max(0, captured - order.amountPaid);
    const owed = order.total - order.amountPaid;
    const room = input.status === 'captured' ? owed : owed - authorized;
    if (input.amount > room) {
      const message =
        room <= 0
          ? `Nothing is owed on order #${locked.number}.`
          : `At most ${formatMoney(room, order.currency)} is owed on order #${locked.number}.`;
      throw new AppError('VALIDATION_FAILED', message, [{ field: 'amount', message }]);
    }
    const fee = input.status === 'captured' ? (input.fee ?? 0) : 0;
    const paymentId = randomUUID();
    await t.payment.create({
      data: {
        id: paymentId,
        orderId: locked.id,
        method: input.method,
        status: input.status,
        amount: input.amount,
        currency: order.currency,
        feeAmount: fee,
      },
      select: { id: true },
    });
    const nowCaptured = captured + (input.status === 'captured' ? input.amount : 0);
    const nowAuthorized = authorized + (input.status === 'authorized' ? input.amount : 0);
    const amountPaid = order.amountPaid + (input.status === 'captured' ? input.amount : 0);
    const paymentStatus = paymentStatusFor({
      captured: nowCaptured,
      authorized: nowAuthorized,
      refunded,
      total: order.total,
    });
    const released = inPaymentDueHold(locked) && !isPaymentDue(paymentStatus);
    const status = released ? 'open' : locked.status;
    await t.order.update({
      where: { id: locked.id },
      data: { amountPaid, paymentStatus, ...(released ? { status: 'open', holdReason: null } : {}) },
      select: { id: true },
    });
    if (input.status === 'captured')
      await postCapture(t, { id: locked.id, number: locked.number }, input.amount, fee, options.actor);
    await audit(t, {
      actor: options.actor,
      action: 'order.payment_recorded',
      entityType: 'order',
      entityId: locked.id,
      before: { payment_status: order.paymentStatus, amount_paid: order.amountPaid, status: locked.status },
      after: {
        payment_id: paymentId,
        method: input.method,
        payment: input.status,
        amount: input.amount,
        currency: order.currency,
        payment_status: paymentStatus,
        amount_paid: amountPaid,
        status,
        released,
      },
    });
    await recordOrderEvent(t, 'order.updated', locked.id);
    return {
      payment_id: paymentId,
      order_id: locked.id,
      order_number: locked.number,
      payment_status: paymentStatus,
      amount_paid: amountPaid,
      released,
      status,
    };
  };
  return tx ? run(tx) : db.$transaction(run);
}
