import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { recordOrderEvent } from '@/lib/events/resource-events';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { roleHas, scopesHave } from '@/lib/auth/permissions';
import { formatMoney } from '@/lib/money';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { customerOf } from '@/lib/returns/lock-return';
import { notifyCustomer } from '@/lib/returns/notify';
import { needsApproval, paymentStatusAfterRefund } from '@/lib/returns/rules';
import { refundDetail, type RefundDto } from '@/lib/returns/queries';
import { recordRefundIssuedFacts } from '@/lib/kpi/facts';

/** May this actor issue refunds above the support limit (DESIGN: a manager approves)? */
export function actorCanApproveRefunds(actor: Actor): boolean {
  if (actor.type === 'system') return true;
  if (actor.type === 'user') return roleHas(actor.role, 'refunds:approve');
  return scopesHave(actor.scopes, 'refunds:approve');
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
  const amount = draft.goods + draft.tax + draft.shipping - draft.fee;
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
  >`SELECT COALESCE(SUM(amount), 0)::int AS sum FROM refunds WHERE order_id = ${order.id}::uuid AND status = 'pending_approval'`;
  const cap = o.amountPaid - pending.sum;
  if (amount > cap) {
    throw new AppError(
      'VALIDATION_FAILED',
      `At most ${formatMoney(Math.max(cap, 0), o.currency)} can be refunded on order #${order.number} (paid and not refunded: ${formatMoney(o.amountPaid, o.currency)}${pending.sum ? `, awaiting approval: ${formatMoney(pending.sum, o.currency)}` : ''}); this refund is ${formatMoney(amount, o.currency)}.`,
      [{ field: 'amount', message: `At most ${formatMoney(Math.max(cap, 0), o.currency)}` }],
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

/**
 * Issues refunded money (docs/decisions/012):
 *   Dr Sales returns goods, Dr Sales tax payable tax, Dr Shipping revenue shipping
 *   / Cr Restocking fees fee, Cr Payment processor clearing amount
 * and lowers what the order has paid (payment status partially_refunded / refunded), and records the
 * KPI facts (refunds_count, refunds_amount on the issue day). The customer is emailed, except for
 * exchange credit (the exchange email says it all). The caller has written status issued + issued_at.
 */
export async function postRefund(
  t: Tx,
  order: { id: string; number: number },
  r: {
    id: string;
    number: number;
    amount: number;
    goods: number;
    tax: number;
    shipping: number;
    fee: number;
    kind: string;
    returnId: string | null;
    ticketId: string | null;
  },
  actor: Actor,
) {
  await postJournalEntry(t, {
    memo: `Refund #${r.number}${r.kind === 'goodwill' ? ' (goodwill)' : r.kind === 'exchange' ? ' (exchange credit)' : ''}, order #${order.number}`,
    source: { type: 'refund', id: r.id },
    actor,
    lines: [
      dr(ACCOUNTS.returns, r.goods),
      dr(ACCOUNTS.salesTax, r.tax),
      dr(ACCOUNTS.shippingRevenue, r.shipping),
      cr(ACCOUNTS.restockingFees, r.fee),
      cr(ACCOUNTS.clearing, r.amount),
    ],
  });
  const [row] = await t.$queryRaw<
    { amount_paid: number }[]
  >`UPDATE orders SET amount_paid = amount_paid - ${r.amount}, updated_at = now() WHERE id = ${order.id}::uuid RETURNING amount_paid`;
  if (row.amount_paid < 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `Refund #${r.number} is more than order #${order.number} has paid.`,
      [{ field: 'amount', message: 'More than was paid' }],
    );
  const paymentStatus = paymentStatusAfterRefund(row.amount_paid);
  await t.order.update({ where: { id: order.id }, data: { paymentStatus }, select: { id: true } });
  if (paymentStatus === 'refunded')
    await t.payment.updateMany({
      where: { orderId: order.id, status: 'captured' },
      data: { status: 'refunded' },
    });
  // Amount paid and payment status changed: an order.updated beside the refund.issued.
  await recordOrderEvent(t, 'order.updated', order.id);
  await recordRefundIssuedFacts(t, r.id);
  if (r.kind !== 'exchange') {
    const customer = await customerOf(t, order.id);
    await notifyCustomer(t, {
      template: 'refund_issued',
      to: customer.email,
      orderId: order.id,
      returnId: r.returnId ?? undefined,
      ticketId: r.ticketId,
      dedupeKey: `refund:${r.id}:issued`,
      data: {
        customer_name: customer.name,
        order_number: customer.orderNumber,
        refund_number: r.number,
        amount: r.amount,
        currency: customer.currency,
        amount_formatted: formatMoney(r.amount, customer.currency),
        restocking_fee: r.fee,
        shipping: r.shipping,
        full: paymentStatus === 'refunded',
      },
    });
  }
  return { paymentStatus, amountPaid: row.amount_paid };
}
