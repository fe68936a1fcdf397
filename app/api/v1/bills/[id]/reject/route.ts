import { apiRoute } from '@/lib/api/handler';
import { rejectSupplierBill } from '@/lib/purchasing/approve-bill';
import { ZBillReasonInput } from '@/lib/purchasing/bill-schemas';

/** A manager rejects a bill waiting outside the match tolerance (optional reason; audited). */
export const POST = apiRoute(
  { scope: 'purchasing:approve', body: ZBillReasonInput, bodyOptional: true, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) =>
    rejectSupplierBill({ billId: String(params.id), reason: body.reason, actor }, tx),
);
