import { apiRoute } from '@/lib/api/handler';
import { ZProfitAndLossQuery } from '@/lib/ledger/statements';
import { profitAndLossApi } from '@/lib/ledger/queries';

export const GET = apiRoute({ scope: 'ledger:read', query: ZProfitAndLossQuery }, async ({ query }) =>
  profitAndLossApi(query),
);
