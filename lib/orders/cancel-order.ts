import 'server-only';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { releaseStock } from '@/lib/inventory/reservations';
import { reverseJournalEntry } from '@/lib/ledger/post-entry';
import { nextStatus, type OrderStatus, openQuantity } from '@/lib/orders/rules';
import { OPEN_LINE_SELECT } from '@/lib/orders/open-quantity-sql';
import { mulDivRoundHalfUp } from '@/lib/money';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { recordTaxReversal } from '@/lib/ledger/tax-lines';
import { cr, dr } from '@/lib/ledger/rules';
import { postOrderEntry } from '@/lib/ledger/post-foreign-entry';
import { lockOrder } from '@/lib/orders/lock-order';
import { cancelDropshipLines } from '@/lib/purchasing/cancel-dropship-lines';
import { postCaptureReturned } from '@/lib/orders/posting';
import { recordKpiFacts, shippedCompleteFacts } from '@/lib/kpi/facts';

/**
 * Cancels what has not shipped, in one transaction:
 * - an order nothing of which has shipped: releases every reservation, reverses the sale entry,
 *   returns captured money (payment status refunded) and voids authorizations → cancelled;
 * - a partly shipped order: releases and cancels the unshipped units, credits their value (line
 *   price, its share of discount and tax: Dr Sales, Dr Tax payable / Cr Discounts, Cr Receivable) and
 *   refunds what was paid beyond the reduced total → fulfilled (what shipped is the whole order).
 */
export async function cancelOrder(
  options: { orderId: string; reason: string; actor: Actor },
  tx?: Tx,
): Promise<{ id: string; number: number; status: 'cancelled' | 'fulfilled'; refunded: number }> {
  const run = async (t: Tx) => {
    const order = await lockOrder(t, options.orderId);
    if (order.status === 'partially_fulfilled') return cancelRemaining(t, order, options);
    nextStatus(order.status, 'cancel');
    const full = await t.order.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        amountPaid: true,
        channel: true,
        placedAt: true,
        location: { select: { id: true, code: true } },
        lines: { select: OPEN_LINE_SELECT },
        payments: { select: { id: true, status: true } },
      },
    });
    await cancelOpenUnits(t, order, full.location, openLines(full.lines), options.actor);

    const sale = await t.journalEntry.findFirst({
      where: { sourceType: 'order', sourceId: order.id, reversedBy: null },
      select: { id: true },
    });
    if (sale) {
      const reversal = await reverseJournalEntry(t, {
        entryId: sale.id,
        memo: `Order #${order.number} cancelled: ${options.reason}`,
        actor: options.actor,
      });
      // The reversal takes all of the sale's tax back out of 2100: record it against the order's tax
      // lines too (decision 042), or the sales-tax report shows it as a posting without a tax line
      // and each jurisdiction keeps the cancelled order's tax (decision 047).
      const [sold] = await t.$queryRaw<{ taxable: bigint; tax: bigint }[]>`
        SELECT coalesce(sum(taxable), 0)::bigint AS taxable, coalesce(sum(tax), 0)::bigint AS tax
          FROM tax_lines WHERE order_id = ${order.id}::uuid AND kind = 'sale'`;
      await recordTaxReversal(t, {
        kind: 'cancellation',
        orderId: order.id,
        entryId: reversal.id,
        taxable: Number(sold.taxable),
        tax: Number(sold.tax),
      });
    }
    const refunded = full.amountPaid;
    if (refunded > 0) await postCaptureReturned(t, order, refunded, options.actor);
    await t.payment.updateMany({
      where: { orderId: order.id, status: 'captured' },
      data: { status: 'refunded' },
    });
    await t.payment.updateMany({
      where: { orderId: order.id, status: 'authorized' },
      data: { status: 'voided' },
    });

    await t.order.update({
      where: { id: order.id },
      data: {
        status: 'cancelled',
        cancelledAt: new Date(),
        cancelReason: options.reason,
        amountPaid: 0,
        ...(refunded > 0 ? { paymentStatus: 'refunded' } : {}),
      },
      select: { id: true },
    });
    await recordKpiFacts(t, [{ at: full.placedAt, channel: full.channel, facts: { orders_cancelled: 1 } }]);
    await audit(t, {
      actor: options.actor,
      action: 'order.cancelled',
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status },
      after: { status: 'cancelled', reason: options.reason, refunded },
    });
    await recordOrderEvent(t, 'order.cancelled', order.id);
    return { id: order.id, number: order.number, status: 'cancelled' as const, refunded };
  };
  return tx ? run(tx) : db.$transaction(run);
}

async function cancelRemaining(
  t: Tx,
  order: { id: string; number: number; status: OrderStatus },
  options: { reason: string; actor: Actor },
) {
  const status = nextStatus(order.status, 'cancel_remaining');
  const full = await t.order.findUniqueOrThrow({
    where: { id: order.id },
    select: {
      total: true,
      amountPaid: true,
      channel: true,
      placedAt: true,
      promisedShipBy: true,
      location: { select: { id: true, code: true } },
      lines: {
        select: { ...OPEN_LINE_SELECT, unitPrice: true, discountAmount: true, taxAmount: true },
      },
    },
  });
  const open = openLines(full.lines);
  await cancelOpenUnits(t, order, full.location, open, options.actor);
  let value = 0;
  let discount = 0;
  let tax = 0;
  for (const l of open) {
    value += l.open * l.unitPrice;
    discount += mulDivRoundHalfUp(l.discountAmount, l.open, l.quantity);
    tax += mulDivRoundHalfUp(l.taxAmount, l.open, l.quantity);
  }
  const credit = value - discount + tax;
  const entry = await postOrderEntry(t, order.id, {
    memo: `Order #${order.number}: unshipped units cancelled (${options.reason})`,
    source: { type: 'order', id: order.id },
    actor: options.actor,
    lines: [
      dr(ACCOUNTS.sales, value),
      cr(ACCOUNTS.discounts, discount),
      dr(ACCOUNTS.salesTax, tax),
      cr(ACCOUNTS.receivable, credit),
    ],
  });
  // The cancelled units' share of each of the order's tax lines (decision 042).
  await recordTaxReversal(t, {
    kind: 'cancellation',
    orderId: order.id,
    entryId: entry?.id ?? null,
    taxable: value - discount,
    tax,
  });
  const refunded = Math.max(0, full.amountPaid - (full.total - credit));
  if (refunded > 0) await postCaptureReturned(t, order, refunded, options.actor);
  await t.order.update({
    where: { id: order.id },
    data: {
      status,
      cancelReason: options.reason,
      amountPaid: full.amountPaid - refunded,
      ...(refunded > 0 ? { paymentStatus: 'partially_refunded' } : {}),
    },
    select: { id: true },
  });
  // What shipped is now the whole order: it counts as shipped complete, as of its last shipment.
  const last = await t.shipment.aggregate({ where: { orderId: order.id }, _max: { shippedAt: true } });
  await recordKpiFacts(t, shippedCompleteFacts(full, last._max.shippedAt ?? new Date()));
  await audit(t, {
    actor: options.actor,
    action: 'order.remaining_cancelled',
    entityType: 'order',
    entityId: order.id,
    before: { status: order.status },
    after: { status, reason: options.reason, credited: credit, refunded },
  });
  // What shipped is now the whole order.
  await recordOrderEvent(t, 'order.fulfilled', order.id);
  return { id: order.id, number: order.number, status: 'fulfilled' as const, refunded };
}

type LineToCancel = {
  id: string;
  variantId: string;
  sku: string;
  quantity: number;
  quantityFulfilled: number;
  quantityCancelled: number;
  dropshipPoLineId: string | null;
};

/** The lines with units still open (ordered − fulfilled − cancelled), with that count as `open`. */
function openLines<L extends LineToCancel>(lines: L[]): (L & { open: number })[] {
  return lines.map((l) => ({ ...l, open: openQuantity(l) })).filter((l) => l.open > 0);
}

/**
 * Cancels the open units of an order's lines, for a whole cancellation and for "cancel the rest"
 * alike: releases their reservations at the order's location (a dropship line holds none of our
 * stock, decision 041), counts them cancelled on the line, and takes them off the supplier's PO.
 */
async function cancelOpenUnits(
  t: Tx,
  order: { id: string; number: number },
  location: { id: string; code: string } | null,
  open: (LineToCancel & { open: number })[],
  actor: Actor,
): Promise<void> {
  if (location && open.length) {
    await releaseStock(t, {
      lines: open
        .filter((l) => !l.dropshipPoLineId)
        .map((l) => ({
          variantId: l.variantId,
          sku: l.sku,
          locationId: location.id,
          locationCode: location.code,
          quantity: l.open,
        })),
      reference: { type: 'order', id: order.id },
      actor,
    });
  }
  for (const l of open)
    await t.orderLine.update({
      where: { id: l.id },
      data: { quantityCancelled: { increment: l.open } },
      select: { id: true },
    });
  await cancelDropshipLines(t, {
    orderNumber: order.number,
    lines: open.flatMap((l) =>
      l.dropshipPoLineId ? [{ poLineId: l.dropshipPoLineId, quantity: l.open }] : [],
    ),
    actor,
  });
}
