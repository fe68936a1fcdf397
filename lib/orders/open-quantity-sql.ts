import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client.ts';

/**
 * openQuantity (lib/orders/rules.ts) in SQL, for a query over order_lines aliased `ol`: the units
 * ordered and neither fulfilled nor cancelled, as an int.
 */
export const openQuantitySql = Prisma.raw('(ol.quantity - ol.quantity_fulfilled - ol.quantity_cancelled)');

/**
 * openQuantitySql for the units we pick from our own stock (and hold reserved): 0 on a line its
 * supplier ships (a dropship line, decision 041), which never enters our pick and pack queue.
 */
export const stockOpenQuantitySql = Prisma.raw(
  '(CASE WHEN ol.dropship_po_line_id IS NULL THEN ol.quantity - ol.quantity_fulfilled - ' +
    'ol.quantity_cancelled ELSE 0 END)',
);

/** The columns of an order line that openQuantity and a stock movement of its open units read. */
export const OPEN_LINE_SELECT = {
  id: true,
  variantId: true,
  sku: true,
  quantity: true,
  quantityFulfilled: true,
  quantityCancelled: true,
  dropshipPoLineId: true,
} satisfies Prisma.OrderLineSelect;
