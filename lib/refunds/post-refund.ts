import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { paymentStatusAfterRefund } from '@/lib/refunds/rules';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postOrderEntry } from '@/lib/ledger/post-foreign-entry';
import { customerOf } from '@/lib/returns/lock-return';
import { notifyCustomer } from '@/lib/returns/notify';
import { recordRefundIssuedFacts } from '@/lib/kpi/facts';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { recordTaxReversal } from '@/lib/ledger/tax-lines';

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
  // In the order's currency, at the order's carried rate: the refund reverses at the rate of the sale.
  const entry = await postOrderEntry(t, order.id, {
    memo:
      `Refund #${r.number}` +
      (r.kind === 'goodwill' ? ' (goodwill)' : r.kind === 'exchange' ? ' (exchange credit)' : '') +
      ', ' +
      `order #${order.number}`,
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
  // Its share of each of the order's tax lines (decision 042): taxable = goods + shipping refunded.
  await recordTaxReversal(t, {
    kind: 'refund',
    orderId: order.id,
    refundId: r.id,
    entryId: entry?.id ?? null,
    taxable: r.goods + r.shipping,
    tax: r.tax,
  });
  const [row] = await t.$queryRaw<
    { amount_paid: number }[]
  >`UPDATE orders SET amount_paid = amount_paid - ${r.amount}, updated_at = now() WHERE id =
    ${order.id}::uuid RETURNING amount_paid`;
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
