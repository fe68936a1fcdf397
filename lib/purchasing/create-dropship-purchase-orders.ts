import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordPoEvent } from './po-store';
import { poLabel } from './rules';

type DropshipLine = {
  id: string;
  variant_id: string;
  sku: string;
  open: number;
  supplier_id: string;
  unit_cost: number | null;
};

/**
 * The dropship POs of an order (decision 041), in the caller's transaction — order intake calls it
 * right after take_order, in the same transaction. Every open line of a dropship variant that has no
 * dropship PO line yet goes to a draft PO to the variant's supplier for this order, carrying the
 * order's shipping address: the draft this order already has with that supplier, or a new one (at
 * the order's location, in the supplier's currency). The line's unit cost is the supplier's catalog
 * cost (0 when the supplier does not list the SKU: the draft then waits for the manager to price it).
 * Idempotent: the order row is locked and an order line keeps the PO line it went to
 * (order_lines.dropship_po_line_id), so running it again creates nothing and no line gets two POs.
 */
export async function createDropshipPurchaseOrders(
  options: { orderId: string; actor: Actor },
  t: Tx,
): Promise<{ purchase_order_ids: string[] }> {
  const [order] = await t.$queryRaw<
    { id: string; number: number; location_id: string | null; shipping_address: Prisma.JsonValue }[]
  >`SELECT id::text, number, location_id::text, shipping_address FROM orders WHERE id =
    ${options.orderId}::uuid FOR UPDATE`;
  if (!order?.location_id) return { purchase_order_ids: [] };
  const lines = await t.$queryRaw<DropshipLine[]>`
    SELECT ol.id::text, ol.variant_id::text, ol.sku,
           (ol.quantity - ol.quantity_fulfilled - ol.quantity_cancelled)::int AS open,
           v.dropship_supplier_id::text AS supplier_id, sp.unit_cost
      FROM order_lines ol
      JOIN variants v ON v.id = ol.variant_id
      LEFT JOIN supplier_products sp ON sp.supplier_id = v.dropship_supplier_id AND sp.variant_id = v.id
     WHERE ol.order_id = ${order.id}::uuid AND v.dropship AND ol.dropship_po_line_id IS NULL
       AND ol.quantity - ol.quantity_fulfilled - ol.quantity_cancelled > 0
     ORDER BY ol.id`;
  const bySupplier = new Map<string, DropshipLine[]>();
  for (const l of lines) bySupplier.set(l.supplier_id, [...(bySupplier.get(l.supplier_id) ?? []), l]);
  const ids: string[] = [];
  for (const [supplierId, group] of bySupplier) {
    const po = await draftFor(t, { order, supplierId, actor: options.actor });
    for (const l of group) {
      const existing = await t.purchaseOrderLine.findUnique({
        where: { purchaseOrderId_variantId: { purchaseOrderId: po.id, variantId: l.variant_id } },
        select: { id: true },
      });
      const poLine = existing
        ? await t.purchaseOrderLine.update({
            where: { id: existing.id },
            data: { quantityOrdered: { increment: l.open } },
            select: { id: true },
          })
        : await t.purchaseOrderLine.create({
            data: {
              purchaseOrderId: po.id,
              variantId: l.variant_id,
              sku: l.sku,
              position: await t.purchaseOrderLine.count({ where: { purchaseOrderId: po.id } }),
              quantityOrdered: l.open,
              unitCost: l.unit_cost ?? 0,
            },
            select: { id: true },
          });
      await t.orderLine.update({
        where: { id: l.id },
        data: { dropshipPoLineId: poLine.id },
        select: { id: true },
      });
    }
    const summary = group.map((l) => `${l.open} × ${l.sku}`).join(', ');
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'dropship_lines',
      message: `${summary} to ship to the customer of order #${order.number}.`,
      data: { order_id: order.id, lines: group.map((l) => ({ sku: l.sku, quantity: l.open })) },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.dropship_lines_added',
      entityType: 'purchase_order',
      entityId: po.id,
      after: { order_id: order.id, lines: group.map((l) => ({ sku: l.sku, quantity: l.open })) },
    });
    ids.push(po.id);
  }
  return { purchase_order_ids: ids };
}

/** The order's draft dropship PO to the supplier, or a new one. */
async function draftFor(
  t: Tx,
  o: {
    order: { id: string; number: number; location_id: string | null; shipping_address: Prisma.JsonValue };
    supplierId: string;
    actor: Actor;
  },
) {
  const open = await t.purchaseOrder.findFirst({
    where: { orderId: o.order.id, supplierId: o.supplierId, status: 'draft' },
    select: { id: true, number: true },
  });
  if (open) return open;
  const supplier = await t.supplier.findUniqueOrThrow({
    where: { id: o.supplierId },
    select: { name: true, currency: true },
  });
  const po = await t.purchaseOrder.create({
    data: {
      supplierId: o.supplierId,
      locationId: o.order.location_id!,
      currency: supplier.currency,
      orderId: o.order.id,
      shipTo: o.order.shipping_address ?? {},
      notes: `Dropship: ship directly to the customer of order #${o.order.number}.`,
      createdBy: o.actor.label,
    },
    select: { id: true, number: true },
  });
  await recordPoEvent(t, {
    purchaseOrderId: po.id,
    kind: 'created',
    message: `${poLabel(po.number)} drafted for ${supplier.name}: dropship for order #${o.order.number}.`,
    actor: o.actor,
  });
  await audit(t, {
    actor: o.actor,
    action: 'purchase_order.created',
    entityType: 'purchase_order',
    entityId: po.id,
    after: { supplier_id: o.supplierId, order_id: o.order.id, dropship: true },
  });
  return po;
}
