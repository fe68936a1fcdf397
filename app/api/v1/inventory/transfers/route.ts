import { apiRoute } from '@/lib/api/handler';
import { ZTransferInput } from '@/lib/inventory/schemas';
import { transferStock } from '@/lib/inventory/transfer-stock';

export const POST = apiRoute(
  { scope: 'inventory:adjust', body: ZTransferInput, idempotent: {} },
  ({ body, actor, tx }) => transferStock({ input: body, actor }, tx),
);
