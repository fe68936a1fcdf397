import { apiRoute } from '@/lib/api/handler';
import { takeOrderBatch } from '@/lib/orders/take-order-batch';
import { BATCH_MAX_BODY_BYTES, ZBatchInput } from '@/lib/orders/batch-schemas';

// Each order is its own atomic write, idempotent by channel + external id (decision 028).
export const POST = apiRoute(
  { scope: 'orders:create', body: ZBatchInput, maxBodyBytes: BATCH_MAX_BODY_BYTES },
  async ({ body, actor }) => ({ results: await takeOrderBatch({ orders: body.orders, actor }) }),
);
