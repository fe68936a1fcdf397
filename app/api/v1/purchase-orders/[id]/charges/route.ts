import { apiRoute } from '@/lib/api/handler';
import { addPurchaseOrderCharges } from '@/lib/purchasing/add-purchase-order-charges';
import { ZChargesInput } from '@/lib/purchasing/bill-schemas';

/** Late landed-cost charges, spread over the PO's receipts (the shipped share to COGS). */
export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZChargesInput, idempotent: {} },
  ({ body, actor, params, tx }) =>
    addPurchaseOrderCharges({ purchaseOrderId: String(params.id), input: body, actor }, tx),
);
