import { apiRoute } from '@/lib/api/handler';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { ZInspectReturnInput } from '@/lib/returns/schemas';

export const POST = apiRoute(
  { scope: 'returns:receive', body: ZInspectReturnInput, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) => inspectReturn({ returnId: String(params.id), input: body, actor }, tx),
);
