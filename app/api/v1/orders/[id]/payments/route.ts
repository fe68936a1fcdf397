import { apiRoute } from '@/lib/api/handler';
import { recordPayment } from '@/lib/orders/record-payment';
import { orderDetail } from '@/lib/orders/queries';
import { ZRecordPaymentInput } from '@/lib/orders/schemas';

/** Records a payment received after intake; a payment that covers the order releases the payment-due hold. */
export const POST = apiRoute(
  { scope: 'orders:write', body: ZRecordPaymentInput, idempotent: { status: 201 } },
  async ({ body, actor, params, tx }) => {
    await recordPayment({ orderId: String(params.id), input: body, actor }, tx);
    return orderDetail(String(params.id), tx);
  },
);
