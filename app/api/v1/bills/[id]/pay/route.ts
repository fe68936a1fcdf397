import { apiRoute } from '@/lib/api/handler';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { ZPayBillInput } from '@/lib/purchasing/bill-schemas';

/** Pays a posted bill in full: Dr AP / Cr Bank, realized FX at the payment day's rate. */
export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZPayBillInput, bodyOptional: true, idempotent: { status: 200 } },
  ({ body, actor, params, tx }) => paySupplierBill({ billId: String(params.id), input: body, actor }, tx),
);
