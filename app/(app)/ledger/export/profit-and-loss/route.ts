import { sessionRoute, csvResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZProfitAndLossQuery } from '@/lib/ledger/statements';
import { profitAndLossReport } from '@/lib/ledger/queries';
import { profitAndLossCsv } from '@/lib/ledger/csv';

/** GET /ledger/export/profit-and-loss?from=&to= → the P&L with month columns and the previous period. */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZProfitAndLossQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const report = await profitAndLossReport(parsed.data);
  return csvResponse(
    profitAndLossCsv(report.total, report.months, report.previous),
    `profit-and-loss-${parsed.data.from}-to-${parsed.data.to}.csv`,
  );
});
