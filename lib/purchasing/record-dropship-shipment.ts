import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { recordShipment } from '@/lib/orders/record-shipment';
import { purchaseOrderDetail } from './queries';
import { ZDropshipShipmentInput, type TDropshipShipmentInput } from './schemas';

/**
 * The supplier shipped a dropship PO to the customer (decision 041), recorded on the PO screen: the
 * shipment of the PO's order (recordShipment — the same as POST /api/v1/orders/{id}/shipments),
 * which fulfils the order's lines and posts their cost at the PO's (Dr COGS / Cr GRNI). Without
 * lines, every unit still open on the PO shipped.
 */
export async function recordDropshipShipment(
  options: { purchaseOrderId: string; input: TDropshipShipmentInput; actor: Actor },
  tx?: Tx,
) {
  const input = ZDropshipShipmentInput.parse(options.input);
  const run = async (t: Tx) => {
    const po = await purchaseOrderDetail(options.purchaseOrderId, t);
    if (!po) throw new AppError('NOT_FOUND', 'That purchase order does not exist.');
    if (!po.dropship)
      throw new AppError(
        'INVALID_STATE',
        `${po.label} is not a dropship PO: receive it by scanning instead.`,
      );
    const lines =
      input.lines ?? po.lines.filter((l) => l.open > 0).map((l) => ({ sku: l.sku, quantity: l.open }));
    if (!lines.length) throw new AppError('INVALID_STATE', `Nothing is left to ship on ${po.label}.`);
    return recordShipment(
      {
        orderId: po.dropship.order_id,
        input: {
          lines,
          carrier: input.carrier,
          tracking_number: input.tracking_number,
          shipped_at: input.shipped_at,
        },
        actor: options.actor,
      },
      t,
    );
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
