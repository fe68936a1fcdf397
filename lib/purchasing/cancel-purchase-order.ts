import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { nextPurchaseOrderStatus, poLabel } from './rules';

/** Cancels a draft or sent PO (nothing has arrived); it stops counting as on order. */
export async function cancelPurchaseOrder(
  options: { purchaseOrderId: string; reason?: string; actor: Actor },
  tx?: Tx,
): Promise<PurchaseOrderDto> {
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    const status = nextPurchaseOrderStatus(locked.status, 'cancel');
    await t.purchaseOrder.update({
      where: { id: locked.id },
      data: { status, cancelledAt: new Date() },
      select: { id: true },
    });
    const reason = options.reason?.trim();
    await recordPoEvent(t, {
      purchaseOrderId: locked.id,
      kind: 'cancelled',
      message: `${poLabel(locked.number)} cancelled${reason ? `: ${reason}` : '.'}`,
      actor: options.actor,
    });
    const dto = (await purchaseOrderDetail(locked.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.cancelled',
      entityType: 'purchase_order',
      entityId: locked.id,
      before: { status: locked.status },
      after: { status, reason: reason ?? null },
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
