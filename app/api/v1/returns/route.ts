import { apiRoute } from '@/lib/api/handler';
import { requestReturn } from '@/lib/returns/request-return';
import { returnList } from '@/lib/returns/queries';
import { ZCreateReturnInput, ZReturnListQuery } from '@/lib/returns/schemas';

export const POST = apiRoute(
  { scope: 'returns:request', body: ZCreateReturnInput, idempotent: {} },
  ({ body, actor, tx }) => requestReturn({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'orders:read', query: ZReturnListQuery }, ({ query }) =>
  returnList(query),
);
