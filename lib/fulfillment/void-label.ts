import 'server-only';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockOrder } from '@/lib/orders/lock-order';
import { nextStatus } from '@/lib/orders/rules';
import { applyMovement, lockLevel } from '@/lib/inventory/stock';
import { returnAtCost } from '@/lib/inventory/cost-store';
import { reverseJournalEntry } from '@/lib/ledger/post-entry';
import { ZVoidLabelInput, type TVoidLabelInput } from '@/lib/fulfillment/schemas';
import { isUuid } from '@/lib/boundary';

/**
 * Voids a label before the carrier picks the parcel up — its only tracking event is "label created".
 * In one transaction: the shipped units go back on hand and reserved for the order again (a ship_void
 * movement per SKU, with the cost they were issued at), the cost layers get those units back at that
 * cost, the shipment's journal entries (COGS and shipping expense) are reversed, the order lines' fulfilled
 * quantities go down, the order returns to open (or stays partially fulfilled when another parcel
 * left), the shipment and its parcel are voided, a "voided" tracking event and an audit row are written.
 * Errors: NOT_FOUND; INVALID_STATE once the carrier has the parcel, for a shipment recorded elsewhere,
 * or one already voided.
 */
export async function voidLabel(
  options: { shipmentId: string; input: TVoidLabelInput; actor: Actor },
  tx?: Tx,
) {
  const parsed = ZVoidLabelInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = parsed.data.reason;
  if (!isUuid(options.shipmentId)) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
  const run = async (t: Tx) => {
    const head = await t.shipment.findUnique({
      where: { id: options.shipmentId },
      select: { orderId: true },
    });
    if (!head) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
    const order = await lockOrder(t, head.orderId);
    const s = await t.shipment.findUniqueOrThrow({
      where: { id: options.shipmentId },
      select: {
        id: true,
        number: true,
        source: true,
        status: true,
        trackingNumber: true,
        cogs: true,
        labelCost: true,
        events: { select: { status: true } },
        lines: {
          select: {
            id: true,
            quantity: true,
            cost: true,
            orderLineId: true,
            orderLine: { select: { variantId: true, sku: true } },
          },
        },
        order: { select: { location: { select: { id: true, code: true } } } },
      },
    });
    if (s.status === 'voided')
      throw new AppError('INVALID_STATE', `Shipment #${s.number}'s label is already voided.`);
    if (s.source !== 'label')
      throw new AppError(
        'INVALID_STATE',
        `Shipment #${s.number} was shipped elsewhere; there is no label to void.`,
      );
    const moved = s.events.filter((e) => e.status !== 'label_created');
    if (s.status !== 'label_created' || moved.length) {
      throw new AppError(
        'INVALID_STATE',
        `Shipment #${s.number} is already with the carrier (${s.status.replace(/_/g, ' ')}): a ` +
          `label can only be voided before pickup.`,
      );
    }
    const location = s.order.location;
    if (!location) throw new AppError('INVALID_STATE', 'This order has no fulfilling location.');

    // Stock back on the shelf and reserved again, per variant in a fixed order (deadlock-free).
    const byVariant = new Map<string, { sku: string; quantity: number; cost: number }>();
    for (const l of s.lines) {
      const v = byVariant.get(l.orderLine.variantId) ?? { sku: l.orderLine.sku, quantity: 0, cost: 0 };
      v.quantity += l.quantity;
      v.cost += l.cost;
      byVariant.set(l.orderLine.variantId, v);
    }
    const reference = { type: 'shipment', id: s.id };
    for (const [variantId, v] of [...byVariant].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const level = await lockLevel(t, variantId, location.id);
      await applyMovement(
        t,
        level,
        {
          type: 'ship_void',
          onHand: v.quantity,
          reserved: v.quantity,
          value: v.cost,
          reason: `Label voided: ${reason}`,
          reference,
          actor: options.actor,
        },
        { sku: v.sku, location: location.code },
      );
      await returnAtCost(t, { variantId, quantity: v.quantity, cost: v.cost, source: reference });
    }
    for (const l of s.lines)
      await t.orderLine.update({
        where: { id: l.orderLineId },
        data: { quantityFulfilled: { decrement: l.quantity } },
        select: { id: true },
      });

    // Every entry the shipment posted (COGS, label cost), mirrored.
    const entries = await t.journalEntry.findMany({
      where: { sourceType: 'shipment', sourceId: s.id, reversedBy: null },
      select: { id: true, number: true },
      orderBy: { number: 'asc' },
    });
    const reversals = [];
    for (const e of entries)
      reversals.push(
        (
          await reverseJournalEntry(t, {
            entryId: e.id,
            memo: `Label ${s.trackingNumber ?? ''} voided (shipment #${s.number}): reverses entry #${e.number}`,
            actor: options.actor,
          })
        ).number,
      );

    const others = await t.shipment.count({
      where: { orderId: order.id, id: { not: s.id }, status: { not: 'voided' } },
    });
    const status = nextStatus(order.status, others > 0 ? 'unfulfil_partially' : 'unfulfil');
    await t.order.update({ where: { id: order.id }, data: { status }, select: { id: true } });
    await t.shipment.update({ where: { id: s.id }, data: { status: 'voided' }, select: { id: true } });
    // The order is back to unfulfilled (or partly): its change is an order.updated (decision 022).
    await recordOrderEvent(t, 'order.updated', order.id);
    await t.trackingEvent.create({
      data: {
        shipmentId: s.id,
        status: 'voided',
        description: `Label voided: ${reason}`,
        actorLabel: options.actor.label,
      },
      select: { id: true },
    });
    await t.orderPack.updateMany({ where: { shipmentId: s.id }, data: { status: 'voided' } });

    const result = {
      shipment_id: s.id,
      shipment_number: s.number,
      order_id: order.id,
      order_number: order.number,
      order_status: status,
      reason,
      restored: [...byVariant.values()].map((v) => ({ sku: v.sku, quantity: v.quantity })),
      reversing_entries: reversals,
    };
    await audit(t, {
      actor: options.actor,
      action: 'shipment.voided',
      entityType: 'order',
      entityId: order.id,
      before: { status: order.status, shipment_status: s.status },
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
