import { sessionRoute, csvResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZProfitAndLossQuery } from '@/lib/ledger/statements';
import { salesTaxReport } from '@/lib/ledger/sales-tax';
import { salesTaxCsv } from '@/lib/ledger/sales-tax-csv';

/** GET /ledger/export/sales-tax?from=&to= → the sales-tax report by jurisdiction and rate. */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZProfitAndLossQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const report = await salesTaxReport(parsed.data);
  return csvResponse(salesTaxCsv(report), `sales-tax-${parsed.data.from}-to-${parsed.data.to}.csv`);
});
