import { apiRoute } from '@/lib/api/handler';
import { cancelPurchaseOrder } from '@/lib/purchasing/cancel-purchase-order';
import { ZPurchaseOrderReasonInput } from '@/lib/purchasing/schemas';

export const POST = apiRoute(
  {
    scope: 'purchasing:write',
    body: ZPurchaseOrderReasonInput,
    bodyOptional: true,
    idempotent: { status: 200 },
  },
  ({ body, actor, params, tx }) =>
    cancelPurchaseOrder({ purchaseOrderId: String(params.id), reason: body.reason, actor }, tx),
);
