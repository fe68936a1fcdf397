import { apiRoute } from '@/lib/api/handler';
import { ZBalanceSheetQuery } from '@/lib/ledger/statements';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { balanceSheet } from '@/lib/ledger/queries';

export const GET = apiRoute({ scope: 'ledger:read', query: ZBalanceSheetQuery }, async ({ query }) =>
  balanceSheet(await resolveAsOf(query.as_of)),
);
