import { apiRoute } from '@/lib/api/handler';
import { ZStatementRangeQuery } from '@/lib/ledger/statements';
import { clearingDifferences } from '@/lib/ledger/payout-import-queries';

export const GET = apiRoute({ scope: 'ledger:read', query: ZStatementRangeQuery }, ({ query }) =>
  clearingDifferences(query),
);
