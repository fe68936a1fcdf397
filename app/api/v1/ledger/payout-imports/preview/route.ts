import { apiRoute } from '@/lib/api/handler';
import { MAX_REPORT_BYTES, ZPayoutImportInput } from '@/lib/ledger/payout-report';
import { previewPayoutReport } from '@/lib/ledger/import-payout-report';

export const POST = apiRoute(
  { scope: 'ledger:write', body: ZPayoutImportInput, maxBodyBytes: MAX_REPORT_BYTES + 10_000 },
  ({ body }) => previewPayoutReport(body),
);
