import { apiRoute } from '@/lib/api/handler';
import { createOrderIdempotent } from '@/lib/orders/create-order';
import { orderList } from '@/lib/orders/queries';
import { ZCreateOrderInput, ZOrderListQuery } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';

// The key is recorded in the order's own write (decision 016), so no transaction wraps the work.
// The key is confirmed unrevoked by the intake's own read (decision 056).
export const POST = apiRoute(
  {
    scope: 'orders:create',
    body: ZCreateOrderInput,
    idempotent: { inUseCase: true },
    keyCheckedInUseCase: true,
  },
  ({ body, actor, idempotency, keyCheck }) =>
    createOrderIdempotent({ input: body, actor, idempotency, keyCheck }),
);

export const GET = apiRoute({ scope: 'orders:read', query: ZOrderListQuery }, async ({ query }) =>
  orderList(query, await shopTimezone()),
);
