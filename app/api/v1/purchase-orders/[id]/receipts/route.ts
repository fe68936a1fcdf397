import { apiRoute } from '@/lib/api/handler';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { ZReceivePurchaseOrderInput } from '@/lib/purchasing/schemas';

/** Receives units against the PO (Idempotency-Key: a replay answers the first receipt, posts nothing). */
export const POST = apiRoute(
  { scope: 'purchasing:receive', body: ZReceivePurchaseOrderInput, idempotent: {} },
  ({ body, actor, params, tx }) =>
    receivePurchaseOrder({ purchaseOrderId: String(params.id), input: body, actor }, tx),
);
