'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { action, callAction } from '@/lib/server-action';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { approveSupplierBill, rejectSupplierBill } from '@/lib/purchasing/approve-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { formatMoney } from '@/lib/money';
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
});

export const payBillAction = action(
  { permission: 'purchasing:write', schema: ZPay },
  async ({ input, actor }) => {
    const bill = await paySupplierBill({ billId: input.bill_id, input: { paid_on: input.paid_on }, actor });
    paths(bill.purchase_order.id, bill.id);
    return {
      message:
        `${bill.label} paid ` +
        `on ${bill.paid_on}${bill.realized_fx ? '; the exchange difference went to 7100' : ''}.`,
    };
  },
);
