import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { resolveLocation } from '@/lib/inventory/stock';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { ZCreatePurchaseOrderInput, type TCreatePurchaseOrderInput } from './schemas';
import { recordPoEvent, resolvePoLines } from './po-store';
import { poLabel } from './rules';

/** Creates a draft PO to a supplier for a receiving location; unit costs default to the catalog's. */
export async function createPurchaseOrder(
  options: { input: TCreatePurchaseOrderInput; actor: Actor },
  tx?: Tx,
): Promise<PurchaseOrderDto> {
  const input = ZCreatePurchaseOrderInput.parse(options.input);
  const run = async (t: Tx) => {
    const supplier = await t.supplier.findUnique({
      where: { id: input.supplier_id },
      select: { id: true, name: true, currency: true, active: true },
    });
    if (!supplier || !supplier.active)
      throw new AppError('VALIDATION_FAILED', 'Unknown supplier', [
        { field: 'supplier_id', message: 'No active supplier with this id' },
      ]);
    // A PO keeps its supplier's currency; receipts and bills convert at their day's rate (decision 034).
    const currency = supplier.currency;
    const location = await resolveLocation(t, input.location, 'location');
    const lines = await resolvePoLines(t, supplier.id, input.lines);
    const po = await t.purchaseOrder.create({
      data: {
        supplierId: supplier.id,
        locationId: location.id,
        currency,
        expectedAt: input.expected_at ? new Date(`${input.expected_at}T00:00:00Z`) : null,
        notes: input.notes || null,
        createdBy: options.actor.label,
        lines: {
          create: lines.map((l, i) => ({
            variantId: l.variantId,
            sku: l.sku,
            position: i,
            quantityOrdered: l.quantity,
            unitCost: l.unitCost,
          })),
        },
      },
      select: { id: true, number: true },
    });
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'created',
      message: `${poLabel(po.number)} drafted for ${supplier.name}, to arrive at ${location.code}.`,
      actor: options.actor,
    });
    const dto = (await purchaseOrderDetail(po.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.created',
      entityType: 'purchase_order',
      entityId: po.id,
      after: dto,
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
