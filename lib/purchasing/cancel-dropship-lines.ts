import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { nextPurchaseOrderStatus, openQuantity, poLabel } from './rules';

/**
 * Units of dropship order lines that the order no longer wants come off their dropship PO
 * (decision 041), in the cancelling transaction (the order is locked first, then each PO, as
 * recordShipment does): each PO line cancels up to its open units (ordered − cancelled − received),
 * and a draft or sent PO with nothing left open is cancelled. The PO's timeline says so, and for a
 * PO already sent, that the supplier must be told (its email went out). Nothing is posted: a
 * dropship PO books its cost only when the supplier ships.
 */
export async function cancelDropshipLines(
  t: Tx,
  input: { orderNumber: number; lines: { poLineId: string; quantity: number }[]; actor: Actor },
): Promise<void> {
  const wanted = input.lines.filter((l) => l.quantity > 0);
  if (!wanted.length) return;
  const poLines = await t.purchaseOrderLine.findMany({
    where: { id: { in: wanted.map((l) => l.poLineId) } },
    select: { id: true, purchaseOrderId: true },
  });
  const poIds = [...new Set(poLines.map((l) => l.purchaseOrderId))].sort();
  for (const poId of poIds) {
    const po = await lockPurchaseOrder(t, poId);
    const label = poLabel(po.number);
    if (po.status === 'cancelled' || po.status === 'closed' || po.status === 'received') continue;
    const lines = await t.purchaseOrderLine.findMany({
      where: { purchaseOrderId: poId },
      select: { id: true, sku: true, quantityOrdered: true, quantityReceived: true, quantityCancelled: true },
    });
    const taken: string[] = [];
    let stillOpen = 0;
    for (const line of lines) {
      const q = (l: typeof line) => ({
        ordered: l.quantityOrdered,
        received: l.quantityReceived,
        cancelled: l.quantityCancelled,
      });
      const ask = wanted.find((w) => w.poLineId === line.id)?.quantity ?? 0;
      const cancel = Math.min(ask, openQuantity(q(line)));
      if (cancel > 0) {
        await t.purchaseOrderLine.update({
          where: { id: line.id },
          data: { quantityCancelled: { increment: cancel } },
          select: { id: true },
        });
        taken.push(`${cancel} × ${line.sku}`);
      }
      stillOpen += openQuantity(q(line)) - cancel;
    }
    if (!taken.length) continue;
    const cancelsPo = stillOpen === 0 && (po.status === 'draft' || po.status === 'sent');
    if (cancelsPo)
      await t.purchaseOrder.update({
        where: { id: poId },
        data: { status: nextPurchaseOrderStatus(po.status, 'cancel'), cancelledAt: new Date() },
        select: { id: true },
      });
    const tell = po.status === 'draft' ? '' : ' Tell the supplier not to ship them.';
    await recordPoEvent(t, {
      purchaseOrderId: poId,
      kind: 'dropship_cancelled',
      message:
        `Order #${input.orderNumber} cancelled ${taken.join(', ')}` +
        `${cancelsPo ? `: ${label} is cancelled.` : '.'}${tell}`,
      actor: input.actor,
    });
    await audit(t, {
      actor: input.actor,
      action: 'purchase_order.dropship_lines_cancelled',
      entityType: 'purchase_order',
      entityId: poId,
      before: { status: po.status },
      after: {
        status: cancelsPo ? 'cancelled' : po.status,
        cancelled: taken,
        order_number: input.orderNumber,
      },
    });
  }
}
