import { apiRoute } from '@/lib/api/handler';
import { approveReturn } from '@/lib/returns/approve-return';
import { ZApproveReturnInput } from '@/lib/returns/schemas';

export const POST = apiRoute(
  { scope: 'returns:request', body: ZApproveReturnInput, bodyOptional: true, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) => approveReturn({ returnId: String(params.id), input: body, actor }, tx),
);
