import { apiRoute } from '@/lib/api/handler';
import { replenishmentRows } from '@/lib/replenishment/queries';
import { ZReplenishmentQuery } from '@/lib/replenishment/schemas';

/** The latest completed run's forecasts with live stock positions and suggestions. */
export const GET = apiRoute({ scope: 'purchasing:read', query: ZReplenishmentQuery }, async ({ query }) => ({
  data: await replenishmentRows(query),
}));
