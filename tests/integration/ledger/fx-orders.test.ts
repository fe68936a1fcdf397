import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { startOrderImport } from '@/lib/channels/start-order-import';
import { runOrderImport } from '@/lib/channels/import-orders';
import { orderImport } from '@/lib/channels/queries';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as orderRoute from '@/app/api/v1/orders/[id]/route';
import { compactKpiFacts, directFacts, rollupFacts } from '@/lib/kpi/rebuild';
import currencyCodes from 'currency-codes';
import { currencyDigits } from '@/lib/money';
import { isCurrency } from '@/lib/boundary';

/** Orders and refunds in another currency than the shop's (USD), decision 035. */
let key: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['FX-1', 'FX-2', 'FX-3'], { price: 1_111 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: ['FX-1', 'FX-2', 'FX-3'].map((sku) => ({ sku, quantity: 50, unit_cost: 500 })),
    },
    actor,
  });
  await saveFxRates({
    input: {
      rates: [
        { date: '2026-11-05', currency: 'EUR', rate: '1.0842' },
        { date: '2026-11-20', currency: 'EUR', rate: '1.1' },
      ],
    },
    source: 'manual',
    actor,
  });
  key = (await makeApiKey(['orders:create', 'orders:read'])).key;
});

const address = { name: 'Eva Roth', line1: 'Hauptstr. 1', city: 'Wien', postal_code: '1010', country: 'AT' };
const order = (overrides: Record<string, unknown> = {}) => ({
  channel: 'web',
  currency: 'EUR',
  customer: { email: 'eva@example.test', name: 'Eva Roth' },
  shipping_address: address,
  lines: [
    { sku: 'FX-1', quantity: 1, unit_price: 1_111 },
    { sku: 'FX-2', quantity: 1, unit_price: 1_111 },
    { sku: 'FX-3', quantity: 1, unit_price: 1_111 },
  ],
  shipping_amount: 1_000,
  tax_amount: 802,
  discount_amount: 0,
  placed_at: '2026-11-07T10:00:00Z',
  payment: { method: 'card', amount: 5_135, status: 'captured', fee: 179 },
  ...overrides,
});
const post = (body: unknown) =>
  ordersRoute.POST(apiRequest('/api/v1/orders', { method: 'POST', key, body }), routeContext());

/** An entry's lines as (account, base debit, base credit, txn currency, txn debit, txn credit), in posting order. */
async function linesOf(sourceType: string, sourceId: string) {
  return db.$queryRaw<{ account: string; debit: number; credit: number; txn: string | null }[]>`
    SELECT a.code AS account, l.debit::int, l.credit::int,
           CASE WHEN l.txn_currency IS NULL THEN NULL ELSE l.txn_currency || ' ' || l.txn_debit ||
             '/' || l.txn_credit END AS txn
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE e.source_type = ${sourceType} AND e.source_id = ${sourceId}
    ORDER BY e.number, l.id`;
}

describe('an order in another currency', () => {
  let orderId: string;

  it('keeps its own amounts, stores the rate of its placed day (or the last before) and its base total', async () => {
    const res = await post(order({ external_id: 'EUR-1' }));
    expect(res.status).toBe(201);
    const o = await res.json();
    orderId = o.id;
    // subtotal 3 × 1,111 = 3,333; total = 3,333 + 1,000 + 802 = 5,135 EUR cents.
    // Placed 2026-11-07: no rate that day, the last before is 2026-11-05's 1.0842 (not 11-20's 1.1).
    // base total = 5,135 × 1.0842 = 5,567.367 → 5,567 USD cents.
    expect(o).toMatchObject({
      currency: 'EUR',
      subtotal: 3_333,
      total: 5_135,
      fx_rate: '1.0842',
      base_total: 5_567,
    });
    const read = await orderRoute.GET(
      apiRequest(`/api/v1/orders/${o.id}`, { key }),
      routeContext({ id: o.id }),
    );
    expect(await read.json()).toMatchObject({ fx_rate: '1.0842', base_total: 5_567, total: 5_135 });
  });

  it(
    'posts every line with its EUR amount beside the base ' +
      'amount, the rounding difference on the last line',
    async () => {
      // Sale, base = round half up of amount × 1.0842 per line:
      //   Dr 1100 5,135 → 5,567.367  → 5,567
      //   Cr 4000 3,333 → 3,613.6386 → 3,614 (rounds up)
      //   Cr 4100 1,000 → 1,084.2    → 1,084 (rounds down)
      //   Cr 2100   802 →   869.5284 →   870 (rounds up)
      // credits 3,614 + 1,084 + 870 = 5,568 ≠ 5,567 debits: the 1 cent comes off the last line → 869.
      // Capture: Dr 1010 5,135 → 5,567 / Cr 1100 5,567; fee 179 → 194.0718 → 194.
      expect(await linesOf('order', orderId)).toEqual([
        { account: '1100', debit: 5_567, credit: 0, txn: 'EUR 5135/0' },
        { account: '4000', debit: 0, credit: 3_614, txn: 'EUR 0/3333' },
        { account: '4100', debit: 0, credit: 1_084, txn: 'EUR 0/1000' },
        { account: '2100', debit: 0, credit: 869, txn: 'EUR 0/802' },
      ]);
      expect(await linesOf('payment', orderId)).toEqual([
        { account: '1010', debit: 5_567, credit: 0, txn: 'EUR 5135/0' },
        { account: '1100', debit: 0, credit: 5_567, txn: 'EUR 0/5135' },
        { account: '5200', debit: 194, credit: 0, txn: 'EUR 179/0' },
        { account: '1010', debit: 0, credit: 194, txn: 'EUR 0/179' },
      ]);
    },
  );

  it('a refund reverses at the order’s carried rate, not the rate of the refund day', async () => {
    const refund = await createGoodwillRefund({
      input: { order_id: orderId, amount: 1_000, reason: 'Late delivery' },
      actor,
    });
    // 1,000 EUR × 1.0842 = 1,084.2 → 1,084 (the 1.1 of 2026-11-20 would give 1,100)
    expect(await linesOf('refund', refund.id)).toEqual([
      { account: '4300', debit: 1_084, credit: 0, txn: 'EUR 1000/0' },
      { account: '1010', debit: 0, credit: 1_084, txn: 'EUR 0/1000' },
    ]);
  });

  it('a cancellation reverses the sale in both currencies and returns the capture at the carried rate', async () => {
    const res = await post(
      order({ external_id: 'EUR-2', payment: { method: 'card', amount: 5_135, status: 'captured' } }),
    );
    const o = await res.json();
    await cancelOrder({ orderId: o.id, reason: 'customer asked', actor });
    const [balance] = await db.$queryRaw<{ base: number; txn: number }[]>`
      SELECT sum(l.debit - l.credit)::int AS base, sum(l.txn_debit - l.txn_credit)::int AS txn
      FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
      WHERE a.code = '1100' AND e.source_id IN (${o.id}, (SELECT id::text FROM journal_entries WHERE
        source_type = 'order' AND source_id = ${o.id}))`;
    // receivable: +5,567 sale, −5,567 capture, −5,567 reversal, +5,567 capture returned = 0 (and 0 EUR)
    expect(balance).toEqual({ base: 0, txn: 0 });
  });

  it('an order in the shop’s currency has no rate, its total as base total and no transaction amounts', async () => {
    const res = await post(
      order({ external_id: 'USD-1', currency: 'USD', payment: undefined, placed_at: undefined }),
    );
    const o = await res.json();
    expect(o).toMatchObject({ currency: 'USD', total: 5_135, fx_rate: null, base_total: 5_135 });
    const lines = await linesOf('order', o.id);
    expect(lines.every((l) => l.txn === null)).toBe(true);
  });

  it('no rate on or before the placed day → 422 naming currency and the day, and nothing written', async () => {
    const before = await db.order.count();
    const res = await post(order({ external_id: 'GBP-1', currency: 'GBP' }));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.message).toBe('No GBP rate on or before 2026-11-07');
    expect(error.details).toEqual([
      { field: 'currency', message: 'Enter a GBP rate for 2026-11-07 or earlier (Ledger → Exchange rates)' },
    ]);
    expect(await db.order.count()).toBe(before);
  });
});

describe('importing orders in another currency', () => {
  const HEADER =
    'Name,Id,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Created ' +
    'at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Address1,Billing ' +
    'City,Billing Zip,Billing Country';
  const row = (id: string, currency: string, created: string) =>
    `#${id},${id},imp@example.test,paid,fulfilled,${currency},22.22,0.00,0.00,22.22,${created}` +
    `,2,Mug,11.11,FX-1,Ida Imp,1 Road,Graz,8010,AT`;
  const run = async (body: string) => {
    const { id } = await startOrderImport({
      format: 'shopify',
      mode: 'history',
      dryRun: false,
      validOnly: false,
      actor,
      body,
    });
    await runOrderImport(id);
    return (await orderImport(id))!;
  };

  it('lets them through at the placed day’s rate: history orders keep fx_rate and base_total', async () => {
    const job = await run(`${HEADER}\n${row('IMP-EUR-1', 'EUR', '2026-11-21 09:00:00 +0000')}`);
    expect(job.status).toBe('completed');
    const o = await db.order.findFirstOrThrow({ where: { externalId: 'IMP-EUR-1' } });
    // 2,222 EUR cents at 2026-11-20's 1.1 = 2,444.2 → 2,444
    expect({ currency: o.currency, total: o.total, rate: o.fxRate?.toString(), base: o.baseTotal }).toEqual({
      currency: 'EUR',
      total: 2_222,
      rate: '1.1',
      base: 2_444,
    });
    expect(job.totals).toEqual({ orders: 1, gross: 2_444 });
  });

  it('refuses a row without a rate on or before its day, naming the currency column and the day', async () => {
    const job = await run(`${HEADER}\n${row('IMP-EUR-2', 'EUR', '2026-11-01 09:00:00 +0000')}`);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      {
        row: 2,
        column: 'Currency',
        message:
          'No EUR rate on or before 2026-11-01; enter one in Ledger → Exchange rates, then import again',
      },
    ]);
    expect(await db.order.count({ where: { externalId: 'IMP-EUR-2' } })).toBe(0);
  });
});

describe('KPI facts of foreign-currency orders', () => {
  it('count gross sales and refunds in the shop currency, and the rebuild from the tables agrees', async () => {
    await compactKpiFacts();
    expect(await rollupFacts()).toEqual(await directFacts());
    const [eur] = await db.$queryRaw<{ gross: number }[]>`
      SELECT fx_base(subtotal, currency, fx_rate)::int AS gross FROM orders WHERE external_id = 'EUR-1'`;
    // 3,333 EUR cents × 1.0842 = 3,613.6386 → 3,614, as the sale's revenue line
    expect(eur.gross).toBe(3_614);
  });

  it('the SQL currency digits are the ISO digits lib/money.ts uses (every currency an order may be in)', async () => {
    const codes = currencyCodes.codes().filter(isCurrency);
    const rows = await db.$queryRaw<{ code: string; digits: number }[]>`
      SELECT c AS code, currency_digits(c) AS digits FROM unnest(${codes}::text[]) AS c`;
    for (const r of rows) expect(r.digits, r.code).toBe(currencyDigits(r.code));
  });
});
