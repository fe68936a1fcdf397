import { apiRoute } from '@/lib/api/handler';
import { MAX_REPORT_BYTES, ZPayoutImportInput } from '@/lib/ledger/payout-report';
import { importPayoutReport } from '@/lib/ledger/import-payout-report';
import { payoutImports } from '@/lib/ledger/payout-import-queries';

export const GET = apiRoute({ scope: 'ledger:read' }, async () => ({ imports: await payoutImports() }));

export const POST = apiRoute(
  {
    scope: 'ledger:write',
    body: ZPayoutImportInput,
    maxBodyBytes: MAX_REPORT_BYTES + 10_000,
    idempotent: { status: 201 },
  },
  ({ body, actor, tx }) => importPayoutReport({ input: body, actor }, tx),
);
