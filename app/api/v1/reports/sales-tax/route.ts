import { apiRoute } from '@/lib/api/handler';
import { ZProfitAndLossQuery } from '@/lib/ledger/statements';
import { salesTaxReport } from '@/lib/ledger/sales-tax';

/** ?from=&to= are checked like the P&L's (calendar days, from ≤ to, at most five years). */
export const GET = apiRoute({ scope: 'ledger:read', query: ZProfitAndLossQuery }, ({ query }) =>
  salesTaxReport(query),
);
