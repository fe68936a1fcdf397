import { apiRoute } from '@/lib/api/handler';
import { closeFiscalYear, fiscalYearCloses, ZCloseFiscalYearInput } from '@/lib/ledger/close-fiscal-year';

export const GET = apiRoute({ scope: 'ledger:read' }, async () => ({ closes: await fiscalYearCloses() }));

export const POST = apiRoute(
  { scope: 'ledger:write', body: ZCloseFiscalYearInput, idempotent: { status: 200 } },
  ({ body, actor, tx }) => closeFiscalYear({ input: body, actor }, tx),
);
