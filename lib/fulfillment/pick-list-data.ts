import 'server-only';
import { addressText, shipToAddress } from '@/lib/fulfillment/document-address';
import { z } from 'zod';
import { allOn, db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { PickListInput, PickListOrder } from '@/lib/documents/pick-list';
import type { PackingSlipInput } from '@/lib/documents/packing-slip';
import { UUID_PATTERN } from '@/lib/boundary';
import { openQuantity } from '@/lib/orders/rules';
import { stockOpenQuantitySql } from '@/lib/orders/open-quantity-sql';

/** The most orders one pick list (a wave) may hold: one cart of totes. */
export const MAX_WAVE_ORDERS = 50;

export const RETURN_INSTRUCTIONS =
  'To return an item, contact us within 30 days of delivery quoting your order number.';

const UUID = UUID_PATTERN;

/** The orders of one pick list: order ids (uuid), one to MAX_WAVE_ORDERS. */
export const ZPickListOrderIds = z
  .array(z.string().regex(UUID, 'Not an order id'))
  .min(1, 'Select at least one order')
  .max(MAX_WAVE_ORDERS, `A pick list holds at most ${MAX_WAVE_ORDERS} orders`);

export type PickListForOptions = {
  /** The orders, in tote order (the first order's units go into the first tote); duplicates are ignored. */
  orderIds: string[];
};

/**
 * The pick-list route's query string as order ids: `?orders=a,b` and the queue form's repeated
 * `?orders=a&orders=b` both work; duplicates are dropped, the first-given order kept (the tote order).
 */
export function readPickListQuery(params: URLSearchParams): PickListForOptions {
  return {
    orderIds: params
      .getAll('orders')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  };
}

const refuse = (message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ field: 'order_ids', message }]);

function parseOrderIds(orderIds: string[]): string[] {
  const parsed = ZPickListOrderIds.safeParse([...new Set(orderIds.map((id) => id.toLowerCase()))]);
  if (!parsed.success) throw refuse([...new Set(parsed.error.issues.map((i) => i.message))].join('; '));
  return parsed.data;
}

/**
 * The pick list for one order or a wave: every open unit (quantity − fulfilled − cancelled) of the
 * given orders, each with the bin its SKU sits in at the order's location (else the shop's fulfilling
 * location) and that bin's pick sequence; SKUs without a bin come last. Each order's tote is its order
 * number. Two queries, whatever the number of orders.
 * Errors: VALIDATION_FAILED naming `order_ids` for unknown ids and for orders that are not open or
 * partially fulfilled or have nothing left to pick (their numbers are listed).
 */
export async function pickListFor(
  options: PickListForOptions & { now?: Date },
  tx: Tx = db,
): Promise<PickListInput> {
  const ids = parseOrderIds(options.orderIds);
  const orders = await tx.$queryRaw<
    {
      id: string;
      number: number;
      status: string;
      location: string | null;
      units: number;
      time_zone: string | null;
    }[]
  >`
    SELECT o.id::text, o.number, o.status::text, loc.code AS location, s.timezone AS time_zone,
           (SELECT coalesce(sum(${stockOpenQuantitySql}), 0)::int FROM order_lines ol WHERE ol.order_id = o.id) AS units
    FROM orders o
    LEFT JOIN shop_settings s ON s.id = 1
    LEFT JOIN locations loc ON loc.id = coalesce(o.location_id, s.fulfilling_location_id)
    WHERE o.id = ANY(${ids}::uuid[])`;
  const byId = new Map(orders.map((o) => [o.id, o]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw refuse(`No such order: ${unknown.join(', ')}.`);
  const closed = orders
    .filter((o) => !(o.status === 'open' || o.status === 'partially_fulfilled') || o.units <= 0)
    .sort((a, b) => a.number - b.number);
  if (closed.length)
    throw refuse(
      `Only open orders with units left to ship can be ` +
        `picked: ${closed.map((o) => `#${o.number} (${o.status.replace(/_/g, ' ')})`).join(', ')}.`,
    );

  const lines = await tx.$queryRaw<
    {
      order_id: string;
      sku: string;
      name: string;
      quantity: number;
      bin_code: string | null;
      pick_sequence: number | null;
    }[]
  >`
    SELECT ol.order_id::text, ol.sku, ol.name, ${stockOpenQuantitySql}::int AS quantity,
           b.code AS bin_code, b.pick_sequence
    FROM order_lines ol
    JOIN orders o ON o.id = ol.order_id
    LEFT JOIN shop_settings s ON s.id = 1
    LEFT JOIN stock_levels sl ON sl.variant_id = ol.variant_id AND sl.location_id =
      coalesce(o.location_id, s.fulfilling_location_id)
    LEFT JOIN bins b ON b.id = sl.bin_id
    WHERE ol.order_id = ANY(${ids}::uuid[]) AND ${stockOpenQuantitySql} > 0
    ORDER BY b.pick_sequence ASC NULLS LAST, b.code ASC NULLS LAST, ol.sku ASC, ol.id ASC`;

  const picks: PickListOrder[] = ids.map((id) => {
    const o = byId.get(id)!;
    return {
      order_number: o.number,
      tote: `#${o.number}`,
      lines: lines
        .filter((l) => l.order_id === o.id)
        .map((l) => ({
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          bin_code: l.bin_code,
          pick_sequence: l.pick_sequence,
        })),
    };
  });
  const locations = [...new Set(orders.map((o) => o.location).filter((c): c is string => !!c))].sort();
  return {
    location: locations.join(', ') || null,
    generated_at: (options.now ?? new Date()).toISOString(),
    time_zone: orders[0]?.time_zone ?? 'UTC',
    orders: picks,
  };
}

type Json = Record<string, unknown> | null;
const str = addressText;

/**
 * The packing slip of one order's next box: the shop's name and the address of the location it ships
 * from (when complete), the ship-to, and every line not wholly cancelled with the units still open as
 * "in this box" (lines already shipped show 0). Prices are left off.
 * Errors: NOT_FOUND; INVALID_STATE when the order is not open or partially fulfilled or nothing is left to ship.
 */
export async function packingSlipFor(orderId: string, tx: Tx = db): Promise<PackingSlipInput> {
  if (!UUID.test(orderId)) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const [order, settings] = await allOn(tx, [
    () =>
      tx.order.findUnique({
        where: { id: orderId },
        select: {
          number: true,
          status: true,
          placedAt: true,
          shippingMethod: true,
          shippingAddress: true,
          location: { select: { address: true } },
          lines: {
            select: {
              sku: true,
              name: true,
              quantity: true,
              quantityFulfilled: true,
              quantityCancelled: true,
            },
            orderBy: { id: 'asc' },
          },
        },
      }),
    () =>
      tx.shopSettings.findUnique({
        where: { id: 1 },
        select: { shopName: true, timezone: true, fulfillingLocation: { select: { address: true } } },
      }),
  ]);
  if (!order) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const lines = order.lines
    .filter((l) => l.quantity - l.quantityCancelled > 0)
    .map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity_ordered: l.quantity,
      quantity_in_box: Math.max(0, openQuantity(l)),
    }));
  if (
    !(order.status === 'open' || order.status === 'partially_fulfilled') ||
    !lines.some((l) => l.quantity_in_box > 0)
  ) {
    throw new AppError('INVALID_STATE', `Order #${order.number} has nothing left to pack.`);
  }
  const from = (order.location?.address ?? settings?.fulfillingLocation?.address ?? null) as Json;
  const fromComplete =
    !!from && !!str(from.line1) && !!str(from.city) && !!str(from.postal_code) && !!str(from.country);
  const to = (order.shippingAddress ?? {}) as Record<string, unknown>;
  return {
    shop: {
      name: settings?.shopName ?? '',
      address: fromComplete
        ? {
            line1: str(from.line1)!,
            line2: str(from.line2),
            city: str(from.city)!,
            region: str(from.region),
            postal_code: str(from.postal_code)!,
            country: str(from.country)!,
          }
        : null,
      phone: from ? str(from.phone) : null,
    },
    order_number: order.number,
    placed_at: order.placedAt.toISOString(),
    time_zone: settings?.timezone ?? 'UTC',
    shipping_method: order.shippingMethod,
    ship_to: shipToAddress(to),
    lines,
    return_instructions: RETURN_INSTRUCTIONS,
  };
}
