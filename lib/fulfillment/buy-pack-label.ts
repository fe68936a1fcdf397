import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockOrder } from '@/lib/orders/lock-order';
import { boughtLabelSummary, buyLabel } from '@/lib/fulfillment/buy-label';
import { isUuid } from '@/lib/boundary';

export type PackLabel = {
  pack_id: string;
  order_id: string;
  order_number: number;
  shipment_id: string;
  shipment_number: number;
  tracking_number: string;
  carrier: string;
  service: string;
  label_cost: number;
  order_status: string;
  already_bought: boolean;
};

/**
 * Buys the label of a packed parcel: exactly its lines, box and weight (so a partial parcel ships only
 * what is in it), the preselected service unless one is given. A second request for the same parcel
 * (double tap, second tablet, batch run again) waits on the order's lock and returns the label already
 * bought instead of buying another.
 */
export async function buyPackLabel(
  options: { packId: string; service?: string; actor: Actor },
  tx?: Tx,
): Promise<PackLabel> {
  if (!isUuid(options.packId)) throw new AppError('NOT_FOUND', 'That parcel does not exist.');
  const run = async (t: Tx): Promise<PackLabel> => {
    const first = await t.orderPack.findUnique({ where: { id: options.packId }, select: { orderId: true } });
    if (!first) throw new AppError('NOT_FOUND', 'That parcel does not exist.');
    const order = await lockOrder(t, first.orderId);
    const pack = await t.orderPack.findUniqueOrThrow({
      where: { id: options.packId },
      select: {
        id: true,
        number: true,
        status: true,
        lines: true,
        packageType: true,
        lengthMm: true,
        widthMm: true,
        heightMm: true,
        weightGrams: true,
        shipment: {
          select: {
            id: true,
            number: true,
            trackingNumber: true,
            carrier: true,
            service: true,
            labelCost: true,
          },
        },
      },
    });
    if (pack.status === 'shipped' && pack.shipment) {
      const s = pack.shipment;
      return {
        pack_id: pack.id,
        order_id: order.id,
        order_number: order.number,
        shipment_id: s.id,
        shipment_number: s.number,
        tracking_number: s.trackingNumber ?? '',
        carrier: s.carrier ?? '',
        service: s.service ?? '',
        label_cost: s.labelCost,
        order_status: order.status,
        already_bought: true,
      };
    }
    if (pack.status !== 'packed')
      throw new AppError(
        'INVALID_STATE',
        `Parcel ${pack.number} of order #${order.number} was voided: pack the order again.`,
      );
    const label = await buyLabel(
      {
        orderId: order.id,
        input: {
          lines: pack.lines as { sku: string; quantity: number }[],
          ...(pack.packageType
            ? { package_type: pack.packageType }
            : { length_mm: pack.lengthMm!, width_mm: pack.widthMm!, height_mm: pack.heightMm! }),
          weight_grams: pack.weightGrams,
          service: options.service,
        },
        actor: options.actor,
      },
      t,
    );
    await t.orderPack.update({
      where: { id: pack.id },
      data: { status: 'shipped', shipmentId: label.id },
      select: { id: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'order_pack.shipped',
      entityType: 'order',
      entityId: order.id,
      after: { pack_id: pack.id, shipment_id: label.id },
    });
    return {
      pack_id: pack.id,
      order_id: order.id,
      order_number: order.number,
      ...boughtLabelSummary(label),
      already_bought: false,
    };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000, maxWait: 10_000 });
}
