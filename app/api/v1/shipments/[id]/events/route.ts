import { apiRoute } from '@/lib/api/handler';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { ZTrackingEventInput } from '@/lib/fulfillment/schemas';

/** A carrier tracking event for a shipment (in transit, out for delivery, delivered, exception). */
export const POST = apiRoute(
  { scope: 'fulfillment:write', body: ZTrackingEventInput, idempotent: {} },
  ({ body, actor, params, tx }) =>
    addTrackingEvent({ shipmentId: String(params.id), input: body, actor }, tx),
);
