import { z } from 'zod';
import { apiRoute } from '@/lib/api/handler';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { orderDetail } from '@/lib/orders/queries';

const ZCancelBody = z.object({
  reason: z.string().trim().min(1).max(500).default('Cancelled through the API'),
});

export const POST = apiRoute(
  { scope: 'orders:cancel', body: ZCancelBody, bodyOptional: true, idempotent: { status: 200 } },
  async ({ body, actor, params, tx }) => {
    await cancelOrder({ orderId: String(params.id), reason: body.reason, actor }, tx);
    return orderDetail(String(params.id), tx);
  },
);
