import { apiRoute } from '@/lib/api/handler';
import { ZReceiptInput } from '@/lib/inventory/schemas';
import { receiveStock } from '@/lib/inventory/receive-stock';

export const POST = apiRoute(
  { scope: 'inventory:adjust', body: ZReceiptInput, idempotent: {} },
  ({ body, actor, tx }) => receiveStock({ input: body, actor }, tx),
);
