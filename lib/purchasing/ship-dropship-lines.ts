import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { openQuantity, poLabel, receiptStatus } from './rules';
import { toBaseAt } from './post-bill';

/**
 * The supplier shipped dropship order lines to the customer (decision 041), in recordShipment's
 * transaction. No stock of ours moves. Each dropship PO line counts the units as received (so the
 * supplier's bill matches three ways as for any PO) at the PO's unit cost converted at the shipped
 * day's rate, and one entry posts their cost:
 *   Dr Cost of goods sold (5000) / Cr Goods received not invoiced (2010)  Σ units × PO unit cost
 * The bill later clears GRNI against Accounts payable (post-bill.ts), as for goods we received.
 * The PO must have been sent (a draft was never asked for): 409 INVALID_STATE otherwise.
 * Returns the cost per order line, in the shop's currency.
 */
export async function shipDropshipLines(
  t: Tx,
  input: {
    picks: { lineId: string; poLineId: string; sku: string; quantity: number }[];
    shipment: { id: string; number: number };
    orderNumber: number;
    shippedAt: Date;
    carrier: string | null;
    trackingNumber: string | null;
    actor: Actor;
  },
): Promise<Map<string, number>> {
  const poLines = await t.purchaseOrderLine.findMany({
    where: { id: { in: input.picks.map((p) => p.poLineId) } },
    select: { id: true, purchaseOrderId: true, unitCost: true },
  });
  const poIds = [...new Set(poLines.map((l) => l.purchaseOrderId))].sort();
  const { currency: base, timezone } = await shopSettings(t);
  const day = todayIn(timezone, input.shippedAt);
  const costs = new Map<string, number>();
  let total = 0;
  const labels: string[] = [];
  for (const poId of poIds) {
    const po = await lockPurchaseOrder(t, poId);
    const label = poLabel(po.number);
    labels.push(label);
    if (po.status !== 'sent' && po.status !== 'partially_received')
      throw new AppError(
        'INVALID_STATE',
        po.status === 'draft'
          ? `Send ${label} to the supplier before recording its shipment.`
          : `${label} is ${po.status.replace('_', ' ')}: it cannot ship any more units.`,
      );
    const { currency } = await t.purchaseOrder.findUniqueOrThrow({
      where: { id: poId },
      select: { currency: true },
    });
    const { rate } = await rateOn({ currency, base, date: day, field: 'shipped_at' }, t);
    const toBase = toBaseAt(currency, base, rate);
    const shipped: string[] = [];
    for (const p of input.picks) {
      const line = poLines.find((l) => l.id === p.poLineId)!;
      if (line.purchaseOrderId !== poId) continue;
      // per unit, as receipts convert (decision 034): 3 × 10.00 EUR at 1.08333 → 3 × 10.83
      const cost = toBase(line.unitCost) * p.quantity;
      costs.set(p.lineId, cost);
      total += cost;
      await t.purchaseOrderLine.update({
        where: { id: line.id },
        data: { quantityReceived: { increment: p.quantity }, receivedValue: { increment: cost } },
        select: { id: true },
      });
      shipped.push(`${p.quantity} × ${p.sku}`);
    }
    const lines = await t.purchaseOrderLine.findMany({
      where: { purchaseOrderId: poId },
      select: { quantityOrdered: true, quantityReceived: true, quantityCancelled: true },
    });
    const quantities = lines.map((l) => ({
      ordered: l.quantityOrdered,
      received: l.quantityReceived,
      cancelled: l.quantityCancelled,
    }));
    if (quantities.some((q) => q.received > q.ordered - q.cancelled))
      throw new AppError('INVALID_STATE', `More units shipped than ${label} ordered.`);
    const status = receiptStatus(quantities);
    await t.purchaseOrder.update({ where: { id: poId }, data: { status }, select: { id: true } });
    const tracking = [input.carrier, input.trackingNumber].filter(Boolean).join(' ');
    await recordPoEvent(t, {
      purchaseOrderId: poId,
      kind: 'dropship_shipped',
      message:
        `The supplier shipped ${shipped.join(', ')} to the customer (shipment #${input.shipment.number}` +
        `${tracking ? `, ${tracking}` : ''}).`,
      data: {
        shipment_id: input.shipment.id,
        carrier: input.carrier,
        tracking_number: input.trackingNumber,
        open: quantities.reduce((s, q) => s + openQuantity(q), 0),
      },
      actor: input.actor,
    });
    await audit(t, {
      actor: input.actor,
      action: 'purchase_order.dropship_shipped',
      entityType: 'purchase_order',
      entityId: poId,
      before: { status: po.status },
      after: { status, shipment_id: input.shipment.id, lines: shipped },
    });
  }
  await postJournalEntry(t, {
    memo: `Dropship shipment #${input.shipment.number}, order #${input.orderNumber} (${labels.join(', ')})`,
    source: { type: 'shipment', id: input.shipment.id },
    actor: input.actor,
    postedAt: input.shippedAt,
    lines: [dr(ACCOUNTS.cogs, total, 'Dropshipped by the supplier'), cr(ACCOUNTS.grni, total)],
  });
  return costs;
}
