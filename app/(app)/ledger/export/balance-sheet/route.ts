import { sessionRoute, csvResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZBalanceSheetQuery } from '@/lib/ledger/statements';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { balanceSheet } from '@/lib/ledger/queries';
import { balanceSheetCsv } from '@/lib/ledger/csv';

/** GET /ledger/export/balance-sheet?as_of=YYYY-MM-DD → the balance sheet as a CSV file. */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZBalanceSheetQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const asOf = await resolveAsOf(parsed.data.as_of);
  return csvResponse(balanceSheetCsv(await balanceSheet(asOf)), `balance-sheet-${asOf.asOf}.csv`);
});
