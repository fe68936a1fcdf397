import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { releaseStock } from '@/lib/inventory/reservations';
import { reverseJournalEntry } from '@/lib/ledger/post-entry';
import { nextStatus } from '@/lib/orders/rules';
import { lockOrder } from '@/lib/orders/change-order-status';
import { postCaptureReturned } from '@/lib/orders/posting';

/**
 * Cancels an order nothing of which has shipped: releases every reservation, reverses the sale entry,
 * returns captured money (payment status refunded) and voids authorizations — one transaction.
 */
export async function cancelOrder(options: { orderId: string; reason: string; actor: Actor }, tx?: Tx): Promise<{ id: string; number: number; status: 'cancelled'; refunded: number }> {
  const run = async (t: Tx) => {
    const order = await lockOrder(t, options.orderId);
    nextStatus(order.status, 'cancel');
    const full = await t.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { amountPaid: true, location: { select: { id: true, code: true } }, lines: { select: { id: true, variantId: true, sku: true, quantity: true, quantityFulfilled: true, quantityCancelled: true } }, payments: { select: { id: true, status: true } } },
    });
    const open = full.lines.map((l) => ({ ...l, open: l.quantity - l.quantityFulfilled - l.quantityCancelled })).filter((l) => l.open > 0);
    if (full.location && open.length) {
      await releaseStock(t, { lines: open.map((l) => ({ variantId: l.variantId, sku: l.sku, locationId: full.location!.id, locationCode: full.location!.code, quantity: l.open })), reference: { type: 'order', id: order.id }, actor: options.actor });
    }
    for (const l of open) await t.orderLine.update({ where: { id: l.id }, data: { quantityCancelled: { increment: l.open } }, select: { id: true } });

    const sale = await t.journalEntry.findFirst({ where: { sourceType: 'order', sourceId: order.id, reversedBy: null }, select: { id: true } });
    if (sale) await reverseJournalEntry(t, { entryId: sale.id, memo: `Order #${order.number} cancelled: ${options.reason}`, actor: options.actor });
    const refunded = full.amountPaid;
    if (refunded > 0) await postCaptureReturned(t, order, refunded, options.actor);
    await t.payment.updateMany({ where: { orderId: order.id, status: 'captured' }, data: { status: 'refunded' } });
    await t.payment.updateMany({ where: { orderId: order.id, status: 'authorized' }, data: { status: 'voided' } });

    await t.order.update({
      where: { id: order.id },
      data: { status: 'cancelled', cancelledAt: new Date(), cancelReason: options.reason, amountPaid: 0, ...(refunded > 0 ? { paymentStatus: 'refunded' } : {}) },
      select: { id: true },
    });
    await audit(t, { actor: options.actor, action: 'order.cancelled', entityType: 'order', entityId: order.id, before: { status: order.status }, after: { status: 'cancelled', reason: options.reason, refunded } });
    return { id: order.id, number: order.number, status: 'cancelled' as const, refunded };
  };
  return tx ? run(tx) : db.$transaction(run);
}
