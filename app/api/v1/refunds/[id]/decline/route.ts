import { apiRoute } from '@/lib/api/handler';
import { decideRefund } from '@/lib/refunds/decide-refund';

export const POST = apiRoute(
  { scope: 'refunds:approve', idempotent: { status: 200 } },
  ({ actor, params, tx }) => decideRefund({ refundId: String(params.id), approve: false, actor }, tx),
);
