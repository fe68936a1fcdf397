import { apiRoute } from '@/lib/api/handler';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { purchaseOrderList } from '@/lib/purchasing/queries';
import { ZCreatePurchaseOrderInput, ZPurchaseOrderListQuery } from '@/lib/purchasing/schemas';

export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZCreatePurchaseOrderInput, idempotent: {} },
  ({ body, actor, tx }) => createPurchaseOrder({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'purchasing:read', query: ZPurchaseOrderListQuery }, ({ query }) =>
  purchaseOrderList(query),
);
