'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { action, callAction } from '@/lib/server-action';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { approveSupplierBill, rejectSupplierBill } from '@/lib/purchasing/approve-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { amountExample, formatMoney, parseAmountInput } from '@/lib/money';
import { AppError } from '@/lib/errors';
import type { TCreateBillInput } from '@/lib/purchasing/bill-schemas';

const paths = (poId: string, billId?: string) => {
  revalidatePath('/purchasing/bills');
  revalidatePath('/purchasing/aging');
  revalidatePath(`/purchasing/${poId}`);
  if (billId) revalidatePath(`/purchasing/bills/${billId}`);
};

/** The bill entry form sends typed values (amounts in minor units), validated by ZCreateBillInput. */
export const enterBillAction = callAction<[input: TCreateBillInput], { id: string }>(
  { permission: 'purchasing:write' },
  async ({ actor }, input) => {
    const bill = await enterSupplierBill({ input, actor });
    paths(bill.purchase_order.id, bill.id);
    return {
      message:
        bill.status === 'posted'
          ? `${bill.label} posted: ${formatMoney(bill.total, bill.currency)} owed to ${bill.supplier.name}.`
          : `${bill.label} is waiting for a manager: ${bill.match_issues.join('; ')}`,
      data: { id: bill.id },
    };
  },
);

const ZDecision = z.object({
  bill_id: z.uuid(),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

/** A manager approves or rejects a bill waiting outside the match tolerance. */
export const decideBillAction = action(
  { permission: 'purchasing:approve', schema: ZDecision },
  async ({ input, actor }) => {
    const run = input.decision === 'approve' ? approveSupplierBill : rejectSupplierBill;
    const bill = await run({ billId: input.bill_id, reason: input.reason || undefined, actor });
    paths(bill.purchase_order.id, bill.id);
    return { message: `${bill.label} ${input.decision === 'approve' ? 'approved and posted' : 'rejected'}.` };
  },
);

const ZPay = z.object({
  bill_id: z.uuid(),
  paid_on: z.iso.date({ error: 'Use a date like 2026-12-24' }),
  /** typed in the bill's currency; blank pays all that is open */
  amount: z.string().trim().max(30).default(''),
  currency: z.string().length(3),
});

/** Pays a bill, in full or (with an amount) in part; the amount is read in the bill's currency. */
export const payBillAction = action(
  { permission: 'purchasing:write', schema: ZPay },
  async ({ input, actor }) => {
    const amount = parseAmountInput(input.amount, input.currency);
    if (amount === null)
      throw new AppError('VALIDATION_FAILED', 'Enter the amount paid', [
        { field: 'amount', message: `Enter an amount like ${amountExample(input.currency)}` },
      ]);
    const bill = await paySupplierBill({
      billId: input.bill_id,
      input: { paid_on: input.paid_on, amount },
      actor,
    });
    paths(bill.purchase_order.id, bill.id);
    const fx = bill.realized_fx ? '; the exchange difference went to 7100' : '';
    return {
      message:
        bill.status === 'paid'
          ? `${bill.label} paid in full on ${bill.paid_on}${fx}.`
          : `Payment recorded on ${bill.paid_on}; ${formatMoney(bill.open_amount, bill.currency)} still open${fx}.`,
    };
  },
);
