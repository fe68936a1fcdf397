import { apiRoute } from '@/lib/api/handler';
import { createOrderIdempotent } from '@/lib/orders/create-order';
import { orderList } from '@/lib/orders/queries';
import { ZCreateOrderInput, ZOrderListQuery } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';

// The key is recorded in the order's own write (decision 016), so no transaction wraps the work.
export const POST = apiRoute(
  { scope: 'orders:create', body: ZCreateOrderInput, idempotent: { inUseCase: true } },
  ({ body, actor, idempotency }) => createOrderIdempotent({ input: body, actor, idempotency }),
);

export const GET = apiRoute({ scope: 'orders:read', query: ZOrderListQuery }, async ({ query }) =>
  orderList(query, await shopTimezone()),
);
