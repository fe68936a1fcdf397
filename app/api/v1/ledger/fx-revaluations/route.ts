import { apiRoute } from '@/lib/api/handler';
import { ZRevaluationInput } from '@/lib/ledger/fx-schemas';
import { revalueForeignBalances } from '@/lib/ledger/revalue-foreign-balances';

export const POST = apiRoute(
  { scope: 'ledger:write', body: ZRevaluationInput, idempotent: { status: 200 } },
  ({ body, actor, tx }) => revalueForeignBalances({ input: body, actor }, tx),
);
