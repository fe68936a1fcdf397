import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { approveSupplierBill, rejectSupplierBill } from '@/lib/purchasing/approve-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { apAging, billDetail } from '@/lib/purchasing/bill-queries';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import * as billsRoute from '@/app/api/v1/bills/route';
import * as payRoute from '@/app/api/v1/bills/[id]/pay/route';
import * as approveRoute from '@/app/api/v1/bills/[id]/approve/route';
import * as agingRoute from '@/app/api/v1/reports/ap-aging/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
} from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let manager: Actor;
let warehouse: Actor;
let supplierId: string;
let eurSupplierId: string;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, message: err.message, details: err.details as { field: string }[] };
  }
  throw new Error('expected a failure');
}

/** The lines a source's journal entries posted, by account code: debit − credit. */
async function posted(sourceType: string, sourceId: string) {
  const lines = await db.journalLine.findMany({
    where: { entry: { sourceType, sourceId } },
    select: {
      debit: true,
      credit: true,
      txnCurrency: true,
      txnDebit: true,
      txnCredit: true,
      account: { select: { code: true } },
    },
  });
  const out: Record<string, number> = {};
  for (const l of lines) out[l.account.code] = (out[l.account.code] ?? 0) + l.debit - l.credit;
  return { net: out, lines };
}

/** A sent PO, received in full (or `receive` units of each line) on `receivedOn`. */
async function receivedPo(
  supplier: string,
  lines: { sku: string; quantity: number; unit_cost: number }[],
  options: { receive?: number[]; receivedOn?: string } = {},
) {
  const po = await createPurchaseOrder({
    input: { supplier_id: supplier, location: 'MAIN', lines },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
  await receivePurchaseOrder({
    purchaseOrderId: po.id,
    input: {
      lines: lines.map((l, i) => ({ sku: l.sku, quantity: options.receive?.[i] ?? l.quantity })),
      received_on: options.receivedOn,
    },
    actor: warehouse,
  });
  return po;
}

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager' })).actor;
  warehouse = (await makeUser({ role: 'warehouse' })).actor;
  await makeProduct(['BL-A', 'BL-B', 'BL-C', 'BL-D', 'FX-A']);
  const s = await createSupplier({
    input: {
      name: 'Bill Supply',
      email: 'ap@bill.test',
      payment_terms: 'Net 30',
      lead_time_days: 5,
      products: [],
    },
    actor: manager,
  });
  supplierId = s.id;
  const eur = await createSupplier({
    input: { name: 'Euro Teile', email: 'ap@euro.test', currency: 'EUR', lead_time_days: 5, products: [] },
    actor: manager,
  });
  eurSupplierId = eur.id;
  await saveFxRates({
    input: {
      rates: [
        { currency: 'EUR', date: '2026-11-01', rate: '1.1' },
        { currency: 'EUR', date: '2026-11-15', rate: '1.2' },
        { currency: 'EUR', date: '2026-11-20', rate: '1.05' },
      ],
    },
    actor: manager,
    source: 'manual',
  });
});

describe('three-way match', () => {
  let billId: string;

  it('within the 2 % tolerance the bill posts: Dr GRNI 5,000 + input tax 300 + PPV 100 / Cr AP 5,400', async () => {
    const po = await receivedPo(supplierId, [{ sku: 'BL-A', quantity: 10, unit_cost: 500 }]);
    // billed 10 × 5.10 = 51.00 against 10 × 5.00 = 50.00 received: 1.00 is 2.0 % → within 2 %
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: 'INV-100',
        bill_date: '2026-11-30',
        input_tax: 300,
        lines: [{ sku: 'BL-A', quantity: 10, unit_cost: 510 }],
      },
      actor: manager,
    });
    billId = bill.id;
    expect(bill).toMatchObject({
      status: 'posted',
      subtotal: 5_100,
      input_tax: 300,
      total: 5_400,
      base_total: 5_400,
      grni_value: 5_000,
      variance: 100,
      match_issues: [],
      // Net 30 from 2026-11-30
      due_date: '2026-12-30',
    });
    expect(bill.lines[0]).toMatchObject({
      ordered: 10,
      received: 10,
      previously_billed: 0,
      grni_value: 5_000,
    });
    const { net, lines } = await posted('supplier_bill', bill.id);
    expect(net).toEqual({ '2010': 5_000, '1300': 300, '5400': 100, '2000': -5_400 });
    // same currency: no transaction amounts on the lines
    expect(lines.every((l) => l.txnCurrency === null)).toBe(true);
    // the receipt credited GRNI 5,000 and the bill debited it: nothing left for this PO
    const poLine = await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: po.id } });
    expect([poLine.quantityBilled, poLine.receivedValue, poLine.grniCleared]).toEqual([10, 5_000, 5_000]);
    expect(await db.auditLog.count({ where: { action: 'supplier_bill.entered', entityId: bill.id } })).toBe(
      1,
    );
  });

  it('the same invoice number of the supplier cannot be entered twice (409 naming supplier_reference)', async () => {
    const po = await receivedPo(supplierId, [{ sku: 'BL-A', quantity: 1, unit_cost: 500 }]);
    const f = await failure(
      enterSupplierBill({
        input: {
          purchase_order_id: po.id,
          supplier_reference: 'INV-100',
          bill_date: '2026-11-30',
          lines: [{ sku: 'BL-A', quantity: 1, unit_cost: 500 }],
        },
        actor: manager,
      }),
    );
    expect(f.code).toBe('CONFLICT');
    expect(f.details.map((d) => d.field)).toEqual(['supplier_reference']);
  });

  it(
    'billing more than arrived waits for a manager and posts nothing; the warehouse cannot approve; the ' +
      'manager’s approval posts',
    async () => {
      // 10 ordered at 10.00, 8 received; the bill is for all 10 at 10.00
      const po = await receivedPo(supplierId, [{ sku: 'BL-B', quantity: 10, unit_cost: 1_000 }], {
        receive: [8],
      });
      const bill = await enterSupplierBill({
        input: {
          purchase_order_id: po.id,
          supplier_reference: 'INV-200',
          bill_date: '2026-10-01',
          lines: [{ sku: 'BL-B', quantity: 10, unit_cost: 1_000 }],
        },
        actor: manager,
      });
      expect(bill.status).toBe('awaiting_approval');
      expect(bill.match_issues).toEqual(['BL-B: billed 10 in total but 8 received']);
      expect(bill.base_total).toBeNull();
      expect(await db.journalEntry.count({ where: { sourceType: 'supplier_bill', sourceId: bill.id } })).toBe(
        0,
      );

      expect((await failure(approveSupplierBill({ billId: bill.id, actor: warehouse }))).code).toBe(
        'FORBIDDEN',
      );
      expect((await failure(paySupplierBill({ billId: bill.id, input: {}, actor: manager }))).code).toBe(
        'INVALID_STATE',
      );
      const approved = await approveSupplierBill({
        billId: bill.id,
        reason: 'Rest is on the truck',
        actor: manager,
      });
      // GRNI: 8 received × 10.00 = 8,000 plus 2 billed ahead × 10.00 = 2,000 → 10,000; no price difference
      expect(approved).toMatchObject({
        status: 'posted',
        grni_value: 10_000,
        variance: 0,
        base_total: 10_000,
      });
      expect(approved.approved_by).toBe(manager.label);
      expect((await posted('supplier_bill', bill.id)).net).toEqual({ '2010': 10_000, '2000': -10_000 });
      expect(
        await db.auditLog.count({ where: { action: 'supplier_bill.approved', entityId: bill.id } }),
      ).toBe(1);
      // the last 2 arrive: their receipt credits GRNI 2,000, which the bill already debited
      await receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: 'BL-B', quantity: 2 }] },
        actor: warehouse,
      });
      const line = await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: po.id } });
      expect(line.receivedValue - line.grniCleared).toBe(0);
    },
  );

  it('a price beyond the tolerance waits; a rejected bill gives its units back', async () => {
    const po = await receivedPo(supplierId, [{ sku: 'BL-C', quantity: 5, unit_cost: 500 }]);
    // 5 × 5.30 = 26.50 against 25.00: 1.50 is 6 % > 2 %
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: 'INV-300',
        bill_date: '2026-11-30',
        lines: [{ sku: 'BL-C', quantity: 5, unit_cost: 530 }],
      },
      actor: manager,
    });
    expect(bill.status).toBe('awaiting_approval');
    expect(bill.match_issues).toEqual([
      'BL-C: billed 26.50 against 25.00 at the PO cost (more than 2 % apart)',
    ]);
    expect(
      (await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: po.id } })).quantityBilled,
    ).toBe(5);
    const rejected = await rejectSupplierBill({ billId: bill.id, reason: 'Wrong price', actor: manager });
    expect(rejected.status).toBe('rejected');
    expect(
      (await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: po.id } })).quantityBilled,
    ).toBe(0);
    expect(await db.journalEntry.count({ where: { sourceType: 'supplier_bill', sourceId: bill.id } })).toBe(
      0,
    );
  });

  it('a SKU not on the PO is refused naming lines.i.sku; a draft PO cannot be billed', async () => {
    const po = await receivedPo(supplierId, [{ sku: 'BL-D', quantity: 1, unit_cost: 100 }]);
    const f = await failure(
      enterSupplierBill({
        input: {
          purchase_order_id: po.id,
          supplier_reference: 'INV-400',
          bill_date: '2026-11-30',
          lines: [
            { sku: 'BL-D', quantity: 1, unit_cost: 100 },
            { sku: 'BL-A', quantity: 1, unit_cost: 100 },
          ],
        },
        actor: manager,
      }),
    );
    expect(f.details.map((d) => d.field)).toEqual(['lines.1.sku']);
    const draft = await createPurchaseOrder({
      input: {
        supplier_id: supplierId,
        location: 'MAIN',
        lines: [{ sku: 'BL-D', quantity: 1, unit_cost: 100 }],
      },
      actor: manager,
    });
    const g = await failure(
      enterSupplierBill({
        input: {
          purchase_order_id: draft.id,
          supplier_reference: 'INV-401',
          bill_date: '2026-11-30',
          lines: [{ sku: 'BL-D', quantity: 1, unit_cost: 100 }],
        },
        actor: manager,
      }),
    );
    expect(g.code).toBe('INVALID_STATE');
  });

  it('paying a bill in the shop’s currency posts Dr AP 5,400 / Cr Bank 5,400 and no exchange line', async () => {
    const paid = await paySupplierBill({ billId, input: { paid_on: '2026-12-01' }, actor: manager });
    expect(paid).toMatchObject({
      status: 'paid',
      paid_on: '2026-12-01',
      payment_base: 5_400,
      realized_fx: 0,
    });
    const { net } = await posted('supplier_bill_payment', billId);
    expect(net).toEqual({ '2000': 5_400, '1000': -5_400 });
    expect((await failure(paySupplierBill({ billId, input: {}, actor: manager }))).code).toBe(
      'INVALID_STATE',
    );
  });

  it('AP aging buckets open bills by days past due', async () => {
    // INV-200: billed 2026-10-01, Net 30 → due 2026-10-31; on 2026-12-02 it is 32 days late → 31–60.
    // INV-100 is paid; INV-300 rejected: neither is open.
    const aging = await apAging({ as_of: '2026-12-02' });
    expect(aging.suppliers).toHaveLength(1);
    expect(aging.suppliers[0]).toMatchObject({
      supplier: { name: 'Bill Supply' },
      total: 10_000,
      buckets: { current: 0, days_1_30: 0, days_31_60: 10_000, days_61_90: 0, over_90: 0 },
    });
    expect(aging.suppliers[0].bills[0]).toMatchObject({ due_date: '2026-10-31', days_past_due: 32 });
    // on 2026-10-31 itself it is current
    expect((await apAging({ as_of: '2026-10-31' })).totals).toMatchObject({ current: 10_000, total: 10_000 });
  });
});

describe('a bill in euros', () => {
  it(
    'receipt at 1.10, bill at 1.20, payment at 1.05: layers in dollars, PPV from the receipt’s cost, a ' +
      'realized gain of 15.00',
    async () => {
      // 10 × FX-A at 10.00 EUR received on 2026-11-01 at 1.10 → 11.00 USD each, GRNI 110.00 USD
      const po = await receivedPo(eurSupplierId, [{ sku: 'FX-A', quantity: 10, unit_cost: 1_000 }], {
        receivedOn: '2026-11-01',
      });
      expect(po.currency).toBe('EUR');
      const layer = await db.costLayer.findFirstOrThrow({
        where: { variantId: (await db.variant.findUniqueOrThrow({ where: { sku: 'FX-A' } })).id },
      });
      expect(layer.unitCost).toBe(1_100);
      // bill of 100.00 EUR on 2026-11-15 at 1.20 → AP 120.00 USD; GRNI cleared at 110.00; PPV 10.00
      const bill = await enterSupplierBill({
        input: {
          purchase_order_id: po.id,
          supplier_reference: 'RE-1',
          bill_date: '2026-11-15',
          lines: [{ sku: 'FX-A', quantity: 10, unit_cost: 1_000 }],
        },
        actor: manager,
      });
      expect(bill).toMatchObject({
        status: 'posted',
        currency: 'EUR',
        total: 10_000,
        base_total: 12_000,
        fx_rate: '1.2',
      });
      const entry = await posted('supplier_bill', bill.id);
      expect(entry.net).toEqual({ '2010': 11_000, '5400': 1_000, '2000': -12_000 });
      const ap = entry.lines.find((l) => l.account.code === '2000')!;
      expect([ap.txnCurrency, Number(ap.txnCredit)]).toEqual(['EUR', 10_000]);
      // paid on 2026-11-20 at 1.05 → 105.00 USD leave the bank; carried at 120.00 → gain 15.00 (Cr 7100)
      const paid = await paySupplierBill({
        billId: bill.id,
        input: { paid_on: '2026-11-20' },
        actor: manager,
      });
      expect(paid).toMatchObject({ payment_base: 10_500, realized_fx: -1_500 });
      const pay = await posted('supplier_bill_payment', bill.id);
      expect(pay.net).toEqual({ '2000': 12_000, '7100': -1_500, '1000': -10_500 });
    },
  );

  it('a receipt on a day without a rate is refused naming received_on, the currency and the day', async () => {
    const po = await createPurchaseOrder({
      input: {
        supplier_id: eurSupplierId,
        location: 'MAIN',
        lines: [{ sku: 'FX-A', quantity: 1, unit_cost: 100 }],
      },
      actor: manager,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    const f = await failure(
      receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: 'FX-A', quantity: 1 }], received_on: '2026-10-01' },
        actor: warehouse,
      }),
    );
    expect(f.code).toBe('VALIDATION_FAILED');
    expect(f.message).toBe('No EUR rate on or before 2026-10-01');
    expect(f.details.map((d) => d.field)).toEqual(['received_on']);
    expect(await db.receipt.count({ where: { purchaseOrderId: po.id } })).toBe(0);
  });
});

describe('API', () => {
  it(
    'POST /bills → 201 (Idempotency-Key replays without a second bill); pay → 200; aging; approve needs ' +
      'purchasing:approve',
    async () => {
      const po = await receivedPo(supplierId, [{ sku: 'BL-D', quantity: 2, unit_cost: 700 }]);
      const key = await makeApiKey(['purchasing:read', 'purchasing:write']);
      const body = {
        purchase_order_id: po.id,
        supplier_reference: 'API-1',
        bill_date: '2026-11-30',
        lines: [{ sku: 'BL-D', quantity: 2, unit_cost: 700 }],
      };
      const headers = { 'idempotency-key': 'bill-api-1' };
      const first = await billsRoute.POST(
        apiRequest('/api/v1/bills', { method: 'POST', key: key.key, body, headers }),
        routeContext(),
      );
      expect(first.status).toBe(201);
      const created = (await first.json()) as { id: string; status: string; total: number };
      expect(created).toMatchObject({ status: 'posted', total: 1_400 });
      const again = await billsRoute.POST(
        apiRequest('/api/v1/bills', { method: 'POST', key: key.key, body, headers }),
        routeContext(),
      );
      expect(again.status).toBe(201);
      expect(((await again.json()) as { id: string }).id).toBe(created.id);
      expect(await db.supplierBill.count({ where: { supplierReference: 'API-1' } })).toBe(1);

      const bad = await billsRoute.POST(
        apiRequest('/api/v1/bills', {
          method: 'POST',
          key: key.key,
          body: { ...body, lines: [{ sku: 'BL-D', quantity: 0, unit_cost: 1 }] },
        }),
        routeContext(),
      );
      expect(bad.status).toBe(422);

      const approve = await approveRoute.POST(
        apiRequest(`/api/v1/bills/${created.id}/approve`, { method: 'POST', key: key.key }),
        routeContext({ id: created.id }),
      );
      expect(approve.status).toBe(403);

      const pay = await payRoute.POST(
        apiRequest(`/api/v1/bills/${created.id}/pay`, {
          method: 'POST',
          key: key.key,
          body: { paid_on: '2026-12-01' },
          headers: { 'idempotency-key': 'pay-1' },
        }),
        routeContext({ id: created.id }),
      );
      expect(pay.status).toBe(200);
      expect(await billDetail(created.id)).toMatchObject({ status: 'paid', payment_base: 1_400 });

      const aging = await agingRoute.GET(
        apiRequest('/api/v1/reports/ap-aging?as_of=2026-12-02', { method: 'GET', key: key.key }),
        routeContext(),
      );
      expect(aging.status).toBe(200);
      expect(((await aging.json()) as { totals: { total: number } }).totals.total).toBe(10_000);
    },
  );
});

describe('dates and rates of a bill', () => {
  it('a bill dated after today, or on a day without a rate, is refused at entry naming bill_date', async () => {
    const po = await receivedPo(eurSupplierId, [{ sku: 'FX-A', quantity: 1, unit_cost: 100 }], {
      receivedOn: '2026-11-20',
    });
    const bill = (bill_date: string, ref: string) =>
      enterSupplierBill({
        input: {
          purchase_order_id: po.id,
          supplier_reference: ref,
          bill_date,
          // 3 % above: it would wait for a manager, so nothing would post yet
          lines: [{ sku: 'FX-A', quantity: 1, unit_cost: 103 }],
        },
        actor: manager,
      });
    const future = await failure(bill('2999-01-01', 'RE-F'));
    expect(future.details.map((d) => d.field)).toEqual(['bill_date']);
    const norate = await failure(bill('2026-10-15', 'RE-N'));
    expect(norate.message).toBe('No EUR rate on or before 2026-10-15');
    expect(norate.details.map((d) => d.field)).toEqual(['bill_date']);
    expect(await db.supplierBill.count({ where: { purchaseOrderId: po.id } })).toBe(0);
  });
});
