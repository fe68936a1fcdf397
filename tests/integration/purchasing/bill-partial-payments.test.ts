import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { apAging } from '@/lib/purchasing/bill-queries';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { makeLocations, makeProduct, makeUser } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let manager: Actor;
let supplierId: string;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, details: err.details as { field: string }[] };
  }
  throw new Error('expected a failure');
}

/** A payment's journal lines by account code (debit − credit). */
async function paymentLines(entryId: string | null) {
  const lines = await db.journalLine.findMany({
    where: { entryId: entryId! },
    select: { debit: true, credit: true, account: { select: { code: true } } },
  });
  return Object.fromEntries(lines.map((l) => [l.account.code, l.debit - l.credit]));
}

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager' })).actor;
  await makeProduct(['PP-EUR']);
  const s = await createSupplier({
    input: {
      name: 'Teilzahlung GmbH',
      email: 'ap@teilzahlung.test',
      currency: 'EUR',
      payment_terms: 'Net 30',
      lead_time_days: 5,
      products: [],
    },
    actor: manager,
  });
  supplierId = s.id;
  await saveFxRates({
    input: {
      rates: [
        { currency: 'EUR', date: '2026-10-01', rate: '1.1' },
        { currency: 'EUR', date: '2026-10-10', rate: '1.2' },
        { currency: 'EUR', date: '2026-10-20', rate: '1.05' },
        { currency: 'EUR', date: '2026-10-25', rate: '1.3' },
      ],
    },
    actor: manager,
    source: 'manual',
  });
});

describe('partial payments of a bill in euros', () => {
  it('30.00 of 100.00 EUR, then the rest: each payment measured from its part of the carrying amount', async () => {
    const po = await createPurchaseOrder({
      input: {
        supplier_id: supplierId,
        location: 'MAIN',
        lines: [{ sku: 'PP-EUR', quantity: 10, unit_cost: 1_000 }],
      },
      actor: manager,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'PP-EUR', quantity: 10 }], received_on: '2026-10-01' },
      actor: manager,
    });
    // 10 × 10.00 EUR billed on 2026-10-10 at 1.20 → AP carried at 120.00 USD (12,000), due 2026-11-09
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: 'TZ-1',
        bill_date: '2026-10-10',
        lines: [{ sku: 'PP-EUR', quantity: 10, unit_cost: 1_000 }],
      },
      actor: manager,
    });
    expect(bill).toMatchObject({ status: 'posted', total: 10_000, base_total: 12_000, open_amount: 10_000 });

    // 30.00 EUR on 2026-10-20 at 1.05: bank 3,000 × 1.05 = 3,150; its carrying part
    // 12,000 × 3,000 ÷ 10,000 = 3,600; 3,150 − 3,600 = −450, a gain (Cr 7100 450)
    const first = await paySupplierBill({
      billId: bill.id,
      input: { paid_on: '2026-10-20', amount: 3_000 },
      actor: manager,
    });
    expect(first).toMatchObject({
      status: 'partially_paid',
      amount_paid: 3_000,
      open_amount: 7_000,
      carrying_paid: 3_600,
      open_carrying: 8_400,
    });
    expect(first.payments).toEqual([
      {
        paid_on: '2026-10-20',
        amount: 3_000,
        fx_rate: '1.05',
        bank_amount: 3_150,
        carrying: 3_600,
        realized_fx: -450,
      },
    ]);
    const firstEntry = await db.supplierBillPayment.findFirstOrThrow({ where: { billId: bill.id } });
    expect(await paymentLines(firstEntry.journalEntryId)).toEqual({
      '2000': 3_600,
      '7100': -450,
      '1000': -3_150,
    });

    // AP aging uses the open carrying amount: 12,000 − 3,600 = 8,400 on the payment day; on
    // 2026-10-15, before the payment, the whole 12,000 was open
    const after = await apAging({ as_of: '2026-10-20' });
    const row = after.suppliers.find((s) => s.supplier.id === supplierId)!;
    expect(row.buckets.current).toBe(8_400);
    expect(row.bills).toEqual([expect.objectContaining({ id: bill.id, amount: 8_400 })]);
    const before = await apAging({ as_of: '2026-10-15' });
    expect(before.suppliers.find((s) => s.supplier.id === supplierId)!.total).toBe(12_000);

    // more than the 70.00 still open is refused naming amount, and writes nothing
    const over = await failure(
      paySupplierBill({ billId: bill.id, input: { paid_on: '2026-10-20', amount: 7_001 }, actor: manager }),
    );
    expect(over.code).toBe('VALIDATION_FAILED');
    expect(over.details.map((d) => d.field)).toEqual(['amount']);
    expect(await db.supplierBillPayment.count({ where: { billId: bill.id } })).toBe(1);

    // the rest (70.00 EUR, no amount given) on 2026-10-25 at 1.30: bank 9,100; it settles the bill so
    // it takes the carrying amount left, 12,000 − 3,600 = 8,400; 9,100 − 8,400 = 700, a loss (Dr 7100)
    const last = await paySupplierBill({ billId: bill.id, input: { paid_on: '2026-10-25' }, actor: manager });
    expect(last).toMatchObject({
      status: 'paid',
      amount_paid: 10_000,
      open_amount: 0,
      carrying_paid: 12_000,
      open_carrying: 0,
      paid_on: '2026-10-25',
      payment_base: 3_150 + 9_100,
      realized_fx: -450 + 700,
    });
    expect(await paymentLines(await lastEntry(bill.id))).toEqual({
      '2000': 8_400,
      '7100': 700,
      '1000': -9_100,
    });
    // AP for this bill: Cr 12,000 at posting, Dr 3,600 + 8,400 by the payments → 0
    const ap = await db.journalLine.aggregate({
      where: {
        account: { code: '2000' },
        entry: { sourceId: bill.id, sourceType: { in: ['supplier_bill', 'supplier_bill_payment'] } },
      },
      _sum: { debit: true, credit: true },
    });
    expect((ap._sum.debit ?? 0) - (ap._sum.credit ?? 0)).toBe(0);
    expect((await apAging({ as_of: '2026-10-25' })).suppliers.some((s) => s.supplier.id === supplierId)).toBe(
      false,
    );
    // a paid bill takes no more payments
    const again = await failure(paySupplierBill({ billId: bill.id, input: {}, actor: manager }));
    expect(again.code).toBe('INVALID_STATE');
  });
});

async function lastEntry(billId: string) {
  const p = await db.supplierBillPayment.findFirstOrThrow({
    where: { billId },
    orderBy: { paidOn: 'desc' },
  });
  return p.journalEntryId;
}
