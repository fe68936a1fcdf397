import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { purchaseOrderDetail, purchaseOrderTimeline } from '@/lib/purchasing/queries';
import { updatePurchaseOrder } from '@/lib/purchasing/update-purchase-order';
import { ZUpdatePurchaseOrderInput } from '@/lib/purchasing/schemas';

export const GET = apiRoute({ scope: 'purchasing:read' }, async ({ params }) => {
  const found = await purchaseOrderDetail(String(params.id));
  if (!found) throw new AppError('NOT_FOUND', 'That purchase order does not exist.');
  return { ...found, timeline: await purchaseOrderTimeline(found.id) };
});

/** Edits a draft or sent PO; after sending, each edit is a revision on its timeline. */
export const PATCH = apiRoute(
  { scope: 'purchasing:write', body: ZUpdatePurchaseOrderInput },
  ({ body, actor, params }) =>
    updatePurchaseOrder({ purchaseOrderId: String(params.id), input: body, actor }),
);
