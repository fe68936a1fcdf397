import 'server-only';
import { recordOrderEvent, recordShipmentEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { consumeReservedStock } from '@/lib/inventory/reservations';
import { shipDropshipLines } from '@/lib/purchasing/ship-dropship-lines';
import { nextStatus, openQuantity } from '@/lib/orders/rules';
import { OPEN_LINE_SELECT } from '@/lib/orders/open-quantity-sql';
import { lockOrder } from '@/lib/orders/lock-order';
import { ZRecordShipmentInput, type TRecordShipmentInput } from '@/lib/orders/schemas';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { trackingUrl } from '@/lib/shipping/rules';
import { recordKpiFacts, shippedCompleteFacts, type KpiFactGroup } from '@/lib/kpi/facts';

/**
 * Records a shipment of some or all of an order's open units (a fulfillment made elsewhere — 3PL,
 * dropship — or, later, a label bought here): consumes the reserved stock at the order's location,
 * posts COGS from the cost layers (Dr COGS / Cr Inventory), and moves the order to partially
 * fulfilled or fulfilled — one transaction. Lines of a dropship PO (decision 041) consume nothing:
 * the supplier shipped them, at the PO's cost (shipDropshipLines: Dr COGS / Cr GRNI).
 */
export async function recordShipment(
  options: {
    orderId: string;
    input: TRecordShipmentInput;
    source?: 'external' | 'label';
    actor: Actor;
    /** queue the customer's "shipped" email (default); the demo seed's past parcels were notified long ago */
    notify?: boolean;
  },
  tx?: Tx,
) {
  const input = ZRecordShipmentInput.parse(options.input);
  const run = async (t: Tx) => {
    const order = await lockOrder(t, options.orderId);
    const full = await t.order.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        email: true,
        shippingAddress: true,
        customer: { select: { firstName: true, lastName: true } },
        channel: true,
        placedAt: true,
        promisedShipBy: true,
        location: { select: { id: true, code: true } },
        lines: {
          select: { ...OPEN_LINE_SELECT, name: true },
          orderBy: { id: 'asc' },
        },
      },
    });
    if (!full.location) throw new AppError('INVALID_STATE', 'This order has no fulfilling location.');

    // Match requested units to order lines with that SKU that still have open units.
    const open = new Map(full.lines.map((l) => [l.id, openQuantity(l)]));
    const picks: { lineId: string; variantId: string; sku: string; quantity: number }[] = [];
    input.lines.forEach((req, i) => {
      let left = req.quantity;
      const candidates = full.lines.filter((l) => l.sku === req.sku);
      if (!candidates.length)
        throw new AppError('VALIDATION_FAILED', `${req.sku} is not on order #${order.number}`, [
          { field: `lines.${i}.sku`, message: `Not on this order` },
        ]);
      for (const l of candidates) {
        const take = Math.min(left, open.get(l.id)!);
        if (take <= 0) continue;
        picks.push({ lineId: l.id, variantId: l.variantId, sku: l.sku, quantity: take });
        open.set(l.id, open.get(l.id)! - take);
        left -= take;
      }
      if (left > 0)
        throw new AppError(
          'VALIDATION_FAILED',
          `Only ${req.quantity - left} of ${req.sku} left to ship on order #${order.number}`,
          [{ field: `lines.${i}.quantity`, message: `Only ${req.quantity - left} left to ship` }],
        );
    });
    const complete = [...open.values()].every((q) => q === 0);
    const status = nextStatus(order.status, complete ? 'fulfil' : 'fulfil_partially');

    const shippedAt = input.shipped_at ? new Date(input.shipped_at) : new Date();
    const shipment = await t.shipment.create({
      data: {
        orderId: order.id,
        source: options.source ?? 'external',
        carrier: input.carrier ?? null,
        service: input.service ?? null,
        trackingNumber: input.tracking_number ?? null,
        shippedAt,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
      },
      select: { id: true, number: true },
    });
    // dropship: lines the supplier ships move none of our stock; their cost is the PO's (decision 041).
    const poLineOf = new Map(full.lines.map((l) => [l.id, l.dropshipPoLineId]));
    const stocked = picks.filter((p) => !poLineOf.get(p.lineId));
    const dropshipped = picks.filter((p) => poLineOf.get(p.lineId));
    const dropshipCost = dropshipped.length
      ? await shipDropshipLines(t, {
          picks: dropshipped.map((p) => ({ ...p, poLineId: poLineOf.get(p.lineId)! })),
          shipment,
          orderNumber: order.number,
          shippedAt,
          carrier: input.carrier ?? null,
          trackingNumber: input.tracking_number ?? null,
          actor: options.actor,
        })
      : new Map<string, number>();
    const consumed = stocked.length
      ? await consumeReservedStock(t, {
          lines: stocked.map((p) => ({
            variantId: p.variantId,
            sku: p.sku,
            locationId: full.location!.id,
            locationCode: full.location!.code,
            quantity: p.quantity,
          })),
          reference: { type: 'shipment', id: shipment.id },
          actor: options.actor,
          memo: `Shipment #${shipment.number}, order #${order.number}`,
        })
      : { totalCost: 0, lines: [] };
    const totalCost = consumed.totalCost + [...dropshipCost.values()].reduce((a, b) => a + b, 0);
    // Cost per order line, in proportion to the units each contributed to its variant's issue.
    const costByVariant = new Map(
      consumed.lines.map((l) => [l.variantId, { cost: l.cost, quantity: l.quantity }]),
    );
    for (const p of picks) {
      const v = costByVariant.get(p.variantId);
      const cost =
        dropshipCost.get(p.lineId) ??
        (p.quantity === v!.quantity ? v!.cost : Math.round((v!.cost * p.quantity) / v!.quantity));
      if (!dropshipCost.has(p.lineId)) {
        v!.cost -= cost;
        v!.quantity -= p.quantity;
      }
      await t.shipmentLine.create({
        data: { shipmentId: shipment.id, orderLineId: p.lineId, quantity: p.quantity, cost },
        select: { id: true },
      });
      await t.orderLine.update({
        where: { id: p.lineId },
        data: { quantityFulfilled: { increment: p.quantity } },
        select: { id: true },
      });
    }
    await t.shipment.update({
      where: { id: shipment.id },
      data: { cogs: totalCost },
      select: { id: true },
    });
    await t.order.update({ where: { id: order.id }, data: { status }, select: { id: true } });
    // The customer's "on its way" email, queued in this transaction (sent after commit by the outbox worker).
    const names = new Map(full.lines.map((l) => [l.id, l.name]));
    const shipTo = (full.shippingAddress ?? {}) as { name?: unknown };
    if (options.notify !== false)
      await enqueueNotification(
        {
          template: 'order_shipped',
          to: full.email,
          orderId: order.id,
          dedupeKey: `order_shipped:${shipment.id}`,
          data: {
            customer_name:
              `${full.customer.firstName} ${full.customer.lastName}`.trim() ||
              (typeof shipTo.name === 'string' ? shipTo.name : ''),
            order_number: order.number,
            carrier: input.carrier ?? null,
            service: input.service ?? null,
            tracking_number: input.tracking_number ?? null,
            tracking_url: trackingUrl(input.carrier ?? null, input.tracking_number ?? null),
            lines: picks.map((p) => ({
              sku: p.sku,
              name: names.get(p.lineId) ?? p.sku,
              quantity: p.quantity,
            })),
            partial: !complete,
          },
        },
        t,
      );
    const facts: KpiFactGroup[] = [
      {
        at: shippedAt,
        channel: full.channel,
        facts: { shipments: 1, units_shipped: picks.reduce((s, p) => s + p.quantity, 0) },
      },
    ];
    if (order.status === 'open')
      facts.push({ at: full.placedAt, channel: full.channel, facts: { orders_packed: 1 } });
    if (complete) {
      // The last shipment by date (an earlier-recorded one may carry a later shipped_at).
      const last =
        order.status === 'open'
          ? shippedAt
          : (await t.shipment.aggregate({ where: { orderId: order.id }, _max: { shippedAt: true } }))._max
              .shippedAt!;
      facts.push(...shippedCompleteFacts(full, last));
    }
    await recordKpiFacts(t, facts);
    const result = {
      id: shipment.id,
      number: shipment.number,
      order_id: order.id,
      status,
      cogs: totalCost,
      carrier: input.carrier ?? null,
      tracking_number: input.tracking_number ?? null,
      lines: picks.map((p) => ({ sku: p.sku, quantity: p.quantity })),
    };
    await audit(t, {
      actor: options.actor,
      action: 'order.shipped',
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status },
      after: result,
    });
    await recordShipmentEvent(t, 'shipment.created', shipment.id);
    await recordOrderEvent(t, complete ? 'order.fulfilled' : 'order.updated', order.id);
    return result;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
