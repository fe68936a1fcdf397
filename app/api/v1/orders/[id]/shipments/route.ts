import { apiRoute } from '@/lib/api/handler';
import { recordShipment } from '@/lib/orders/record-shipment';
import { ZRecordShipmentInput } from '@/lib/orders/schemas';

/** Records a fulfillment made elsewhere (3PL, dropship) with the same stock, COGS and status effects. */
export const POST = apiRoute(
  { scope: 'fulfillment:write', body: ZRecordShipmentInput, idempotent: {} },
  ({ body, actor, params, tx }) => recordShipment({ orderId: String(params.id), input: body, actor }, tx),
);
