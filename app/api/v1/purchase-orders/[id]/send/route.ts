import { apiRoute } from '@/lib/api/handler';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';

/** Sends a draft PO: the PDF is emailed to the supplier through the outbox. */
export const POST = apiRoute(
  { scope: 'purchasing:write', idempotent: { status: 200 } },
  ({ actor, params, tx }) => sendPurchaseOrder({ purchaseOrderId: String(params.id), actor }, tx),
);
