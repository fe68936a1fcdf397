import { apiRoute } from '@/lib/api/handler';
import { receiveReturn } from '@/lib/returns/receive-return';
import { ZReceiveReturnInput } from '@/lib/returns/schemas';

/** Units arriving at the warehouse; a `condition` per line inspects them at once. */
export const POST = apiRoute(
  { scope: 'returns:receive', body: ZReceiveReturnInput, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) => receiveReturn({ returnId: String(params.id), input: body, actor }, tx),
);
