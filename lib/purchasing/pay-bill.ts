import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { formatRate } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { assertBillMove } from './bill-rules';
import { billDetail, type SupplierBillDto } from './bill-queries';
import { ZPayBillInput, type TPayBillInput } from './bill-schemas';
import { lockBill } from './approve-bill';
import { toBaseAt } from './post-bill';
import { recordPoEvent } from './po-store';

/**
 * pay: the bill is paid in full from the bank, on `paid_on` (default today):
 *   Dr Accounts payable  the bill's carrying amount (what it was posted at), in its own currency too
 *   Cr Bank (1000)       the total at the payment day's rate
 *   Dr/Cr Realized exchange gain/loss (7100)  bank − carrying amount: a loss when the currency rose.
 * Measured from the carrying amount, so a month-end revaluation (reversed the next day) never counts
 * twice; in the shop's currency the difference is zero and no FX line is written.
 */
export async function paySupplierBill(
  options: { billId: string; input: TPayBillInput; actor: Actor },
  tx?: Tx,
): Promise<SupplierBillDto> {
  const input = ZPayBillInput.parse(options.input);
  const run = async (t: Tx) => {
    const bill = await lockBill(t, options.billId);
    assertBillMove(bill.status, 'pay');
    const { currency: base, timezone } = await shopSettings(t);
    const paidOn = input.paid_on ?? todayIn(timezone);
    const { rate } = await rateOn({ currency: bill.currency, base, date: paidOn, field: 'paid_on' }, t);
    const bank = toBaseAt(bill.currency, base, rate)(bill.total);
    const carrying = bill.base_total!;
    const realized = bank - carrying;
    const foreign = bill.currency !== base;
    const payable: EntryLine = dr(ACCOUNTS.payable, carrying, `${bill.label} paid`);
    if (foreign) payable.txn = { currency: bill.currency, debit: bill.total, credit: 0 };
    const entry = await postJournalEntry(t, {
      memo: `Payment of ${bill.label} to ${bill.supplier.name} (${bill.supplier_reference})`,
      source: { type: 'supplier_bill_payment', id: bill.id },
      actor: options.actor,
      postedAt: await entryInstant(t, input.paid_on, 'paid_on'),
      lines: [payable, dr(ACCOUNTS.realizedFx, realized, 'Exchange difference'), cr(ACCOUNTS.cash, bank)],
    });
    await t.supplierBill.update({
      where: { id: bill.id },
      data: {
        status: 'paid',
        paidOn: new Date(`${paidOn}T00:00:00Z`),
        paymentFxRate: foreign ? formatRate(rate) : null,
        paymentBase: bank,
        realizedFx: realized,
        paymentEntryId: entry?.id ?? null,
      },
      select: { id: true },
    });
    const after = (await billDetail(bill.id, t))!;
    await recordPoEvent(t, {
      purchaseOrderId: bill.purchase_order.id,
      kind: 'bill_paid',
      message: `${bill.label} paid on ${paidOn}.`,
      data: { bill_id: bill.id },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: 'supplier_bill.paid',
      entityType: 'supplier_bill',
      entityId: bill.id,
      before: { status: bill.status },
      after: { status: after.status, paid_on: paidOn, payment_base: bank, realized_fx: realized },
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
