import { apiRoute } from '@/lib/api/handler';
import { createReplenishmentPurchaseOrders } from '@/lib/replenishment/create-draft-pos';
import { ZCreateReplenishmentPosInput } from '@/lib/replenishment/schemas';

/** Draft POs for a location's suggestions; what open POs and drafts cover is never drafted again. */
export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZCreateReplenishmentPosInput, idempotent: {} },
  ({ body, actor, tx }) => createReplenishmentPurchaseOrders({ input: body, actor }, tx),
);
