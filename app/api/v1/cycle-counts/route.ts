import { apiRoute } from '@/lib/api/handler';
import { createCycleCount } from '@/lib/inventory/cycle-counts/create-cycle-count';
import { cycleCountList } from '@/lib/inventory/cycle-counts/queries';
import { ZCreateCycleCountInput, ZCycleCountListQuery } from '@/lib/inventory/cycle-counts/schemas';

export const POST = apiRoute(
  { scope: 'inventory:adjust', body: ZCreateCycleCountInput, idempotent: {} },
  ({ body, actor, tx }) => createCycleCount({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'inventory:read', query: ZCycleCountListQuery }, ({ query }) =>
  cycleCountList(query),
);
