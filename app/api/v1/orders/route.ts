import { apiRoute } from '@/lib/api/handler';
import { createOrder } from '@/lib/orders/create-order';
import { orderList } from '@/lib/orders/queries';
import { ZCreateOrderInput, ZOrderListQuery } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';

export const POST = apiRoute({ scope: 'orders:create', body: ZCreateOrderInput, idempotent: {} }, ({ body, actor, tx }) =>
  createOrder({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'orders:read', query: ZOrderListQuery }, async ({ query }) => orderList(query, await shopTimezone()));
