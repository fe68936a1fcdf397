import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { postRefund } from '@/lib/refunds/post-refund';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/permissions';
import { formatMoney } from '@/lib/money';
import { needsApproval, refundCap, refundTotal } from '@/lib/refunds/rules';
import { refundDetail, type RefundDto } from '@/lib/refunds/queries';

/** May this actor issue refunds above the support limit (DESIGN: a manager approves)? */
export function actorCanApproveRefunds(actor: Actor): boolean {
  return actorCan(actor, 'refunds:approve');
}

export type RefundDraft = {
  kind: 'return' | 'goodwill' | 'exchange';
  returnId?: string | null;
  ticketId?: string | null;
  goods: number;
  tax: number;
  shipping: number;
  fee: number;
  reason?: string | null;
  lines: {
    return_line_id: string;
    order_line_id: string;
    sku: string;
    quantity: number;
    goods: number;
    tax: number;
    fee: number;
  }[];
  idempotencyKey?: string | null;
  /** exchange credit is never held for approval: it pays the replacement order */
  skipApproval?: boolean;
};

/**
 * Writes a refund on an order whose row the caller has locked (lockOrder / lockReturn), so the cap
 * check and the write are serialised per order:
 * - a repeated idempotency key returns the first refund and writes nothing;
 * - amount = goods + tax + shipping − restocking fee, at most what was paid minus what was refunded
 *   and what waits for approval (422 on `amount` otherwise);
 * - above the shop's support refund limit, an actor without refunds:approve leaves it pending;
 *   its units are held so that no second refund takes them meanwhile.
 */
export async function createRefund(
  t: Tx,
  order: { id: string; number: number },
  draft: RefundDraft,
  actor: Actor,
): Promise<{ refund: RefundDto; replayed: boolean }> {
  if (draft.idempotencyKey) {
    const existing = await t.refund.findUnique({
      where: { idempotencyKey: draft.idempotencyKey },
      select: { id: true, orderId: true },
    });
    if (existing) {
      if (existing.orderId !== order.id)
        throw new AppError(
          'CONFLICT',
          'This idempotency key was already used for a refund on another order.',
        );
      return { refund: (await refundDetail(existing.id, t))!, replayed: true };
    }
  }
  const amount = refundTotal(draft);
  if (amount <= 0)
    throw new AppError('VALIDATION_FAILED', 'Nothing to refund: the amount comes to zero.', [
      { field: 'amount', message: 'The refund must be more than zero' },
    ]);
  const o = await t.order.findUniqueOrThrow({
    where: { id: order.id },
    select: { amountPaid: true, currency: true, status: true },
  });
  const [pending] = await t.$queryRaw<
    { sum: number }[]
  >`SELECT COALESCE(SUM(amount), 0)::int AS sum FROM refunds WHERE order_id = ${order.id}::uuid AND
    status = 'pending_approval'`;
  const cap = refundCap({ amountPaid: o.amountPaid, pending: pending.sum });
  if (amount > cap) {
    throw new AppError(
      'VALIDATION_FAILED',
      `At most ${formatMoney(cap, o.currency)} can be refunded on order #${order.number} (paid and ` +
        `not refunded: ${formatMoney(o.amountPaid, o.currency)}` +
        `${pending.sum ? `, awaiting approval: ${formatMoney(pending.sum, o.currency)}` : ''}); ` +
        `this refund is ${formatMoney(amount, o.currency)}.`,
      [{ field: 'amount', message: `At most ${formatMoney(cap, o.currency)}` }],
    );
  }
  const settings = await t.shopSettings.findUnique({
    where: { id: 1 },
    select: { supportRefundLimit: true },
  });
  const pendingApproval =
    !draft.skipApproval &&
    needsApproval(amount, settings?.supportRefundLimit ?? 0, actorCanApproveRefunds(actor));
  const created = await t.refund.create({
    data: {
      orderId: order.id,
      returnId: draft.returnId ?? null,
      ticketId: draft.ticketId ?? null,
      kind: draft.kind,
      status: pendingApproval ? 'pending_approval' : 'issued',
      currency: o.currency,
      amount,
      goodsAmount: draft.goods,
      taxAmount: draft.tax,
      shippingAmount: draft.shipping,
      restockingFee: draft.fee,
      reason: draft.reason ?? null,
      idempotencyKey: draft.idempotencyKey ?? null,
      lines: draft.lines,
      requestedById: actor.id,
      requestedBy: actor.label,
      issuedAt: pendingApproval ? null : new Date(),
    },
    select: { id: true, number: true },
  });
  for (const l of draft.lines) {
    await t.returnLine.update({
      where: { id: l.return_line_id },
      data: { quantityRefunded: { increment: l.quantity } },
      select: { id: true },
    });
  }
  const base = {
    refund_id: created.id,
    number: created.number,
    order_id: order.id,
    return_id: draft.returnId ?? null,
    ticket_id: draft.ticketId ?? null,
    kind: draft.kind,
    amount,
    currency: o.currency,
    goods: draft.goods,
    tax: draft.tax,
    shipping: draft.shipping,
    restocking_fee: draft.fee,
    reason: draft.reason ?? null,
  };
  if (pendingApproval) {
    await audit(t, {
      actor,
      action: 'refund.requested',
      entityType: 'refund',
      entityId: created.id,
      after: { ...base, status: 'pending_approval', limit: settings?.supportRefundLimit ?? 0 },
    });
  } else {
    await postRefund(
      t,
      order,
      {
        id: created.id,
        number: created.number,
        amount,
        goods: draft.goods,
        tax: draft.tax,
        shipping: draft.shipping,
        fee: draft.fee,
        kind: draft.kind,
        returnId: draft.returnId ?? null,
        ticketId: draft.ticketId ?? null,
      },
      actor,
    );
    await audit(t, {
      actor,
      action: 'refund.issued',
      entityType: 'refund',
      entityId: created.id,
      after: { ...base, status: 'issued' },
    });
  }
  const refund = (await refundDetail(created.id, t))!;
  if (refund.status === 'issued')
    await recordEvent(t, { type: 'refund.issued', resourceId: created.id, data: refund });
  return { refund, replayed: false };
}
