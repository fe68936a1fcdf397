import { apiRoute } from '@/lib/api/handler';
import { refundReturn } from '@/lib/refunds/refund-return';
import { ZRefundReturnInput } from '@/lib/refunds/schemas';

/** Refunds the return's received units. Above the support limit a key without refunds:approve leaves it
 * pending (202-like: status pending_approval). */
export const POST = apiRoute(
  { scope: 'refunds:issue', body: ZRefundReturnInput, bodyOptional: true, idempotent: {} },
  async ({ body, actor, params, tx }) => {
    const { replayed: _replayed, ...refund } = await refundReturn(
      { returnId: String(params.id), input: body, actor },
      tx,
    );
    return refund;
  },
);
