import { apiRoute } from '@/lib/api/handler';
import { rejectReturn } from '@/lib/returns/reject-return';
import { ZRejectReturnInput } from '@/lib/returns/schemas';

export const POST = apiRoute(
  { scope: 'returns:request', body: ZRejectReturnInput, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) => rejectReturn({ returnId: String(params.id), input: body, actor }, tx),
);
