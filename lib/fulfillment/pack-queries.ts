import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { unitsToPack, type PackLine } from '@/lib/fulfillment/rules';
import { isUuid } from '@/lib/boundary';
import { openQuantity } from '@/lib/orders/rules';

export type PackStationOrder = {
  id: string;
  number: number;
  status: string;
  customer: string;
  shipping_method: string | null;
  /** the wave the units were picked in (their tote), or null when picked without the scanner */
  wave: { id: string; number: number } | null;
  /** this order's units in the wave are not all picked or short yet */
  picking_incomplete: boolean;
  /** what goes in this parcel, with each item's barcode and size for the scan and box checks */
  lines: (PackLine & {
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    weight_grams: number | null;
  })[];
  /** units left on the order after this parcel (a partial shipment) */
  left_on_order: { sku: string; quantity: number }[];
  /** a parcel already closed and waiting for its label */
  packed: {
    id: string;
    number: number;
    weight_grams: number;
    package_type: string | null;
    lines: { sku: string; quantity: number }[];
    override_reason: string | null;
  } | null;
};

/** A scan at the pack station — a tote label "#1042" or an order number "1042" — as an order number. */
export function orderNumberFromScan(code: string): number | null {
  const m = /^#?\s*(\d{1,9})$/.exec(code.trim());
  return m ? Number(m[1]) : null;
}

/**
 * What the pack station shows for a scanned tote or order: the units to verify and pack (the units
 * picked in its latest wave and not yet packed, or every open unit when it was not picked by scanner)
 * and what stays on the order.
 * Errors: NOT_FOUND (no such order), INVALID_STATE (not open, or nothing left to ship).
 */
export async function packStationOrder(
  options: { code?: string; orderId?: string },
  tx: Tx = db,
): Promise<PackStationOrder> {
  let where: { number: number } | { id: string };
  if (options.orderId) {
    if (!isUuid(options.orderId)) throw new AppError('NOT_FOUND', 'That order does not exist.');
    where = { id: options.orderId };
  } else {
    const number = orderNumberFromScan(options.code ?? '');
    if (number === null)
      throw new AppError(
        'NOT_FOUND',
        `“${(options.code ?? '').trim()}” is not a tote or an order number. Scan the tote label ` +
          `(#1042) or type the order number.`,
      );
    where = { number };
  }
  const order = await tx.order.findUnique({
    where,
    select: {
      id: true,
      number: true,
      status: true,
      shippingMethod: true,
      customer: { select: { firstName: true, lastName: true } },
      lines: {
        select: {
          sku: true,
          name: true,
          quantity: true,
          quantityFulfilled: true,
          quantityCancelled: true,
          variant: {
            select: { barcode: true, lengthMm: true, widthMm: true, heightMm: true, weightGrams: true },
          },
        },
        orderBy: { id: 'asc' },
      },
      packs: {
        where: { status: 'packed' },
        select: {
          id: true,
          number: true,
          weightGrams: true,
          packageType: true,
          lines: true,
          overrideReason: true,
        },
        take: 1,
      },
    },
  });
  if (!order)
    throw new AppError(
      'NOT_FOUND',
      `No order ${'number' in where ? `#${where.number}` : ''} — check the tote label.`.replace('  ', ' '),
    );
  if (order.status !== 'open' && order.status !== 'partially_fulfilled') {
    throw new AppError(
      'INVALID_STATE',
      `Order #${order.number} is ${order.status.replace(/_/g, ' ')}: nothing to pack.`,
    );
  }
  const open = order.lines
    .map((l) => ({ sku: l.sku, quantity: openQuantity(l) }))
    .filter((l) => l.quantity > 0);
  if (!open.length && !order.packs.length)
    throw new AppError('INVALID_STATE', `Nothing is left to ship on order #${order.number}.`);

  // The order's latest wave: its picked units, less those already packed from it.
  const [wave] = await tx.$queryRaw<{ id: string; number: number }[]>`
    SELECT w.id::text, w.number FROM pick_waves w WHERE w.status <> 'cancelled' AND EXISTS (SELECT 1
      FROM pick_tasks pt WHERE pt.wave_id = w.id AND pt.order_id = ${order.id}::uuid)
    ORDER BY w.number DESC LIMIT 1`;
  let picked: { sku: string; quantity: number }[] | null = null;
  let incomplete = false;
  if (wave) {
    const tasks = await tx.pickTask.findMany({
      where: { waveId: wave.id, orderId: order.id },
      select: { sku: true, quantity: true, picked: true, shortQuantity: true },
    });
    incomplete = tasks.some((t) => t.picked + t.shortQuantity < t.quantity);
    const packs = await tx.orderPack.findMany({
      where: { waveId: wave.id, orderId: order.id, status: { not: 'voided' } },
      select: { lines: true },
    });
    const packedUnits = new Map<string, number>();
    for (const p of packs)
      for (const l of p.lines as { sku: string; quantity: number }[])
        packedUnits.set(l.sku, (packedUnits.get(l.sku) ?? 0) + l.quantity);
    const bySku = new Map<string, number>();
    for (const t of tasks) bySku.set(t.sku, (bySku.get(t.sku) ?? 0) + t.picked);
    picked = [...bySku].map(([sku, q]) => ({ sku, quantity: Math.max(0, q - (packedUnits.get(sku) ?? 0)) }));
  }
  const toPack = unitsToPack({ open, picked });
  const info = new Map(order.lines.map((l) => [l.sku, l]));
  const left = open
    .map((l) => ({ sku: l.sku, quantity: l.quantity - (toPack.find((p) => p.sku === l.sku)?.quantity ?? 0) }))
    .filter((l) => l.quantity > 0);
  const packed = order.packs[0];
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customer: `${order.customer.firstName} ${order.customer.lastName}`.trim(),
    shipping_method: order.shippingMethod,
    wave: wave ?? null,
    picking_incomplete: incomplete,
    lines: toPack.map((p) => {
      const l = info.get(p.sku)!;
      return {
        sku: p.sku,
        name: l.name,
        barcode: l.variant.barcode,
        quantity: p.quantity,
        length_mm: l.variant.lengthMm,
        width_mm: l.variant.widthMm,
        height_mm: l.variant.heightMm,
        weight_grams: l.variant.weightGrams,
      };
    }),
    left_on_order: left,
    packed: packed
      ? {
          id: packed.id,
          number: packed.number,
          weight_grams: packed.weightGrams,
          package_type: packed.packageType,
          lines: packed.lines as { sku: string; quantity: number }[],
          override_reason: packed.overrideReason,
        }
      : null,
  };
}
