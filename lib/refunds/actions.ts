'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { AppError } from '@/lib/errors';
import { amountExample, formatMoney, parseAmountInput } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { decideRefund } from '@/lib/refunds/decide-refund';
import { formText } from '@/lib/form-data';

const field = (f: FormData, name: string) => formText(f, name);
const optional = (f: FormData, name: string) => field(f, name).trim() || undefined;
/** A money input in major units ("12.50"; "1250" in JPY) → minor units of `currency`; blank → undefined. */
function minor(f: FormData, name: string, currency: string): number | undefined {
  const amount = parseAmountInput(field(f, name), currency);
  if (amount === null) {
    const example = amountExample(currency);
    throw new AppError('VALIDATION_FAILED', `Enter an amount like ${example}`, [
      { field: name, message: `Enter an amount like ${example}` },
    ]);
  }
  return amount;
}

/** The return's page, the returns list and the order's page show what a refund changed. */
function touchReturn(returnId: string, orderId?: string) {
  revalidatePath(`/returns/${encodeURIComponent(returnId)}`);
  revalidatePath('/returns');
  if (orderId) revalidatePath(`/orders/${orderId}`);
}

/** Refund a return's received units: refunds:issue (above the limit it waits for a manager). */
export const refundReturnAction = action({ permission: 'refunds:issue' }, async ({ actor, formData }) => {
  const returnId = field(formData, 'returnId');
  const { currency } = await shopSettings();
  const refund = await refundReturn({
    returnId,
    input: {
      shipping_amount: minor(formData, 'shipping', currency) ?? 0,
      waive_restocking_fee: formData.get('waiveFee') === 'on',
      amount: minor(formData, 'amount', currency),
      reason: optional(formData, 'reason'),
      ticket_id: optional(formData, 'ticketId'),
    },
    actor,
    idempotencyKey: optional(formData, 'idempotencyKey'),
  });
  touchReturn(returnId, refund.order_id);
  const amount = formatMoney(refund.amount, refund.currency);
  return {
    message:
      refund.status === 'pending_approval'
        ? `Refund #${refund.number} of ${amount} is above your limit and waits for a manager's approval.`
        : `Refund #${refund.number} of ${amount} issued; the customer has been emailed.`,
  };
});

/** A goodwill refund without a return, with a reason: refunds:issue. */
export const goodwillRefundAction = action({ permission: 'refunds:issue' }, async ({ actor, formData }) => {
  const amount = minor(formData, 'amount', (await shopSettings()).currency);
  if (amount === undefined)
    throw new AppError('VALIDATION_FAILED', 'Enter the amount to refund.', [
      { field: 'amount', message: 'Enter the amount to refund' },
    ]);
  const refund = await createGoodwillRefund({
    input: {
      order_id: field(formData, 'orderId'),
      amount,
      reason: field(formData, 'reason'),
      ticket_id: optional(formData, 'ticketId'),
    },
    actor,
    idempotencyKey: optional(formData, 'idempotencyKey'),
  });
  revalidatePath(`/orders/${refund.order_id}`);
  revalidatePath('/returns/refunds');
  const formatted = formatMoney(refund.amount, refund.currency);
  return {
    message:
      refund.status === 'pending_approval'
        ? `Refund #${refund.number} of ${formatted} waits for a manager's approval.`
        : `Refund #${refund.number} of ${formatted} issued; the customer has been emailed.`,
  };
});

/** A manager approves or declines a refund above the support limit: refunds:approve. */
export const decideRefundAction = action({ permission: 'refunds:approve' }, async ({ actor, formData }) => {
  const approve = field(formData, 'decision') === 'approve';
  const refund = await decideRefund({
    refundId: field(formData, 'refundId'),
    approve,
    actor,
  });
  revalidatePath('/returns/refunds');
  revalidatePath(`/orders/${refund.order_id}`);
  if (refund.return_id) touchReturn(refund.return_id);
  return { message: `Refund #${refund.number} ${approve ? 'approved and issued' : 'declined'}.` };
});
