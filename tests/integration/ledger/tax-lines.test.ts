import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { salesTaxReport } from '@/lib/ledger/sales-tax';
import { fileSalesTaxPeriod } from '@/lib/ledger/file-sales-tax-period';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as orderRoute from '@/app/api/v1/orders/[id]/route';
import * as taxRoute from '@/app/api/v1/reports/sales-tax/route';
import * as filingsRoute from '@/app/api/v1/ledger/tax-filings/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

/**
 * Sales tax by jurisdiction and rate (decision 042), worked by hand through the real use cases:
 * an order with two tax lines, a partial refund reversing its shares, a supplier bill with input tax,
 * the report, filing the period with its settlement entry, and the tax lock of a filed period.
 */
const address = { name: 'Ann Lee', line1: '1 High St', city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB' };
const today = todayIn('UTC');
const tomorrow = new Date(Date.now() + 24 * 3600_000);
let key: string;
let manager: Actor;
let orderId: string;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

/** Σdebit − Σcredit per account code of the entries of a source. */
async function posted(where: { sourceType: string; sourceId?: string }) {
  const lines = await db.journalLine.findMany({
    where: { entry: where },
    select: { debit: true, credit: true, account: { select: { code: true } } },
  });
  const out: Record<string, number> = {};
  for (const l of lines) out[l.account.code] = (out[l.account.code] ?? 0) + l.debit - l.credit;
  return out;
}

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager', email: 'books@example.test' })).actor;
  await makeProduct(['TX-A', 'TX-B'], { price: 5_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'TX-A', quantity: 50, unit_cost: 2_000 },
        { sku: 'TX-B', quantity: 50, unit_cost: 2_000 },
      ],
    },
    actor,
  });
  key = (await makeApiKey(['orders:read', 'orders:create', 'ledger:read', 'ledger:write'])).key;
});

describe('orders carry tax lines', () => {
  it('takes two lines of different rates; the sale credits 2100 with their sum', async () => {
    // Goods 2 × 5,000 = 10,000 at 20 % → 2,000; shipping 2,000 at 5 % → 100; tax 2,100; total 14,100.
    const res = await ordersRoute.POST(
      apiRequest('/api/v1/orders', {
        method: 'POST',
        key,
        body: {
          channel: 'web',
          currency: 'USD',
          customer: { email: 'ann@example.test', name: 'Ann Lee' },
          shipping_address: address,
          lines: [{ sku: 'TX-A', quantity: 2, unit_price: 5_000 }],
          shipping_amount: 2_000,
          tax_lines: [
            { jurisdiction: 'GB', rate: '0.20', taxable: 10_000, tax: 2_000 },
            { jurisdiction: 'GB', rate: '0.05', taxable: 2_000, tax: 100 },
          ],
          payment: { method: 'card', amount: 14_100, status: 'captured', fee: 0 },
        },
      }),
      routeContext(),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    orderId = body.id;
    expect(body.tax_amount).toBe(2_100);
    expect(body.total).toBe(14_100);
    const lines = [
      { jurisdiction: 'GB', rate: '0.2', taxable: 10_000, tax: 2_000 },
      { jurisdiction: 'GB', rate: '0.05', taxable: 2_000, tax: 100 },
    ];
    expect(body.tax_lines).toEqual(lines);
    const read = await orderRoute.GET(
      apiRequest(`/api/v1/orders/${orderId}`, { key }),
      routeContext({ id: orderId }),
    );
    expect((await read.json()).tax_lines).toEqual(lines);
    expect(await posted({ sourceType: 'order', sourceId: orderId })).toMatchObject({ '2100': -2_100 });
  });

  it('turns one tax amount into one line: the shipping country, rate not recorded, taxable the net', async () => {
    const o = await createOrder({
      input: {
        channel: 'web',
        currency: 'USD',
        customer: { email: 'bo@example.test', name: 'Bo Ng' },
        shipping_address: { ...address, country: 'ie' },
        lines: [{ sku: 'TX-B', quantity: 1, unit_price: 5_000 }],
        discount_amount: 1_000,
        shipping_amount: 500,
        tax_amount: 920,
      },
      actor,
    });
    // taxable = 5,000 − 1,000 + 500 = 4,500.
    expect(o.tax_lines).toEqual([{ jurisdiction: 'IE', rate: null, taxable: 4_500, tax: 920 }]);
  });

  it(
    'refuses lines that do not add up, a rate as a percentage ' +
      'and a missing jurisdiction, naming the field',
    async () => {
      const base = {
        channel: 'web',
        currency: 'USD',
        customer: { email: 'cy@example.test', name: 'Cy' },
        shipping_address: address,
        lines: [{ sku: 'TX-A', quantity: 1, unit_price: 5_000 }],
      };
      const cases: [unknown, string][] = [
        [
          {
            ...base,
            tax_amount: 999,
            tax_lines: [{ jurisdiction: 'GB', rate: '0.2', taxable: 5_000, tax: 1_000 }],
          },
          'tax_lines',
        ],
        [
          { ...base, tax_lines: [{ jurisdiction: 'GB', rate: '20%', taxable: 5_000, tax: 1_000 }] },
          'tax_lines.0.rate',
        ],
        [
          { ...base, tax_lines: [{ jurisdiction: 'GB', rate: 0.2, taxable: 5_000, tax: 1_000 }] },
          'tax_lines.0.rate',
        ],
        [
          { ...base, tax_lines: [{ jurisdiction: ' ', rate: '0.2', taxable: 5_000, tax: 1_000 }] },
          'tax_lines.0.jurisdiction',
        ],
      ];
      const before = await db.order.count();
      for (const [body, field] of cases) {
        const res = await ordersRoute.POST(
          apiRequest('/api/v1/orders', { method: 'POST', key, body }),
          routeContext(),
        );
        expect(res.status).toBe(422);
        const fields = (await res.json()).error.details.map((d: { field: string }) => d.field);
        expect(fields).toContain(field);
      }
      expect(await db.order.count()).toBe(before);
    },
  );
});

describe('refunds reverse their share; bills carry input tax', () => {
  it('a partial refund reverses each line in proportion to what it holds', async () => {
    await recordShipment({ orderId, input: { lines: [{ sku: 'TX-A', quantity: 2 }] }, actor });
    const r = await requestReturn({
      input: { order_id: orderId, lines: [{ sku: 'TX-A', quantity: 1, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'TX-A', quantity: 1, condition: 'restock' }] },
      actor,
    });
    const refund = await refundReturn({ returnId: r.id, input: {}, actor });
    // One of two units: goods 5,000, tax slice(2,100, 0, 1, 2) = 1,050, no fee, no shipping.
    expect(refund).toMatchObject({ amount: 6_050, goods_amount: 5_000, tax_amount: 1_050 });
    const shares = await db.taxLine.findMany({
      where: { refundId: refund.id },
      select: { rate: true, taxable: true, tax: true, baseTax: true },
      orderBy: { tax: 'desc' },
    });
    // tax 1,050 over what the lines hold [2,000, 100]: 1,050 × 2,000 / 2,100 = 1,000; × 100 / 2,100 = 50.
    // taxable 5,000 over [10,000, 2,000]: 4,166.67 → 4,166 and 833.33 → 833, the 1 left to the larger
    // remainder (.67): 4,167 + 833 = 5,000.
    expect(
      shares.map((s) => [s.rate?.toString(), Number(s.taxable), Number(s.tax), Number(s.baseTax)]),
    ).toEqual([
      ['0.2', 4_167, 1_000, 1_000],
      ['0.05', 833, 50, 50],
    ]);
    expect(await posted({ sourceType: 'refund', sourceId: refund.id })).toMatchObject({ '2100': 1_050 });
  });

  it('a bill with reclaimable input tax debits 1300 and carries its jurisdiction and rate', async () => {
    const supplier = await createSupplier({
      input: {
        name: 'Tax Supply',
        email: 'ap@tax.test',
        payment_terms: 'Net 30',
        lead_time_days: 5,
        products: [],
      },
      actor: manager,
    });
    const po = await createPurchaseOrder({
      input: {
        supplier_id: supplier.id,
        location: 'MAIN',
        lines: [{ sku: 'TX-B', quantity: 5, unit_cost: 500 }],
      },
      actor: manager,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'TX-B', quantity: 5 }] },
      actor: manager,
    });
    // 5 × 500 = 2,500 at 20 % → input tax 500; total 3,000.
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: 'INV-42',
        bill_date: today,
        input_tax: 500,
        tax_jurisdiction: 'GB',
        tax_rate: '0.2',
        lines: [{ sku: 'TX-B', quantity: 5, unit_cost: 500 }],
      },
      actor: manager,
    });
    expect(bill.status).toBe('posted');
    expect(await posted({ sourceType: 'supplier_bill', sourceId: bill.id })).toMatchObject({
      '1300': 500,
      '2000': -3_000,
    });
    const [line] = await db.taxLine.findMany({ where: { billId: bill.id } });
    expect([
      line.kind,
      line.jurisdiction,
      line.rate?.toString(),
      Number(line.taxable),
      Number(line.baseTax),
    ]).toEqual(['input', 'GB', '0.2', 2_500, 500]);
    expect(line.entryId).not.toBeNull();
  });
});

describe('the sales tax report and filing a period', () => {
  it('reports by jurisdiction and rate, equal to the tax accounts movement', async () => {
    const res = await taxRoute.GET(
      apiRequest(`/api/v1/reports/sales-tax?from=${today}&to=${today}`, { key }),
      routeContext(),
    );
    expect(res.status).toBe(200);
    const report = await res.json();
    // GB 5 %:  taxable 2,000 − 833 = 1,167; collected 100, refunded 50 → net 50.
    // GB 20 %: taxable 10,000 − 4,167 = 5,833; collected 2,000, refunded 1,000, input 500 → net 500.
    // IE, rate not recorded: taxable 4,500, collected 920 → net 920.
    // Total: net 1,470 = (2100: credits 2,100 + 920 − debits 1,050) − (1300: debits 500).
    expect(report.lines).toEqual([
      {
        jurisdiction: 'GB',
        rate: '0.05',
        taxable: 1_167,
        tax_collected: 100,
        tax_refunded: 50,
        input_tax: 0,
        net: 50,
      },
      {
        jurisdiction: 'GB',
        rate: '0.2',
        taxable: 5_833,
        tax_collected: 2_000,
        tax_refunded: 1_000,
        input_tax: 500,
        net: 500,
      },
      {
        jurisdiction: 'IE',
        rate: null,
        taxable: 4_500,
        tax_collected: 920,
        tax_refunded: 0,
        input_tax: 0,
        net: 920,
      },
    ]);
    expect(report.total).toEqual({
      taxable: 11_500,
      tax_collected: 3_020,
      tax_refunded: 1_050,
      input_tax: 500,
      net: 1_470,
    });
    expect(report.tax_account_movement).toBe(1_470);
    expect(report.filing).toBeNull();
  });

  it('refuses a period that has not ended, naming to', async () => {
    const err = await failure(fileSalesTaxPeriod({ input: { from: today, to: today }, actor: manager }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('files: Dr 2100 1,970 / Cr 1300 500 / Cr 2110 1,470, once, and locks tax in the period', async () => {
    const entriesBefore = await db.journalEntry.count();
    const filed = await fileSalesTaxPeriod({
      input: { from: today, to: today },
      actor: manager,
      now: tomorrow,
    });
    // payable = 3,020 − 1,050 = 1,970; input 500; to the authority 1,970 − 500 = 1,470.
    expect(filed).toMatchObject({
      from: today,
      to: today,
      already: false,
      report: { total: { net: 1_470 } },
    });
    expect(await posted({ sourceType: 'tax_settlement' })).toEqual({
      '2100': 1_970,
      '1300': -500,
      '2110': -1_470,
    });
    expect(await db.journalEntry.count()).toBe(entriesBefore + 1);
    expect(await db.auditLog.count({ where: { action: 'sales_tax.filed', entityId: filed.id } })).toBe(1);

    // Filing the same period again (the API's POST): the first filing, nothing posted.
    const again = await filingsRoute.POST(
      apiRequest('/api/v1/ledger/tax-filings', { method: 'POST', key, body: { from: today, to: today } }),
      routeContext(),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      id: filed.id,
      already: true,
      entry_number: filed.entry_number,
    });
    expect(await db.journalEntry.count()).toBe(entriesBefore + 1);

    // The report of the filed period is unchanged (the settlement is no tax) and names its filing.
    const report = await salesTaxReport({ from: today, to: today });
    expect(report.total.net).toBe(1_470);
    expect(report.filing?.id).toBe(filed.id);

    // An overlapping period is refused naming from.
    const overlap = await failure(
      fileSalesTaxPeriod({
        input: { from: todayIn('UTC', new Date(Date.now() - 24 * 3600_000)), to: today },
        actor: manager,
        now: tomorrow,
      }),
    );
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.details).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('refuses a later posting that changes tax dated in the filed period with 409 naming the day', async () => {
    const manual = await failure(
      postManualEntry({
        input: {
          date: today,
          memo: 'Late tax correction',
          lines: [
            { account: '2100', debit: 10 },
            { account: '1000', credit: 10 },
          ],
        },
        actor: manager,
      }),
    );
    expect(manual.code).toBe('PERIOD_LOCKED');
    expect(manual.details).toEqual({ date: today, filed_from: today, filed_to: today });
    // An order with tax taken today would change the filed period: refused, nothing written.
    const orders = await db.order.count();
    const order = await failure(
      createOrder({
        input: {
          channel: 'web',
          currency: 'USD',
          customer: { email: 'late@example.test', name: 'Late' },
          shipping_address: address,
          lines: [{ sku: 'TX-B', quantity: 1, unit_price: 5_000 }],
          tax_amount: 1_000,
        },
        actor,
      }),
    );
    expect(order.code).toBe('PERIOD_LOCKED');
    expect(await db.order.count()).toBe(orders);
    // Without tax it changes nothing filed: taken.
    const untaxed = await createOrder({
      input: {
        channel: 'web',
        currency: 'USD',
        customer: { email: 'late@example.test', name: 'Late' },
        shipping_address: address,
        lines: [{ sku: 'TX-B', quantity: 1, unit_price: 5_000 }],
      },
      actor,
    });
    expect(untaxed.tax_lines).toEqual([]);
  });
});
