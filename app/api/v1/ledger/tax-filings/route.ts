import { apiRoute } from '@/lib/api/handler';
import { fileSalesTaxPeriod, taxFilings } from '@/lib/ledger/file-sales-tax-period';
import { ZTaxFilingInput } from '@/lib/ledger/tax-rules';

/** Files a sales-tax period: posts the settlement entry and locks tax in it; a repeat answers the first. */
export const POST = apiRoute(
  { scope: 'ledger:write', body: ZTaxFilingInput, idempotent: { status: 200 } },
  ({ body, actor, tx }) => fileSalesTaxPeriod({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'ledger:read' }, async () => ({ filings: await taxFilings() }));
