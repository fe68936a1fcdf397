import { apiRoute } from '@/lib/api/handler';
import { ZAdjustmentInput } from '@/lib/inventory/schemas';
import { adjustStock } from '@/lib/inventory/adjust-stock';

export const POST = apiRoute(
  { scope: 'inventory:adjust', body: ZAdjustmentInput, idempotent: {} },
  ({ body, actor, tx }) => adjustStock({ input: body, actor }, tx),
);
