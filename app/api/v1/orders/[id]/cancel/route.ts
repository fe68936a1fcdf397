import { apiRoute } from '@/lib/api/handler';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { orderDetail } from '@/lib/orders/queries';
import { ZCancelOrderInput } from '@/lib/orders/schemas';

export const POST = apiRoute(
  { scope: 'orders:cancel', body: ZCancelOrderInput, bodyOptional: true, idempotent: { status: 200 } },
  async ({ body, actor, params, tx }) => {
    await cancelOrder({ orderId: String(params.id), reason: body.reason, actor }, tx);
    return orderDetail(String(params.id), tx);
  },
);
