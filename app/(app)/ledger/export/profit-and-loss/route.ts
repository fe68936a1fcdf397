import { sessionRoute, csvResponse, fileResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { XLSX_TYPE, ZProfitAndLossExportQuery } from '@/lib/ledger/statements';
import { profitAndLossReport } from '@/lib/ledger/queries';
import { profitAndLossCsv } from '@/lib/ledger/csv';
import { profitAndLossPdf, profitAndLossXlsx } from '@/lib/ledger/statement-files';
import { shopSettings } from '@/lib/settings/queries';

/**
 * GET /ledger/export/profit-and-loss?from=&to=[&columns=month|quarter][&compare=…]&format=csv|xlsx|pdf
 * → the P&L with its columns and the comparison period as a file.
 */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZProfitAndLossExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const report = await profitAndLossReport(parsed.data);
  const name = `profit-and-loss-${parsed.data.from}-to-${parsed.data.to}`;
  if (parsed.data.format === 'xlsx')
    return fileResponse(await profitAndLossXlsx(report), `${name}.xlsx`, XLSX_TYPE);
  if (parsed.data.format === 'pdf')
    return fileResponse(
      await profitAndLossPdf(report, (await shopSettings()).shop_name),
      `${name}.pdf`,
      'application/pdf',
    );
  return csvResponse(profitAndLossCsv(report.total, report.months, report.previous), `${name}.csv`);
});
