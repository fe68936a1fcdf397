import 'server-only';
import type { Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { currencyDigits } from '@/lib/money';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { convertMinor, formatRate, type Decimal } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { shopSettings } from '@/lib/settings/queries';
import { billLabel, grniForBillLine } from './bill-rules';
import { poLabel } from './rules';
import { postBillInputTax } from '@/lib/ledger/tax-lines';

/** Converts minor units of `currency` into the shop's at `rate`; the same amount when they are equal. */
export function toBaseAt(currency: string, base: string, rate: Decimal) {
  if (currency === base) return (amount: number) => amount;
  const digits = [currencyDigits(currency), currencyDigits(base)] as const;
  return (amount: number) => Number(convertMinor(BigInt(amount), rate, ...digits));
}

/**
 * Posts a bill (when entered within tolerance, or when a manager approves it), in the caller's
 * transaction, at the bill date's rate:
 *   Dr GRNI (2010)  the received cost the bill clears (lib/purchasing/bill-rules.ts grniForBillLine)
 *   Dr Input tax recoverable (1300)  the bill's input tax
 *   Dr/Cr Purchase price variance (5400)  billed − received cost − tax (the rest)
 *   Cr Accounts payable (2000)  the bill's total
 * The payable and tax lines keep their amounts in the bill's currency (journal-line transaction
 * amounts, decision 037), so revaluation and payment can measure exchange differences from them.
 */
export async function postSupplierBill(t: Tx, billId: string, actor: Actor): Promise<void> {
  const bill = await t.supplierBill.findUniqueOrThrow({
    where: { id: billId },
    select: {
      id: true,
      number: true,
      currency: true,
      billDate: true,
      inputTax: true,
      total: true,
      purchaseOrder: { select: { number: true } },
      supplier: { select: { name: true } },
      lines: { select: { id: true, purchaseOrderLineId: true, quantity: true, previouslyBilled: true } },
    },
  });
  const { currency: base } = await shopSettings(t);
  const billDate = bill.billDate.toISOString().slice(0, 10);
  const { rate } = await rateOn({ currency: bill.currency, base, date: billDate, field: 'bill_date' }, t);
  const toBase = toBaseAt(bill.currency, base, rate);
  const foreign = bill.currency !== base;

  let grniTotal = 0;
  for (const l of bill.lines) {
    const [po] = await t.$queryRaw<
      { received: number; receivedValue: number; grniCleared: number; unitCost: number }[]
    >`SELECT quantity_received AS received, received_value AS "receivedValue", grni_cleared AS "grniCleared",
             unit_cost AS "unitCost"
      FROM purchase_order_lines WHERE id = ${l.purchaseOrderLineId}::uuid FOR UPDATE`;
    const grni = grniForBillLine({
      received: po.received,
      previouslyBilled: l.previouslyBilled,
      receivedValue: po.receivedValue,
      grniCleared: po.grniCleared,
      quantity: l.quantity,
      excessUnitBase: toBase(po.unitCost),
    });
    grniTotal += grni;
    await t.purchaseOrderLine.update({
      where: { id: l.purchaseOrderLineId },
      data: { grniCleared: { increment: grni } },
      select: { id: true },
    });
    await t.supplierBillLine.update({ where: { id: l.id }, data: { grniValue: grni }, select: { id: true } });
  }
  const apBase = toBase(bill.total);
  const taxBase = toBase(bill.inputTax);
  const variance = apBase - taxBase - grniTotal;
  const label = `${billLabel(bill.number)} (${bill.supplier.name}, ${poLabel(bill.purchaseOrder.number)})`;
  const tax: EntryLine = dr(ACCOUNTS.inputTax, taxBase, 'Input tax');
  const payable: EntryLine = cr(ACCOUNTS.payable, apBase, label);
  if (foreign) {
    tax.txn = { currency: bill.currency, debit: bill.inputTax, credit: 0 };
    payable.txn = { currency: bill.currency, debit: 0, credit: bill.total };
  }
  const entry = await postJournalEntry(t, {
    memo: `Supplier bill ${label}`,
    source: { type: 'supplier_bill', id: bill.id },
    actor,
    postedAt: await entryInstant(t, billDate, 'bill_date'),
    lines: [
      dr(ACCOUNTS.grni, grniTotal, 'Received cost cleared'),
      tax,
      dr(ACCOUNTS.purchasePriceVariance, variance, 'Billed − received cost'),
      payable,
    ],
  });
  // Its input-tax line takes the entry and the entry's 1300 debit (decision 042).
  await postBillInputTax(t, {
    billId: bill.id,
    entryId: entry?.id ?? null,
    baseTaxable: toBase(bill.total - bill.inputTax),
  });
  await t.supplierBill.update({
    where: { id: bill.id },
    data: {
      status: 'posted',
      fxRate: foreign ? formatRate(rate) : null,
      baseTotal: apBase,
      grniValue: grniTotal,
      variance,
      journalEntryId: entry?.id ?? null,
    },
    select: { id: true },
  });
}
