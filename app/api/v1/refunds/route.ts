import { apiRoute } from '@/lib/api/handler';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { refundList } from '@/lib/refunds/queries';
import { ZGoodwillRefundInput, ZRefundListQuery } from '@/lib/refunds/schemas';

/** A goodwill refund (no return), with a reason. */
export const POST = apiRoute(
  { scope: 'refunds:issue', body: ZGoodwillRefundInput, idempotent: {} },
  async ({ body, actor, tx }) => {
    const { replayed: _replayed, ...refund } = await createGoodwillRefund({ input: body, actor }, tx);
    return refund;
  },
);

export const GET = apiRoute({ scope: 'orders:read', query: ZRefundListQuery }, ({ query }) =>
  refundList(query),
);
