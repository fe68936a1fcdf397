import { apiRoute } from '@/lib/api/handler';
import { buyLabel } from '@/lib/fulfillment/buy-label';
import { ZBuyLabelInput } from '@/lib/fulfillment/schemas';

/** Buys a label for the order's packed parcel (rate-shopped). Accepts Idempotency-Key. */
export const POST = apiRoute(
  { scope: 'fulfillment:write', body: ZBuyLabelInput, idempotent: {} },
  ({ body, actor, params, tx }) => buyLabel({ orderId: String(params.id), input: body, actor }, tx),
);
