import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { skuDetail } from '@/lib/inventory/queries';
import { readOrderCsv } from '@/lib/channels/order-csv';
import { runOrderImport } from '@/lib/channels/import-orders';
import { startOrderImport } from '@/lib/channels/start-order-import';
import { orderImport } from '@/lib/channels/queries';
import { listedUnits } from '@/lib/channels/rules';
import type { ImportedOrder, ImportFormat, ImportMode } from '@/lib/channels/imported-order';
import { writeShopifyCsv } from '@/lib/channels/shopify-csv';
import { rollupFacts, directFacts, compactKpiFacts } from '@/lib/kpi/rebuild';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as importRoute from '@/app/api/v1/imports/orders/route';
import * as importGetRoute from '@/app/api/v1/imports/[id]/route';
import * as ordersRoute from '@/app/api/v1/orders/route';

const context = { currency: 'USD', timeZone: 'UTC' };
async function read(text: string, format: ImportFormat = 'shopify') {
  const out = [];
  for await (const g of readOrderCsv([text], format, context)) out.push(g);
  return out;
}

const SHOPIFY_HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled ' +
  'at,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created ' +
  'at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Billing Name,Billing ' +
  'Address1,Billing City,Billing Zip,Billing Province,Billing Country,Shipping Name,Shipping ' +
  'Address1,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Notes,Cancelled at,Payment ' +
  'Method,Refunded Amount,Id,Tags,Risk Level,Source,Tax 1 Name,Tax 1 Value';

/** One Shopify row; the order-level fields only on the first row of an order, as Shopify writes them. */
function shopifyRow(o: {
  name: string;
  id?: string;
  email?: string;
  financial?: string;
  fulfillment?: string;
  total?: string;
  qty?: string;
  price?: string;
  sku: string;
  first?: boolean;
  currency?: string;
  created?: string;
  cancelled?: string;
  refunded?: string;
  lineName?: string;
}) {
  const first = o.first ?? true;
  const f = (v: string) => (first ? v : '');
  const cells = [
    o.name,
    f(o.email ?? ''),
    f(o.financial ?? 'paid'),
    f('2024-03-05 14:31:00 -0500'),
    f(o.fulfillment ?? 'fulfilled'),
    f('2024-03-06 09:00:00 -0500'),
    f(o.currency ?? 'USD'),
    f('25.00'),
    f('5.00'),
    f('2.00'),
    f(o.total ?? '32.00'),
    f(''),
    f('0.00'),
    f('Standard'),
    f(o.created ?? '2024-03-05 14:30:00 -0500'),
    o.qty ?? '2',
    o.lineName ?? 'Mug',
    o.price ?? '12.50',
    o.sku,
    '0.00',
    f('Ann Lee'),
    f('1 Main St'),
    f('Springfield'),
    f('62701'),
    f('IL'),
    f('US'),
    f('Ann Lee'),
    f('1 Main St'),
    f('Springfield'),
    f('62701'),
    f('IL'),
    f('US'),
    f(''),
    f(o.cancelled ?? ''),
    f('Shopify Payments'),
    f(o.refunded ?? '0.00'),
    f(o.id ?? o.name.replace('#', '9')),
    f('vip'),
    f('Low'),
    f('web'),
    f('IL State Tax'),
    f('2.00'),
  ];
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

describe('reading export files (by hand)', () => {
  it('reads quoted fields with commas, apostrophes, newlines and "" inside', async () => {
    const text =
      `${SHOPIFY_HEADER}\n` +
      shopifyRow({
        name: '#1001',
        email: "o'brien@example.com",
        sku: 'IMP-1',
        lineName: 'Mug, "large"\nblue',
      }) +
      '\n';
    const [g] = await read(text);
    expect(g.errors).toEqual([]);
    expect(g.order!.email).toBe("o'brien@example.com");
    expect(g.order!.lines[0].name).toBe('Mug, "large"\nblue');
  });

  it('finds columns by name in another case and order, ignoring unknown ones', async () => {
    const text =
      'LINEITEM SKU,  lineitem price ,Id,name,TOTAL,created AT,lineitem QUANTITY,Something Else\n' +
      'IMP-1,12.50,555,#7,25.00,2024-01-02 03:04:05 +0000,2,whatever\n';
    const [g] = await read(text);
    expect(g.errors).toEqual([]);
    expect(g.order).toMatchObject({
      externalId: '555',
      name: '#7',
      total: 2_500,
      placedAt: new Date('2024-01-02T03:04:05Z'),
      email: null, // a guest order
      lines: [{ sku: 'IMP-1', quantity: 2, unitPrice: 1_250 }],
    });
  });

  it('gathers an order spread over several rows; order fields from the first', async () => {
    const text = [
      SHOPIFY_HEADER,
      shopifyRow({ name: '#1002', email: 'a@example.com', sku: 'IMP-1', qty: '1', price: '12.50' }),
      shopifyRow({ name: '#1002', sku: 'IMP-2', qty: '3', price: '0.05', first: false }),
      shopifyRow({ name: '#1003', email: 'b@example.com', sku: 'IMP-2' }),
    ].join('\r\n');
    const groups = await read(text);
    expect(groups.map((g) => g.rows)).toEqual([2, 1]);
    const o = groups[0].order!;
    expect(o.lines.map((l) => [l.row, l.sku, l.quantity, l.unitPrice])).toEqual([
      [2, 'IMP-1', 1, 1_250],
      [3, 'IMP-2', 3, 5],
    ]);
    // Tax 1 Value 2.00 → 200; Created at −05:00 → 19:30Z
    expect(o.taxes).toEqual([{ name: 'IL State Tax', amount: 200 }]);
    expect(o.placedAt.toISOString()).toBe('2024-03-05T19:30:00.000Z');
  });

  it('converts decimal money to minor units exactly, and refuses what is not an amount', async () => {
    const text = [
      SHOPIFY_HEADER,
      shopifyRow({ name: '#1', sku: 'IMP-1', price: '0.10', total: '1,234.56' }),
      shopifyRow({ name: '#2', sku: 'IMP-1', price: '19.999' }),
      shopifyRow({ name: '#3', sku: 'IMP-1', price: 'abc' }),
    ].join('\n');
    const [ok, tooPrecise, notMoney] = await read(text);
    // 0.10 → 10 (0.1 as a float times 100 is 10.000000000000002); 1,234.56 → 123,456
    expect(ok.order!.lines[0].unitPrice).toBe(10);
    expect(ok.order!.total).toBe(123_456);
    expect(tooPrecise.errors).toEqual([
      { row: 3, column: 'Lineitem price', message: '"19.999" is not an amount in USD' },
    ]);
    expect(notMoney.errors[0]).toMatchObject({ row: 4, column: 'Lineitem price' });
  });

  it('reads a row in another currency in the minor units of that currency (decision 035)', async () => {
    const [eur] = await read(
      `${SHOPIFY_HEADER}\n${shopifyRow({ name: '#9', sku: 'IMP-1', currency: 'EUR' })}`,
    );
    expect(eur.errors).toEqual([]);
    // 32.00 EUR → 3,200 cents; 12.50 → 1,250
    expect(eur.order).toMatchObject({ currency: 'EUR', total: 3_200, lines: [{ unitPrice: 1_250 }] });
    const [jpy] = await read(
      `${SHOPIFY_HEADER}\n${shopifyRow({ name: '#10', sku: 'IMP-1', currency: 'JPY', price: '1250.5' })}`,
    );
    // the yen has no minor unit: 1250.5 (and 32.00) are not amounts in JPY
    expect(jpy.errors).toContainEqual({
      row: 2,
      column: 'Lineitem price',
      message: '"1250.5" is not an amount in JPY',
    });
    expect(jpy.errors).toContainEqual({
      row: 2,
      column: 'Total',
      message: '"32.00" is not an amount in JPY',
    });
  });

  it('reads a WooCommerce export with line_item columns', async () => {
    const header = [
      'order_id,order_number,order_date,status,order_total,shipping_total,tax_total,discount_total',
      'order_currency,billing_first_name,billing_last_name,billing_email,billing_address_1,billing_city',
      'billing_postcode,billing_state,billing_country,line_item_1,line_item_2',
    ].join(',');
    const row = [
      '88,1088,2024-05-01 10:00:00,wc-completed,31.00,5.00,1.00,0.00,USD,Bo,Diddley,BO@example.com',
      '2 Elm St,Austin,73301,TX,US',
      'name:Mug|sku:IMP-1|quantity:2|total:20.00|sub_total:20.00',
      'name:Tee|sku:IMP-2|quantity:1|total:5.00|sub_total:5.00',
    ].join(',');
    const text = `${header}\n${row}\n`;
    const [g] = await read(text, 'woocommerce');
    expect(g.errors).toEqual([]);
    expect(g.order).toMatchObject({
      externalId: '88',
      email: 'bo@example.com',
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      total: 3_100,
      // 20.00 ÷ 2 = 10.00 → 1,000; 5.00 → 500
      lines: [
        { sku: 'IMP-1', quantity: 2, unitPrice: 1_000 },
        { sku: 'IMP-2', quantity: 1, unitPrice: 500 },
      ],
    });
  });
});

let key: string;
beforeAll(async () => {
  await makeLocations();
  await makeProduct(['IMP-1', 'IMP-2'], { price: 1_250 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'IMP-1', quantity: 10, unit_cost: 500 },
        { sku: 'IMP-2', quantity: 10, unit_cost: 100 },
      ],
    },
    actor,
  });
  key = (await makeApiKey(['orders:import', 'orders:read'])).key;
});

async function runImport(
  text: string,
  options: { mode: ImportMode; dryRun?: boolean; validOnly?: boolean; format?: ImportFormat },
) {
  const { id } = await startOrderImport({
    format: options.format ?? 'shopify',
    mode: options.mode,
    dryRun: options.dryRun ?? false,
    validOnly: options.validOnly ?? false,
    actor,
    body: text,
  });
  await runOrderImport(id);
  return (await orderImport(id))!;
}

const counts = async () => {
  const [row] = await db.$queryRaw<{ orders: number; movements: number; entries: number }[]>`
    SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM stock_movements)::int AS movements,
           (SELECT count(*) FROM journal_entries)::int AS entries`;
  return row;
};
const reserved = async (sku: string) =>
  (await skuDetail(sku))!.levels.find((l) => l.location === 'MAIN')!.reserved;

const HISTORY = [
  SHOPIFY_HEADER,
  shopifyRow({ name: '#2001', id: 'H-1', email: 'Cy@example.com', sku: 'IMP-1', qty: '2', price: '12.50' }),
  shopifyRow({ name: '#2001', sku: 'IMP-2', qty: '1', price: '3.00', first: false }),
  // a POS order without email, unfulfilled at the source, partly refunded
  shopifyRow({
    name: '#2002',
    id: 'H-2',
    sku: 'IMP-2',
    qty: '1',
    price: '10.00',
    total: '10.00',
    fulfillment: 'unfulfilled',
    financial: 'partially_refunded',
    refunded: '4.00',
  }),
  shopifyRow({
    name: '#2003',
    id: 'H-3',
    email: 'dee@example.com',
    sku: 'IMP-1',
    qty: '1',
    total: '12.50',
    cancelled: '2024-03-07 10:00:00 -0500',
    financial: 'voided',
  }),
].join('\n');

describe('importing history', () => {
  it('a dry run previews counts and totals and writes nothing', async () => {
    const before = await counts();
    const report = await runImport(HISTORY, { mode: 'history', dryRun: true });
    // totals: 32.00 + 10.00 + 12.50 = 54.50 → 5,450
    expect(report).toMatchObject({
      status: 'completed',
      rows: 4,
      created: 3,
      skipped: 0,
      failed: 0,
      totals: { orders: 3, gross: 5_450 },
    });
    expect(await counts()).toEqual(before);
  });

  it('records orders as they were: no stock moved, nothing posted, not fulfillment work', async () => {
    const before = await counts();
    const report = await runImport(HISTORY, { mode: 'history' });
    expect(report).toMatchObject({ status: 'completed', created: 3, skipped: 0, failed: 0, errors: [] });
    const after = await counts();
    expect(after).toEqual({ ...before, orders: before.orders + 3 });
    expect(await reserved('IMP-1')).toBe(0);
    const orders = await db.order.findMany({
      where: { channel: 'shopify', externalId: { in: ['H-1', 'H-2', 'H-3'] } },
      orderBy: { externalId: 'asc' },
      select: {
        externalId: true,
        status: true,
        paymentStatus: true,
        subtotal: true,
        total: true,
        amountPaid: true,
        placedAt: true,
        email: true,
        holdReason: true,
        lines: { select: { sku: true, quantityFulfilled: true, quantityCancelled: true } },
      },
    });
    expect(
      orders.map((o) => [o.externalId, o.status, o.paymentStatus, o.subtotal, o.total, o.amountPaid]),
    ).toEqual([
      // 2 × 12.50 + 1 × 3.00 = 28.00 subtotal; total 32.00 from the file, paid in full
      ['H-1', 'fulfilled', 'paid', 2_800, 3_200, 3_200],
      // 10.00 paid, 4.00 refunded → 6.00 received
      ['H-2', 'on_hold', 'partially_refunded', 1_000, 1_000, 600],
      ['H-3', 'cancelled', 'unpaid', 1_250, 1_250, 0],
    ]);
    expect(orders[0].placedAt.toISOString()).toBe('2024-03-05T19:30:00.000Z');
    expect(orders[0].email).toBe('cy@example.com');
    expect(orders[1].email).toBe('guest+shopify@imported.invalid');
    expect(orders[1].holdReason).toMatch(/Imported history/);
    expect(orders[0].lines.every((l) => l.quantityFulfilled > 0)).toBe(true);
    // the rollups agree with the source tables once the deltas are folded in
    await compactKpiFacts();
    expect(await rollupFacts()).toEqual(await directFacts());
  });

  it('a second import of the same file creates nothing and counts the skipped', async () => {
    const before = await counts();
    const report = await runImport(HISTORY, { mode: 'history' });
    expect(report).toMatchObject({ status: 'completed', created: 0, skipped: 3, failed: 0 });
    expect(await counts()).toEqual(before);
  });

  it('a file with one bad row imports nothing; with valid_only the good orders go in', async () => {
    const text = [
      SHOPIFY_HEADER,
      shopifyRow({ name: '#3001', id: 'V-1', email: 'e@example.com', sku: 'IMP-1' }),
      shopifyRow({ name: '#3002', id: 'V-2', email: 'f@example.com', sku: 'IMP-1', qty: 'two' }),
      shopifyRow({ name: '#3003', id: 'V-3', email: 'g@example.com', sku: 'NOT-IN-CATALOG' }),
    ].join('\n');
    const before = await counts();
    const blocked = await runImport(text, { mode: 'history' });
    expect(blocked).toMatchObject({ status: 'failed', created: 0, failed: 2 });
    expect(blocked.errors).toEqual([
      { row: 3, column: 'Lineitem quantity', message: '"two" is not a whole number from 1 to 10,000' },
      {
        row: 4,
        column: 'Lineitem sku',
        message: 'SKU NOT-IN-CATALOG is not in the catalog; import or create the product first',
      },
    ]);
    expect(await counts()).toEqual(before);
    const partial = await runImport(text, { mode: 'history', validOnly: true });
    expect(partial).toMatchObject({ status: 'completed', created: 1, failed: 2 });
  });
});

describe('a restart of the app', () => {
  it('runs the job again and resumes: orders written before are not written twice, and count as created', async () => {
    const rows = ['R-1', 'R-2', 'R-3'].map((id, i) =>
      shopifyRow({
        name: `#60${i}`,
        id,
        email: `r${i}@example.com`,
        sku: 'IMP-2',
        qty: '1',
        price: '1.00',
        total: '1.00',
      }),
    );
    const file = [SHOPIFY_HEADER, ...rows].join('\n');
    const job = await startOrderImport({
      format: 'shopify',
      mode: 'history',
      dryRun: false,
      validOnly: false,
      actor,
      body: file,
    });
    // Before the "crash" the job had written R-1 (as a separate run on the first order, re-tagged as this job's).
    const first = await startOrderImport({
      format: 'shopify',
      mode: 'history',
      dryRun: false,
      validOnly: false,
      actor,
      body: [SHOPIFY_HEADER, rows[0]].join('\n'),
    });
    await runOrderImport(first.id);
    await db.order.updateMany({ where: { importJobId: first.id }, data: { importJobId: job.id } });
    await db.importJob.update({ where: { id: job.id }, data: { status: 'running' } });
    const before = await counts();
    await runOrderImport(job.id);
    const report = (await orderImport(job.id))!;
    // 1 written before the restart + 2 now = 3 created, none skipped, R-1 not written again
    expect(report).toMatchObject({ status: 'completed', created: 3, skipped: 0, failed: 0 });
    expect((await counts()).orders).toBe(before.orders + 2);
    expect(await db.order.count({ where: { externalId: { in: ['R-1', 'R-2', 'R-3'] } } })).toBe(3);
  });
});

describe('importing open orders live', () => {
  it('takes them in through the intake: stock reserved, the sale posted; a bad row blocks the file', async () => {
    const text = [
      SHOPIFY_HEADER,
      shopifyRow({
        name: '#4001',
        id: 'L-1',
        email: 'h@example.com',
        sku: 'IMP-1',
        qty: '3',
        fulfillment: 'unfulfilled',
      }),
    ].join('\n');
    const bad =
      `${text}\n` +
      `${shopifyRow({ name: '#4002', id: 'L-2', email: 'i@example.com', sku: 'IMP-1', created: 'yesterday' })}`;
    const before = await counts();
    const blocked = await runImport(bad, { mode: 'live' });
    expect(blocked).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    expect(blocked.errors[0]).toMatchObject({ row: 3, column: 'Created at' });
    expect(await counts()).toEqual(before);

    const report = await runImport(text, { mode: 'live' });
    expect(report).toMatchObject({ status: 'completed', created: 1, skipped: 0, failed: 0 });
    expect(await reserved('IMP-1')).toBe(3);
    const o = await db.order.findFirstOrThrow({
      where: { channel: 'shopify', externalId: 'L-1' },
      select: { id: true, status: true, importJobId: true },
    });
    expect(o.status).toBe('open');
    expect(o.importJobId).toBe(report.id);
    expect(await db.journalEntry.count({ where: { sourceId: o.id } })).toBeGreaterThan(0);
  });
});

describe('the import API', () => {
  it('POST text/csv → 202 queued; GET shows the result; GET /orders?q= finds the order', async () => {
    const text = [
      SHOPIFY_HEADER,
      shopifyRow({ name: '#5001', id: 'API-77', email: 'j@example.com', sku: 'IMP-2' }),
    ].join('\n');
    const res = await importRoute.POST(
      apiRequest('/api/v1/imports/orders?format=shopify&mode=history', {
        method: 'POST',
        key,
        rawBody: text,
        headers: { 'content-type': 'text/csv' },
      }),
      routeContext(),
    );
    expect(res.status).toBe(202);
    const started = await res.json();
    expect(started.status).toBe('queued');
    await runOrderImport(started.id);
    const got = await importGetRoute.GET(
      apiRequest(`/api/v1/imports/${started.id}`, { key }),
      routeContext({ id: started.id }),
    );
    expect(await got.json()).toMatchObject({
      id: started.id,
      status: 'completed',
      format: 'shopify',
      mode: 'history',
      rows: 1,
      created: 1,
      totals: { orders: 1, gross: 3_200 },
    });
    const list = await ordersRoute.GET(apiRequest('/api/v1/orders?q=API-77', { key }), routeContext());
    const imported = await db.order.findFirstOrThrow({
      where: { externalId: 'API-77' },
      select: { id: true },
    });
    expect((await list.json()).data.map((o: { id: string }) => o.id)).toEqual([imported.id]);
  });

  it('refuses a JSON body, an unknown format and a missing scope', async () => {
    const json = await importRoute.POST(
      apiRequest('/api/v1/imports/orders?format=shopify&mode=history', {
        method: 'POST',
        key,
        body: { a: 1 },
      }),
      routeContext(),
    );
    expect(json.status).toBe(415);
    const format = await importRoute.POST(
      apiRequest('/api/v1/imports/orders?format=magento&mode=history', {
        method: 'POST',
        key,
        rawBody: 'x',
        headers: { 'content-type': 'text/csv' },
      }),
      routeContext(),
    );
    expect(format.status).toBe(422);
    expect((await format.json()).error.details[0].field).toBe('format');
    const other = (await makeApiKey(['orders:read'])).key;
    const denied = await importRoute.POST(
      apiRequest('/api/v1/imports/orders?format=shopify&mode=history', {
        method: 'POST',
        key: other,
        rawBody: 'x',
        headers: { 'content-type': 'text/csv' },
      }),
      routeContext(),
    );
    expect(denied.status).toBe(403);
  });
});

describe('available to sell', () => {
  it('listed = min(max, ⌊(available − buffer) × percent ÷ 100⌋), never below 0', () => {
    // (10 − 2) × 50 ÷ 100 = 4
    expect(listedUnits(10, { bufferUnits: 2, listPercent: 50, maxListed: null })).toBe(4);
    // (10 − 3) × 50 ÷ 100 = 3.5 → 3
    expect(listedUnits(10, { bufferUnits: 3, listPercent: 50, maxListed: null })).toBe(3);
    expect(listedUnits(10, { bufferUnits: 0, listPercent: 100, maxListed: 6 })).toBe(6);
    expect(listedUnits(1, { bufferUnits: 5, listPercent: 100, maxListed: null })).toBe(0);
  });
});

describe('Shopify CSV round trip (property)', () => {
  const text = fc
    .stringMatching(/^[A-Za-z0-9 ,'"\n.#-]{1,24}$/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const amount = fc.integer({ min: 0, max: 10_000_000 });
  const date = fc
    .integer({ min: Date.UTC(2015, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000));
  const address = fc.record({
    name: text,
    line1: text,
    line2: fc.option(text, { nil: undefined }),
    city: text,
    region: fc.option(text, { nil: undefined }),
    postal_code: text,
    country: fc.constantFrom('US', 'CA', 'GB'),
    phone: fc.option(fc.stringMatching(/^\+?[0-9]{5,12}$/), { nil: undefined }),
  });
  const order = fc.record({
    email: fc.option(fc.stringMatching(/^[a-z0-9.']{1,10}@[a-z]{1,8}\.com$/), { nil: null }),
    placedAt: date,
    paidAt: fc.option(date, { nil: null }),
    fulfilledAt: fc.option(date, { nil: null }),
    cancelledAt: fc.option(date, { nil: null }),
    financialStatus: fc.constantFrom('paid', 'pending', 'refunded', 'partially_refunded', 'authorized'),
    fulfillmentStatus: fc.constantFrom('fulfilled', 'unfulfilled', 'partial'),
    subtotal: amount,
    shipping: amount,
    tax: amount,
    discount: amount,
    total: amount,
    refunded: amount,
    discountCode: fc.option(text, { nil: null }),
    taxes: fc.array(fc.record({ name: text, amount }), { maxLength: 2 }),
    billing: address,
    shippingAddress: address,
    shippingMethod: fc.option(text, { nil: null }),
    tags: fc.array(
      text.map((t) => t.replace(/,/g, ' ').trim()).filter((t) => t.length > 0),
      { maxLength: 3 },
    ),
    source: fc.option(text, { nil: null }),
    riskLevel: fc.option(fc.constantFrom('low', 'medium', 'high'), { nil: null }),
    paymentMethod: fc.option(text, { nil: null }),
    note: fc.option(text, { nil: null }),
    lines: fc.array(
      fc.record({
        sku: fc.stringMatching(/^[A-Z0-9-]{1,12}$/),
        name: text,
        quantity: fc.integer({ min: 1, max: 10_000 }),
        unitPrice: amount,
        discount: amount,
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('any order set written as a Shopify export reads back the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 6 }), async (drafts) => {
        let row = 2;
        const orders: ImportedOrder[] = drafts.map((d, i) => {
          const first = row;
          const lines = d.lines.map((l) => ({ ...l, row: row++ }));
          return {
            ...d,
            row: first,
            lastRow: row - 1,
            externalId: String(5_000_000 + i),
            name: `#${1000 + i}`,
            currency: 'USD',
            customerName: d.billing.name,
            phone: d.billing.phone ?? null,
            lines,
          };
        });
        const groups = await read(writeShopifyCsv(orders));
        expect(groups.flatMap((g) => g.errors)).toEqual([]);
        expect(groups.map((g) => g.order)).toEqual(orders);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });
});

describe('a 5,000-row file', () => {
  it('imports in chunks with bounded memory', async () => {
    const drafts: ImportedOrder[] = [];
    for (let i = 0; i < 2_500; i++)
      drafts.push({
        row: 0,
        lastRow: 0,
        externalId: `BIG-${i}`,
        name: `#B${i}`,
        currency: 'USD',
        email: `big${i % 300}@example.com`,
        customerName: 'Big Buyer',
        phone: null,
        placedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
        paidAt: null,
        fulfilledAt: null,
        cancelledAt: null,
        financialStatus: 'paid',
        fulfillmentStatus: 'fulfilled',
        subtotal: 1_500,
        shipping: 0,
        tax: 0,
        discount: 0,
        total: 1_500,
        refunded: 0,
        discountCode: null,
        taxes: [],
        billing: null,
        shippingAddress: null,
        shippingMethod: null,
        tags: [],
        source: 'web',
        riskLevel: null,
        paymentMethod: 'card',
        note: null,
        lines: [
          { row: 0, sku: 'IMP-1', name: 'Mug', quantity: 1, unitPrice: 1_000, discount: 0 },
          { row: 0, sku: 'IMP-2', name: 'Tee', quantity: 1, unitPrice: 500, discount: 0 },
        ],
      });
    const csv = writeShopifyCsv(drafts);
    expect(csv.split('\r\n').length - 2).toBe(5_000); // header and the last line end aside
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const report = await runImport(csv, { mode: 'history' });
    clearInterval(sampler);
    expect(report).toMatchObject({ status: 'completed', rows: 5_000, created: 2_500, failed: 0 });
    // the file is about 1.3 MB; chunks of 500 orders keep the import far below 100 MB of heap
    expect(peak - base).toBeLessThan(100 * 1024 * 1024);
    // 2,500 orders × 15.00 = 37,500.00
    expect(report.totals.gross).toBe(3_750_000);
    expect(await db.order.count({ where: { importJobId: report.id } })).toBe(2_500);
  }, 120_000);
});
