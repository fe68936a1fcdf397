import { sessionRoute, csvResponse, fileResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZBalanceSheetExportQuery } from '@/lib/ledger/statements';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { balanceSheet } from '@/lib/ledger/queries';
import { balanceSheetCsv } from '@/lib/ledger/csv';
import { balanceSheetPdf, balanceSheetXlsx } from '@/lib/ledger/statement-files';
import { shopSettings } from '@/lib/settings/queries';
import { XLSX_TYPE } from '@/lib/ledger/statements';

/** GET /ledger/export/balance-sheet?as_of=YYYY-MM-DD&format=csv|xlsx|pdf → the balance sheet as a file. */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZBalanceSheetExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const asOf = await resolveAsOf(parsed.data.as_of);
  const bs = await balanceSheet(asOf);
  const name = `balance-sheet-${asOf.asOf}`;
  if (parsed.data.format === 'xlsx')
    return fileResponse(await balanceSheetXlsx(bs), `${name}.xlsx`, XLSX_TYPE);
  if (parsed.data.format === 'pdf')
    return fileResponse(
      await balanceSheetPdf(bs, (await shopSettings()).shop_name),
      `${name}.pdf`,
      'application/pdf',
    );
  return csvResponse(balanceSheetCsv(bs), `${name}.csv`);
});
