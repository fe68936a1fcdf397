'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { AppError } from '@/lib/errors';
import { formText } from '@/lib/form-data';
import { parseMoney } from '@/lib/money';
import { orderDetail } from '@/lib/orders/queries';
import { recordPayment } from '@/lib/orders/record-payment';

/**
 * "Record a payment" on the order page (decision 031): the amount typed in the order's currency, how
 * it was paid. A payment that covers the order releases the payment-due hold. orders:write.
 */
export const recordPaymentAction = action({ permission: 'orders:write' }, async ({ actor, formData }) => {
  const orderId = formText(formData, 'orderId');
  const order = await orderDetail(orderId);
  if (!order) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const amount = parseMoney(formText(formData, 'amount'), order.currency);
  if (amount === null || amount <= 0)
    throw new AppError('VALIDATION_FAILED', 'Enter the amount received', [
      { field: 'amount', message: `Enter the amount received, e.g. 25.00 (${order.currency})` },
    ]);
  const done = await recordPayment({
    orderId,
    input: { amount, method: formText(formData, 'method'), status: 'captured' },
    actor,
  });
  revalidatePath(`/orders/${encodeURIComponent(orderId)}`);
  return {
    message: done.released
      ? 'Payment recorded: the order is paid and released to the fulfillment queue.'
      : 'Payment recorded.',
  };
});
