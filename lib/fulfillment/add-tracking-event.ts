import 'server-only';
import { recordOrderEvent, recordShipmentEvent } from '@/lib/events/resource-events';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockOrder } from '@/lib/orders/lock-order';
import { nextStatus } from '@/lib/orders/rules';
import { ZTrackingEventInput, type TTrackingEventInput } from '@/lib/fulfillment/schemas';
import { recordKpiFacts } from '@/lib/kpi/facts';
import { isUuid } from '@/lib/boundary';
import { scheduleDeliverySurvey } from '@/lib/feedback/schedule-survey';

/**
 * Records a tracking event (from a carrier feed through the API, or typed by staff). The shipment
 * takes the event's status; when every shipment of a fulfilled order is delivered, the order becomes
 * delivered. Exceptions show in the fulfillment section's exception list.
 */
export async function addTrackingEvent(
  options: { shipmentId: string; input: TTrackingEventInput; actor: Actor },
  tx?: Tx,
) {
  const input = ZTrackingEventInput.parse(options.input);
  const run = async (t: Tx) => {
    if (!isUuid(options.shipmentId)) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
    const shipment = await t.shipment.findUnique({
      where: { id: options.shipmentId },
      select: { id: true, number: true, orderId: true, status: true },
    });
    if (!shipment) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
    // The order's lock serialises events of all its parcels (the "all delivered" check below).
    const order = await lockOrder(t, shipment.orderId);
    if (shipment.status === 'voided')
      throw new AppError('INVALID_STATE', `Shipment #${shipment.number} was voided.`);
    if (shipment.status === 'delivered')
      throw new AppError('INVALID_STATE', `Shipment #${shipment.number} is already delivered.`);
    const occurredAt = input.occurred_at ? new Date(input.occurred_at) : new Date();
    await t.trackingEvent.create({
      data: {
        shipmentId: shipment.id,
        status: input.status,
        description: input.description ?? null,
        location: input.location ?? null,
        occurredAt,
        actorLabel: options.actor.label,
      },
      select: { id: true },
    });
    await t.shipment.update({
      where: { id: shipment.id },
      data: { status: input.status, ...(input.status === 'delivered' ? { deliveredAt: occurredAt } : {}) },
      select: { id: true },
    });

    let orderStatus = order.status;
    if (input.status === 'delivered' && order.status === 'fulfilled') {
      const undelivered = await t.shipment.count({
        where: { orderId: order.id, status: { notIn: ['delivered', 'voided'] } },
      });
      if (undelivered === 0) {
        orderStatus = nextStatus(order.status, 'deliver');
        const o = await t.order.update({
          where: { id: order.id },
          data: { status: orderStatus },
          select: { channel: true, placedAt: true, customerId: true },
        });
        await recordKpiFacts(t, [{ at: o.placedAt, channel: o.channel, facts: { orders_delivered: 1 } }]);
        // "How was your order?" after the channel's delay (one per order, decision 027).
        await scheduleDeliverySurvey(
          t,
          { id: order.id, channel: o.channel, customerId: o.customerId },
          occurredAt,
        );
      }
    }
    const result = {
      shipment_id: shipment.id,
      shipment_number: shipment.number,
      status: input.status,
      order_status: orderStatus,
    };
    await audit(t, {
      actor: options.actor,
      action: `shipment.${input.status}`,
      entityType: 'order',
      entityId: order.id,
      after: { ...result, description: input.description ?? null, location: input.location ?? null },
    });
    if (input.status === 'delivered') await recordShipmentEvent(t, 'shipment.delivered', shipment.id);
    if (orderStatus !== order.status) await recordOrderEvent(t, 'order.updated', order.id);
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
