import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { ZChargesInput, type TChargesInput } from './bill-schemas';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { applyLandedCharges, type LandedChargeDto } from './apply-landed-cost';

/**
 * Late landed-cost charges against a PO (the freight invoice that came a week after the goods):
 * spread over every receipt of the PO (lib/purchasing/apply-landed-cost.ts); the share of units
 * shipped in the meantime goes to COGS. Refused on a PO with nothing received, and on a cancelled one.
 */
export async function addPurchaseOrderCharges(
  options: { purchaseOrderId: string; input: TChargesInput; actor: Actor },
  tx?: Tx,
): Promise<{ charges: LandedChargeDto[]; purchase_order: PurchaseOrderDto }> {
  const input = ZChargesInput.parse(options.input);
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    if (locked.status === 'cancelled' || locked.status === 'draft')
      throw new AppError('INVALID_STATE', 'Charges are added to a purchase order that has received goods.');
    const po = (await purchaseOrderDetail(locked.id, t))!;
    const receipts = await t.receipt.findMany({ where: { purchaseOrderId: po.id }, select: { id: true } });
    const charges = await applyLandedCharges(t, {
      purchaseOrder: { id: po.id, label: po.label, currency: po.currency },
      receiptIds: receipts.map((r) => r.id),
      receiptId: null,
      charges: input.charges,
      chargedOn: input.charged_on,
      actor: options.actor,
    });
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'charged',
      message: `Landed cost: ${charges.map((c) => `${c.kind} ${c.amount} by ${c.allocation}`).join(', ')}.`,
      data: { charges },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.charged',
      entityType: 'purchase_order',
      entityId: po.id,
      after: { charges },
    });
    return { charges, purchase_order: (await purchaseOrderDetail(po.id, t))! };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 60_000 });
}
