import { apiRoute } from '@/lib/api/handler';
import { ZAsOfQuery } from '@/lib/ledger/schemas';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { inventoryValuation } from '@/lib/inventory/queries';

export const GET = apiRoute({ scope: 'reports:read', query: ZAsOfQuery }, async ({ query }) =>
  inventoryValuation(await resolveAsOf(query.as_of)),
);
