import { apiRoute } from '@/lib/api/handler';
import { ZFxRatesQuery, ZSaveFxRatesInput } from '@/lib/ledger/fx-schemas';
import { fxRates } from '@/lib/ledger/fx-queries';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';

export const GET = apiRoute({ scope: 'ledger:read', query: ZFxRatesQuery }, ({ query }) => fxRates(query));

export const POST = apiRoute(
  { scope: 'ledger:write', body: ZSaveFxRatesInput, idempotent: { status: 200 } },
  ({ body, actor, tx }) => saveFxRates({ input: body, actor, source: 'api' }, tx),
);
