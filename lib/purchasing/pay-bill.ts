import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { formatRate } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { formatMoney } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { assertBillMove, paymentCarrying } from './bill-rules';
import { billDetail, type SupplierBillDto } from './bill-queries';
import { ZPayBillInput, type TPayBillInput } from './bill-schemas';
import { lockBill } from './approve-bill';
import { toBaseAt } from './post-bill';
import { recordPoEvent } from './po-store';

/**
 * pay: `amount` of the bill (default all that is open) is paid from the bank on `paid_on` (default
 * today); less than the open amount leaves it partially paid (decision 041):
 *   Dr Accounts payable  the carrying amount of the part paid (paymentCarrying), in its own currency too
 *   Cr Bank (1000)       the amount at the payment day's rate
 *   Dr/Cr Realized exchange gain/loss (7100)  bank − carrying part: a loss when the currency rose.
 * Measured from the carrying amount, so a month-end revaluation (reversed the next day) never counts
 * twice; in the shop's currency the difference is zero and no FX line is written. More than is open
 * is 422 naming `amount`.
 */
export async function paySupplierBill(
  options: { billId: string; input: TPayBillInput; actor: Actor },
  tx?: Tx,
): Promise<SupplierBillDto> {
  const input = ZPayBillInput.parse(options.input);
  const run = async (t: Tx) => {
    const bill = await lockBill(t, options.billId);
    assertBillMove(bill.status, 'pay_part'); // posted or partially paid (pay has the same from)
    const open = bill.open_amount;
    const amount = input.amount ?? open;
    if (amount > open)
      throw new AppError(
        'VALIDATION_FAILED',
        `Only ${formatMoney(open, bill.currency)} is open on ${bill.label}`,
        [{ field: 'amount', message: `At most ${formatMoney(open, bill.currency)}` }],
      );
    const { carrying, settles } = paymentCarrying({
      total: bill.total,
      baseTotal: bill.base_total ?? 0,
      amountPaid: bill.amount_paid,
      carryingPaid: bill.carrying_paid,
      amount,
    });
    assertBillMove(bill.status, settles ? 'pay' : 'pay_part');
    const { currency: base, timezone } = await shopSettings(t);
    const paidOn = input.paid_on ?? todayIn(timezone);
    const { rate } = await rateOn({ currency: bill.currency, base, date: paidOn, field: 'paid_on' }, t);
    const bank = toBaseAt(bill.currency, base, rate)(amount);
    const realized = bank - carrying;
    const foreign = bill.currency !== base;
    const part = settles && amount === bill.total ? '' : ` (${formatMoney(amount, bill.currency)})`;
    const payable: EntryLine = dr(ACCOUNTS.payable, carrying, `${bill.label} paid${part}`);
    if (foreign) payable.txn = { currency: bill.currency, debit: amount, credit: 0 };
    const entry = await postJournalEntry(t, {
      memo: `Payment of ${bill.label} to ${bill.supplier.name} (${bill.supplier_reference})${part}`,
      source: { type: 'supplier_bill_payment', id: bill.id },
      actor: options.actor,
      postedAt: await entryInstant(t, input.paid_on, 'paid_on'),
      lines: [payable, dr(ACCOUNTS.realizedFx, realized, 'Exchange difference'), cr(ACCOUNTS.cash, bank)],
    });
    const paidOnDate = new Date(`${paidOn}T00:00:00Z`);
    await t.supplierBillPayment.create({
      data: {
        billId: bill.id,
        paidOn: paidOnDate,
        amount,
        fxRate: foreign ? formatRate(rate) : null,
        bankAmount: bank,
        carrying,
        realizedFx: realized,
        journalEntryId: entry?.id ?? null,
        createdBy: options.actor.label,
      },
      select: { id: true },
    });
    await t.supplierBill.update({
      where: { id: bill.id },
      data: {
        status: settles ? 'paid' : 'partially_paid',
        amountPaid: { increment: amount },
        carryingPaid: { increment: carrying },
        // the latest payment's day and rate; bank amount and exchange difference summed over payments
        paidOn: paidOnDate,
        paymentFxRate: foreign ? formatRate(rate) : null,
        paymentBase: (bill.payment_base ?? 0) + bank,
        realizedFx: (bill.realized_fx ?? 0) + realized,
        paymentEntryId: entry?.id ?? null,
      },
      select: { id: true },
    });
    const after = (await billDetail(bill.id, t))!;
    await recordPoEvent(t, {
      purchaseOrderId: bill.purchase_order.id,
      kind: 'bill_paid',
      message: settles
        ? `${bill.label} paid${part} on ${paidOn}.`
        : `${formatMoney(amount, bill.currency)} of ${bill.label} paid on ${paidOn}; ` +
          `${formatMoney(after.open_amount, bill.currency)} still open.`,
      data: { bill_id: bill.id, amount },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: settles ? 'supplier_bill.paid' : 'supplier_bill.partially_paid',
      entityType: 'supplier_bill',
      entityId: bill.id,
      before: { status: bill.status, amount_paid: bill.amount_paid },
      after: {
        status: after.status,
        paid_on: paidOn,
        amount,
        amount_paid: after.amount_paid,
        bank,
        carrying,
        realized_fx: realized,
      },
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
