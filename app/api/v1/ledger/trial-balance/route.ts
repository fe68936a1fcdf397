import { apiRoute } from '@/lib/api/handler';
import { ZAsOfQuery } from '@/lib/ledger/schemas';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { trialBalance } from '@/lib/ledger/queries';

export const GET = apiRoute({ scope: 'ledger:read', query: ZAsOfQuery }, async ({ query }) =>
  trialBalance(await resolveAsOf(query.as_of)),
);
