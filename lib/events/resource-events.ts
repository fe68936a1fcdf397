import 'server-only';
import type { Tx } from '@/lib/db';
import { orderDetail } from '@/lib/orders/queries';
import { shipmentDetail } from '@/lib/fulfillment/queries';
import { recordEvent } from './record-event';
import type { EventType } from './rules';

/**
 * recordEvent with the resource read as the API returns it, in the same transaction (so the data
 * is the state the change committed). One per resource kind that several use cases touch.
 */
export async function recordOrderEvent(
  tx: Tx,
  type: Extract<EventType, `order.${string}`>,
  orderId: string,
): Promise<void> {
  await recordEvent(tx, { type, resourceId: orderId, data: await orderDetail(orderId, tx) });
}

export async function recordShipmentEvent(
  tx: Tx,
  type: Extract<EventType, `shipment.${string}`>,
  shipmentId: string,
): Promise<void> {
  await recordEvent(tx, { type, resourceId: shipmentId, data: await shipmentDetail(shipmentId, tx) });
}
