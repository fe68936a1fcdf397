import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { nextPurchaseOrderStatus, poLabel } from './rules';

/**
 * Closes a PO: whatever is still open on its lines is cancelled (the supplier will not send it), so
 * it stops counting as on order. A received PO is closed to file it away.
 */
export async function closePurchaseOrder(
  options: { purchaseOrderId: string; reason?: string; actor: Actor },
  tx?: Tx,
): Promise<PurchaseOrderDto> {
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    const status = nextPurchaseOrderStatus(locked.status, 'close');
    // The open rest of each line becomes cancelled (never negative: over-receipts stay as they are).
    const cancelled = await t.$executeRaw`
      UPDATE purchase_order_lines
      SET quantity_cancelled = quantity_cancelled + (quantity_ordered - quantity_cancelled - quantity_received)
      WHERE purchase_order_id = ${locked.id}::uuid AND quantity_ordered - quantity_cancelled - quantity_received > 0`;
    await t.purchaseOrder.update({
      where: { id: locked.id },
      data: { status, closedAt: new Date() },
      select: { id: true },
    });
    const reason = options.reason?.trim();
    await recordPoEvent(t, {
      purchaseOrderId: locked.id,
      kind: 'closed',
      message:
        `${poLabel(locked.number)} closed` +
        (cancelled ? `; the rest of ${cancelled} ${cancelled === 1 ? 'line' : 'lines'} will not come` : '') +
        (reason ? `: ${reason}` : '.'),
      actor: options.actor,
    });
    const dto = (await purchaseOrderDetail(locked.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.closed',
      entityType: 'purchase_order',
      entityId: locked.id,
      before: { status: locked.status },
      after: { status, lines_cut_short: cancelled, reason: reason ?? null },
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
