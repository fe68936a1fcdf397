import { apiRoute } from '@/lib/api/handler';
import { exchangeReturn } from '@/lib/returns/exchange-return';
import { ZExchangeReturnInput } from '@/lib/returns/schemas';

export const POST = apiRoute(
  { scope: 'returns:request', body: ZExchangeReturnInput, idempotent: {} },
  ({ body, actor, params, tx }) => exchangeReturn({ returnId: String(params.id), input: body, actor }, tx),
);
