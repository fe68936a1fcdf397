import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { draftReturnRefund } from '@/lib/refunds/refund-return';
import { isUuid } from '@/lib/boundary';
import { refundCap } from '@/lib/refunds/rules';

/** What an order can still give back: paid minus refunded minus what waits for approval, and shipping not refunded. */
export async function refundRoom(orderId: string, tx: Tx = db) {
  if (!isUuid(orderId)) return null;
  const o = await tx.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      currency: true,
      amountPaid: true,
      shippingAmount: true,
      paymentStatus: true,
      email: true,
    },
  });
  if (!o) return null;
  const [r] = await tx.$queryRaw<{ pending: number; shipping: number }[]>`
    SELECT COALESCE(SUM(amount) FILTER (WHERE status = 'pending_approval'), 0)::int AS pending,
           COALESCE(SUM(shipping_amount) FILTER (WHERE status <> 'declined'), 0)::int AS shipping
    FROM refunds WHERE order_id = ${orderId}::uuid`;
  return {
    ...o,
    paidLeft: refundCap({ amountPaid: o.amountPaid, pending: r.pending }),
    pending: r.pending,
    shippingLeft: Math.max(o.shippingAmount - r.shipping, 0),
  };
}

/** The refund form's starting point: what the return's received, unrefunded units come to (null: nothing to refund). */
export async function returnRefundPreview(r: { id: string; number: number; orderId: string }, tx: Tx = db) {
  try {
    const draft = await draftReturnRefund(tx, r, {});
    return {
      goods: draft.goods,
      tax: draft.tax,
      fee: draft.fee,
      units: draft.lines.reduce((s, l) => s + l.quantity, 0),
    };
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
