import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { skuDetail } from '@/lib/inventory/queries';
import { trialBalance, accountBalance } from '@/lib/ledger/queries';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { orderTimeline } from '@/lib/orders/queries';
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
import * as cancelRoute from '@/app/api/v1/orders/[id]/cancel/route';

let key: string;
const FAR = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['ORD-1', 'ORD-2', 'ORD-LAST'], { price: 2_500 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'ORD-1', quantity: 100, unit_cost: 1_000 },
        { sku: 'ORD-2', quantity: 3, unit_cost: 800 },
        { sku: 'ORD-LAST', quantity: 10, unit_cost: 500 },
      ],
    },
    actor,
  });
  key = (await makeApiKey(['orders:create', 'orders:read', 'orders:cancel'])).key;
});

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
const order = (overrides: Record<string, unknown> = {}) => ({
  channel: 'web',
  currency: 'USD',
  customer: { email: 'Ann@Example.com', name: 'Ann Lee' },
  shipping_address: address,
  lines: [{ sku: 'ORD-1', quantity: 2, unit_price: 2_500 }],
  shipping_amount: 500,
  tax_amount: 400,
  discount_amount: 250,
  payment: { method: 'card', amount: 5_650, status: 'captured', fee: 194, avs_result: 'Y', cvv_result: 'M' },
  ...overrides,
});
const post = (body: unknown, headers: Record<string, string> = {}) =>
  ordersRoute.POST(apiRequest('/api/v1/orders', { method: 'POST', key, body, headers }), routeContext());
const level = async (sku: string) => (await skuDetail(sku))!.levels.find((l) => l.location === 'MAIN')!;

describe('order intake', () => {
  it('takes an order: totals, reservation, customer, payment and the sale in the ledger', async () => {
    const res = await post(order({ external_id: 'W-1001' }));
    expect(res.status).toBe(201);
    const o = await res.json();
    // subtotal 2 × 2,500 = 5,000; total = 5,000 − 250 + 500 + 400 = 5,650
    expect(o).toMatchObject({
      status: 'open',
      payment_status: 'paid',
      subtotal: 5_000,
      total: 5_650,
      amount_paid: 5_650,
      risk: { score: 0, level: 'low' },
      customer: { email: 'ann@example.com' },
    });
    expect(o.lines).toMatchObject([
      { sku: 'ORD-1', quantity: 2, quantity_reserved: 2, discount_amount: 250, tax_amount: 400 },
    ]);
    expect(await level('ORD-1')).toMatchObject({ on_hand: 100, reserved: 2, available: 98 });
    const entries = await db.journalEntry.findMany({
      where: { sourceId: o.id },
      include: { lines: { include: { account: true } } },
      orderBy: { number: 'asc' },
    });
    const byCode = (i: number) =>
      entries[i].lines.reduce<Record<string, number>>(
        (m, l) => ({ ...m, [l.account.code]: (m[l.account.code] ?? 0) + l.debit - l.credit }),
        {},
      );
    // Sale: Dr AR 5,650, Dr Discounts 250 / Cr Sales 5,000, Cr Shipping 500, Cr Tax 400
    expect(byCode(0)).toEqual({ '1100': 5_650, '4200': 250, '4000': -5_000, '4100': -500, '2100': -400 });
    // Capture 5,650 and the 194 fee: Dr Clearing 5,650 / Cr AR 5,650; Dr Fees 194 / Cr Clearing 194
    expect(byCode(1)).toEqual({ '1010': 5_650 - 194, '1100': -5_650, '5200': 194 });
    // A second order by the same person (any case) reuses the customer.
    const again = await (
      await post(order({ customer: { email: 'ANN@example.COM', name: 'Ann Lee' } }))
    ).json();
    expect(again.customer.id).toBe(o.customer.id);
    // The intake's ids are time-ordered (decision 053): version 7, the later order's sorting after the first's,
    // the entries' in the order they were posted (sale, then capture), and the payment's beside its order's.
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const payment = await db.payment.findFirstOrThrow({ where: { orderId: o.id } });
    for (const id of [o.id, again.id, payment.id, ...entries.map((e) => e.id)]) expect(id).toMatch(v7);
    expect(again.id > o.id).toBe(true);
    expect(entries[1].id > entries[0].id).toBe(true);
    expect(payment.id.slice(0, 13)).toBe(o.id.slice(0, 13)); // same millisecond: 48 bits of time
  });

  it('refuses an order it cannot fill, naming each short SKU, and writes nothing', async () => {
    const before = {
      orders: await db.order.count(),
      movements: await db.stockMovement.count(),
      entries: await db.journalEntry.count(),
    };
    const res = await post(
      order({
        lines: [
          { sku: 'ORD-1', quantity: 1, unit_price: 2_500 },
          { sku: 'ORD-2', quantity: 5, unit_price: 2_500 },
        ],
        payment: undefined,
      }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ sku: 'ORD-2', requested: 5, available: 3 }],
    });
    expect({
      orders: await db.order.count(),
      movements: await db.stockMovement.count(),
      entries: await db.journalEntry.count(),
    }).toEqual(before);
  });

  it('refuses a second order with the same channel and external id, naming the first', async () => {
    const first = await (await post(order({ external_id: 'DUP-1', payment: undefined }))).json();
    const res = await post(order({ external_id: 'DUP-1', payment: undefined }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      code: 'DUPLICATE_ORDER',
      details: { order_id: first.id, number: first.number },
    });
  });

  it('answers bad input with 4xx naming the field, never a 500, and writes nothing', async () => {
    const before = await db.order.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ currency: 'EUR' }, 'currency'],
      [{ lines: [{ sku: 'NOPE', quantity: 1, unit_price: 100 }] }, 'lines.0.sku'],
      [{ lines: [{ sku: 'ORD-1', quantity: 0, unit_price: 100 }] }, 'lines.0.quantity'],
      [{ lines: [{ sku: 'ORD-1', quantity: 1, unit_price: -5 }] }, 'lines.0.unit_price'],
      [{ lines: [{ sku: 'ORD-1', quantity: 1, unit_price: 19.99 }] }, 'lines.0.unit_price'],
      [{ shipping_address: { ...address, city: '' } }, 'shipping_address.city'],
      [{ shipping_address: { ...address, region: undefined } }, 'shipping_address.region'],
      [{ shipping_address: { ...address, postal_code: 'ABC' } }, 'shipping_address.postal_code'],
      [{ payment: { method: 'card', amount: 999_999, status: 'captured' } }, 'payment.amount'],
      [{ channel: 'fax' }, 'channel'],
    ];
    for (const [overrides, field] of cases) {
      const res = await post(order({ discount_amount: 0, payment: undefined, ...overrides }));
      expect(res.status, field).toBe(422);
      expect(
        (await res.json()).error.details.map((d: { field: string }) => d.field),
        field,
      ).toContain(field);
    }
    const malformed = await ordersRoute.POST(
      apiRequest('/api/v1/orders', { method: 'POST', key, rawBody: '{"channel":' }),
      routeContext(),
    );
    expect(malformed.status).toBe(400);
    const huge = await ordersRoute.POST(
      apiRequest('/api/v1/orders', {
        method: 'POST',
        key,
        rawBody: JSON.stringify({ ...order(), note: 'x'.repeat(5 * 1024 * 1024) }),
      }),
      routeContext(),
    );
    expect(huge.status).toBe(413);
    expect(await db.order.count()).toBe(before);
  });
});

describe('concurrency and idempotency', () => {
  it('50 parallel orders for the last 10 units: exactly 10 accepted, the rest 409, reserved = 10', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          order({
            customer: { email: `rush${i}@example.com`, name: 'Rush Buyer' },
            lines: [{ sku: 'ORD-LAST', quantity: 1, unit_price: 2_500 }],
            payment: undefined,
          }),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(await level('ORD-LAST')).toMatchObject({ on_hand: 10, reserved: 10, available: 0 });
  }, 60_000);

  it('20 racing replays of one Idempotency-Key create one order and return it to all', async () => {
    const body = order({
      external_id: 'IDEM-1',
      customer: { email: 'idem@example.com', name: 'Idem Potent' },
    });
    const before = await db.order.count();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(body, { 'idempotency-key': 'order-idem-1' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set((await Promise.all(responses.map((r) => r.json()))).map((o) => o.id));
    expect(ids.size).toBe(1);
    expect(await db.order.count()).toBe(before + 1);
    expect(await db.payment.count({ where: { orderId: [...ids][0] } })).toBe(1);
  }, 60_000);
});

describe("Idempotency-Key recorded in the order's own write", () => {
  it(
    '10 racing replays without an external id (nothing else serialises them) take one order; a later replay ' +
      'gets the same answer',
    async () => {
      const body = order({ customer: { email: 'keyonly@example.com', name: 'Key Only' } });
      const reservedBefore = (await level('ORD-1')).reserved;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => post(body, { 'idempotency-key': 'order-key-only' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const bodies = await Promise.all(responses.map((r) => r.json()));
      expect(new Set(bodies.map((o) => o.id)).size).toBe(1);
      // 9 of the 10 were answered from the stored response
      expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
      expect((await level('ORD-1')).reserved).toBe(reservedBefore + 2); // one order of 2 units reserved
      const later = await post(body, { 'idempotency-key': 'order-key-only' });
      expect(later.headers.get('idempotent-replayed')).toBe('true');
      expect(await later.json()).toEqual(bodies[0]);
      expect(bodies[0]).toMatchObject({
        customer: { email: 'keyonly@example.com', name: 'Key Only' },
        total: 5_650,
      });
    },
    60_000,
  );

  it('the same key with a different body is 409 CONFLICT and writes nothing', async () => {
    await post(order({ customer: { email: 'k2@example.com', name: 'Kay Two' } }), {
      'idempotency-key': 'order-key-2',
    });
    const before = await db.order.count();
    const res = await post(
      order({ customer: { email: 'k2@example.com', name: 'Kay Two' }, note: 'changed' }),
      { 'idempotency-key': 'order-key-2' },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('CONFLICT');
    expect(await db.order.count()).toBe(before);
  });

  it('a request refused as out of stock stores no key: the same key succeeds once stock arrives', async () => {
    await makeProduct(['ORD-LATE'], { price: 2_500 });
    const body = order({
      customer: { email: 'late@example.com', name: 'Late Comer' },
      lines: [{ sku: 'ORD-LATE', quantity: 2, unit_price: 2_500 }],
    });
    const first = await post(body, { 'idempotency-key': 'order-key-late' });
    expect(first.status).toBe(409);
    expect((await first.json()).error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ sku: 'ORD-LATE', requested: 2, available: 0 }],
    });
    expect(await db.idempotencyKey.count({ where: { key: 'order-key-late' } })).toBe(0);
    expect(await db.customer.count({ where: { email: 'late@example.com' } })).toBe(0); // nothing half-written
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ORD-LATE', quantity: 5, unit_cost: 1_000 }] },
      actor,
    });
    const second = await post(body, { 'idempotency-key': 'order-key-late' });
    expect(second.status).toBe(201);
    expect((await level('ORD-LATE')).reserved).toBe(2);
  });
});

describe('reservation at intake', () => {
  it(
    'a backorderable SKU with no stock level yet is taken: the level is created with the units reserved ' +
      '(available −3)',
    async () => {
      await makeProduct(['ORD-BACK'], { price: 2_500, allowBackorder: true });
      const res = await post(
        order({
          customer: { email: 'back@example.com', name: 'Back Order' },
          lines: [{ sku: 'ORD-BACK', quantity: 3, unit_price: 2_500 }],
        }),
      );
      expect(res.status).toBe(201);
      // on hand 0, reserved 3 → available 0 − 3 = −3
      expect(await level('ORD-BACK')).toMatchObject({ on_hand: 0, reserved: 3, available: -3 });
      const movements = await db.stockMovement.findMany({
        where: { variant: { sku: 'ORD-BACK' } },
        select: { type: true, reservedDelta: true, referenceId: true },
      });
      expect(movements).toEqual([{ type: 'reserve', reservedDelta: 3, referenceId: (await res.json()).id }]);
    },
  );

  it("reserving the last units opens the SKU's stockout period; units on hand before that keep it closed", async () => {
    await makeProduct(['ORD-OUT'], { price: 2_500 });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ORD-OUT', quantity: 3, unit_cost: 1_000 }] },
      actor,
    });
    const periods = () =>
      db.$queryRaw<
        { open: boolean }[]
      >`SELECT p.ended_at IS NULL AS open FROM stockout_periods p JOIN variants v ON v.id =
        p.variant_id WHERE v.sku = 'ORD-OUT'`;
    const body = (n: number, q: number) =>
      order({
        customer: { email: `out${n}@example.com`, name: 'Out Of' },
        lines: [{ sku: 'ORD-OUT', quantity: q, unit_price: 2_500 }],
        payment: undefined,
      });
    expect((await post(body(1, 2))).status).toBe(201); // 3 − 2 = 1 available: still in stock
    expect(await periods()).toEqual([]);
    expect((await post(body(2, 1))).status).toBe(201); // 1 − 1 = 0 available: stocked out
    expect(await periods()).toEqual([{ open: true }]);
  });
});

describe('review, hold and cancel', () => {
  it('holds a risky order for review with its reasons, and a manager approves it', async () => {
    const res = await post(
      order({
        customer: { email: 'risky@example.com', name: 'Risky Buyer' },
        billing_address: { ...address, country: 'CA', region: 'ON', postal_code: 'K1A 0B1' },
        payment: { method: 'card', amount: 1_000, status: 'authorized', avs_result: 'N', cvv_result: 'N' },
      }),
    );
    const o = await res.json();
    // AVS N 25 + CVV N 30 + billing CA ≠ shipping US 15 = 70 ≥ 50
    // 1,000 authorized of a 5,650 total: partially paid, not "authorized" (decision 031).
    expect(o).toMatchObject({
      status: 'pending_review',
      payment_status: 'partially_paid',
      risk: { score: 70, level: 'high' },
    });
    expect(o.risk.reasons.map((r: { code: string }) => r.code)).toEqual([
      'avs_mismatch',
      'cvv_mismatch',
      'country_mismatch',
    ]);
    expect(o.lines[0].quantity_reserved).toBe(2); // stock is held while it waits
    await expect(changeOrderStatus({ orderId: o.id, move: 'release', actor })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await changeOrderStatus({ orderId: o.id, move: 'approve', actor })).toMatchObject({
      status: 'open',
    });
    await expect(changeOrderStatus({ orderId: o.id, move: 'hold', actor })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(
      await changeOrderStatus({ orderId: o.id, move: 'hold', reason: 'address check', actor }),
    ).toMatchObject({ status: 'on_hold' });
    expect(await changeOrderStatus({ orderId: o.id, move: 'release', actor })).toMatchObject({
      status: 'open',
    });
    expect((await orderTimeline(o.id)).map((e) => e.action)).toEqual([
      'order.created',
      'order.approved',
      'order.held',
      'order.released',
    ]);
  });

  it('cancel releases the stock, reverses the sale and returns captured money; the books still balance', async () => {
    const ar = await accountBalance('1100', FAR);
    const sales = await accountBalance('4000', FAR);
    const o = await (
      await post(order({ customer: { email: 'cancel@example.com', name: 'Can Cel' } }))
    ).json();
    const reservedBefore = (await level('ORD-1')).reserved;
    const res = await cancelRoute.POST(
      apiRequest(`/api/v1/orders/${o.id}/cancel`, {
        method: 'POST',
        key,
        body: { reason: 'customer changed mind' },
      }),
      routeContext({ id: o.id }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'cancelled',
      payment_status: 'refunded',
      amount_paid: 0,
      cancel_reason: 'customer changed mind',
      lines: [{ quantity_cancelled: 2, quantity_reserved: 0 }],
    });
    expect((await level('ORD-1')).reserved).toBe(reservedBefore - 2);
    // Sale reversed and capture returned: receivables and sales are back where they were.
    expect(await accountBalance('1100', FAR)).toBe(ar);
    expect(await accountBalance('4000', FAR)).toBe(sales);
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
    expect(tb.total_debit).toBe(tb.total_credit);
    // Cancelling twice is an illegal move, not a second refund.
    const again = await cancelRoute.POST(
      apiRequest(`/api/v1/orders/${o.id}/cancel`, { method: 'POST', key }),
      routeContext({ id: o.id }),
    );
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('INVALID_STATE');
  });

  it('reads an order and lists orders with filters and a cursor', async () => {
    const o = await (
      await post(order({ channel: 'etsy', external_id: 'ETSY-9', payment: undefined }))
    ).json();
    const got = await orderRoute.GET(
      apiRequest(`/api/v1/orders/${o.id}`, { key }),
      routeContext({ id: o.id }),
    );
    expect((await got.json()).external_id).toBe('ETSY-9');
    expect(
      (await orderRoute.GET(apiRequest('/api/v1/orders/nope', { key }), routeContext({ id: 'nope' }))).status,
    ).toBe(404);
    const list = await (
      await ordersRoute.GET(apiRequest('/api/v1/orders?channel=etsy', { key }), routeContext())
    ).json();
    expect(list.data.map((r: { id: string }) => r.id)).toEqual([o.id]);
    const page1 = await (
      await ordersRoute.GET(apiRequest('/api/v1/orders?limit=3', { key }), routeContext())
    ).json();
    const page2 = await (
      await ordersRoute.GET(
        apiRequest(`/api/v1/orders?limit=3&cursor=${page1.next_cursor}`, { key }),
        routeContext(),
      )
    ).json();
    expect(page1.data).toHaveLength(3);
    expect(page2.data[0].placed_at <= page1.data[2].placed_at).toBe(true);
    expect(new Set([...page1.data, ...page2.data].map((r: { id: string }) => r.id)).size).toBe(
      page1.data.length + page2.data.length,
    );
    const bad = await ordersRoute.GET(apiRequest('/api/v1/orders?status=lost', { key }), routeContext());
    expect(bad.status).toBe(422);
  });
});

describe('shipments recorded through the API', () => {
  it(
    'ships part, then the rest: stock consumed, COGS posted at FIFO cost, status partially fulfilled → ' +
      'fulfilled',
    async () => {
      const { POST } = await import('@/app/api/v1/orders/[id]/shipments/route');
      const shipKey = (await makeApiKey(['fulfillment:write'])).key;
      await makeProduct(['SHIP-1']);
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'SHIP-1', quantity: 2, unit_cost: 300 }] },
        actor,
      });
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'SHIP-1', quantity: 5, unit_cost: 420 }] },
        actor,
      });
      const o = await (
        await post(
          order({
            customer: { email: 'ship@example.com', name: 'Ship Me' },
            lines: [{ sku: 'SHIP-1', quantity: 4, unit_price: 2_500 }],
            payment: undefined,
            discount_amount: 0,
          }),
        )
      ).json();
      const ship = (body: unknown) =>
        POST(
          apiRequest(`/api/v1/orders/${o.id}/shipments`, { method: 'POST', key: shipKey, body }),
          routeContext({ id: o.id }),
        );

      const first = await ship({
        lines: [{ sku: 'SHIP-1', quantity: 3 }],
        carrier: '3PL',
        tracking_number: 'TRK1',
      });
      expect(first.status).toBe(201);
      // FIFO: 2 × 300 + 1 × 420 = 1,020
      expect(await first.json()).toMatchObject({
        status: 'partially_fulfilled',
        cogs: 1_020,
        lines: [{ sku: 'SHIP-1', quantity: 3 }],
      });
      expect(await level('SHIP-1')).toMatchObject({ on_hand: 4, reserved: 1 });

      const tooMany = await ship({ lines: [{ sku: 'SHIP-1', quantity: 2 }] });
      expect(tooMany.status).toBe(422);
      expect((await tooMany.json()).error.details).toEqual([
        { field: 'lines.0.quantity', message: 'Only 1 left to ship' },
      ]);
      expect((await ship({ lines: [{ sku: 'ORD-2', quantity: 1 }] })).status).toBe(422);

      const second = await ship({ lines: [{ sku: 'SHIP-1', quantity: 1 }] });
      expect(await second.json()).toMatchObject({ status: 'fulfilled', cogs: 420 });
      const detail = await (
        await orderRoute.GET(apiRequest(`/api/v1/orders/${o.id}`, { key }), routeContext({ id: o.id }))
      ).json();
      expect(detail.lines[0]).toMatchObject({ quantity_fulfilled: 4, quantity_reserved: 0 });
      // A fulfilled order cannot be cancelled.
      expect(
        (
          await cancelRoute.POST(
            apiRequest(`/api/v1/orders/${o.id}/cancel`, { method: 'POST', key }),
            routeContext({ id: o.id }),
          )
        ).status,
      ).toBe(409);
      const cogs = await db.journalEntry.findMany({
        where: { sourceType: 'shipment' },
        include: { lines: { include: { account: true } } },
      });
      expect(
        cogs
          .flatMap((e) => e.lines)
          .filter((l) => l.account.code === '5000')
          .reduce((s, l) => s + l.debit, 0),
      ).toBe(1_440); // 1,020 + 420
    },
  );
});

describe('cancelling what has not shipped of a partly shipped order', () => {
  it(
    'releases and cancels the rest, credits its value with its discount and tax share, refunds the ' +
      'overpayment',
    async () => {
      const { POST } = await import('@/app/api/v1/orders/[id]/shipments/route');
      const shipKey = (await makeApiKey(['fulfillment:write'])).key;
      await makeProduct(['PART-1']);
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'PART-1', quantity: 10, unit_cost: 400 }] },
        actor,
      });
      // 4 × 1,000 = 4,000; discount 400; shipping 500; tax 288 → total 4,388, paid in full.
      const o = await (
        await post(
          order({
            customer: { email: 'part@example.com', name: 'Part Ial' },
            lines: [{ sku: 'PART-1', quantity: 4, unit_price: 1_000 }],
            discount_amount: 400,
            shipping_amount: 500,
            tax_amount: 288,
            payment: { method: 'card', amount: 4_388, status: 'captured' },
          }),
        )
      ).json();
      await POST(
        apiRequest(`/api/v1/orders/${o.id}/shipments`, {
          method: 'POST',
          key: shipKey,
          body: { lines: [{ sku: 'PART-1', quantity: 1 }] },
        }),
        routeContext({ id: o.id }),
      );
      const ar = await accountBalance('1100', FAR);
      const res = await cancelRoute.POST(
        apiRequest(`/api/v1/orders/${o.id}/cancel`, {
          method: 'POST',
          key,
          body: { reason: 'rest out of stock at supplier' },
        }),
        routeContext({ id: o.id }),
      );
      expect(res.status).toBe(200);
      // 3 of 4 units cancelled: value 3,000, discount share 400 × 3/4 = 300, tax share 288 × 3/4 = 216
      // credit = 3,000 − 300 + 216 = 2,916; new total 4,388 − 2,916 = 1,472; refund 4,388 − 1,472 = 2,916.
      expect(await res.json()).toMatchObject({
        status: 'fulfilled',
        payment_status: 'partially_refunded',
        amount_paid: 1_472,
        lines: [{ quantity_fulfilled: 1, quantity_cancelled: 3, quantity_reserved: 0 }],
      });
      expect(await level('PART-1')).toMatchObject({ on_hand: 9, reserved: 0 });
      // Receivable: −2,916 credit + 2,916 refunded = unchanged.
      expect(await accountBalance('1100', FAR)).toBe(ar);
      const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
      expect(tb.total_debit).toBe(tb.total_credit);
    },
  );
});

describe('address corrections', () => {
  it('changes the shipping address until the order ships, validated per country and audited', async () => {
    const { updateOrderAddress } = await import('@/lib/orders/update-order-address');
    const o = await (
      await post(order({ customer: { email: 'move@example.com', name: 'Mo Ving' }, payment: undefined }))
    ).json();
    const fixed = await updateOrderAddress({
      orderId: o.id,
      kind: 'shipping',
      address: { ...address, line1: '2 Elm St', postal_code: '62702' },
      actor,
    });
    expect(fixed).toMatchObject({ line1: '2 Elm St', postal_code: '62702', country: 'US' });
    await expect(
      updateOrderAddress({
        orderId: o.id,
        kind: 'shipping',
        address: { ...address, region: '', postal_code: '1234' },
        actor,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'shipping_address.region', message: 'A state or province is required for US' },
        { field: 'shipping_address.postal_code', message: 'Not a valid US postal code' },
      ],
    });
    const { POST } = await import('@/app/api/v1/orders/[id]/shipments/route');
    const shipKey = (await makeApiKey(['fulfillment:write'])).key;
    await POST(
      apiRequest(`/api/v1/orders/${o.id}/shipments`, {
        method: 'POST',
        key: shipKey,
        body: { lines: [{ sku: 'ORD-1', quantity: 1 }] },
      }),
      routeContext({ id: o.id }),
    );
    await expect(
      updateOrderAddress({ orderId: o.id, kind: 'shipping', address, actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await orderTimeline(o.id)).map((e) => e.action)).toContain('order.shipping_address_changed');
  });
});

describe('the intake takes its API key from the cache and confirms it in its own read (decision 056)', () => {
  const postWith = (k: string, body: unknown, headers: Record<string, string> = {}) =>
    ordersRoute.POST(apiRequest('/api/v1/orders', { method: 'POST', key: k, body, headers }), routeContext());
  const orderCount = () => db.order.count();

  it('a key revoked elsewhere (unknown to this process) is refused at once: order, replay, bad body', async () => {
    const cases = [
      ['a new order', order({ external_id: 'KC-2' }), {}],
      // the stored answer of the key's first order is not given back to a revoked key
      ['a replay', order({ external_id: 'KC-1-0' }), { 'idempotency-key': 'kc-1-0' }],
      // a body its schema refuses: 401, not 422
      ['a bad body', order({ lines: [] }), {}],
      // a malformed Idempotency-Key: 401, not 400
      ['a bad Idempotency-Key', order({ external_id: 'KC-3' }), { 'idempotency-key': 'bad key with spaces' }],
    ] as const;
    for (const [i, [what, body, headers]] of cases.entries()) {
      // Each case with a key of its own in the cache (a refusal takes the key out of it).
      const cached = await makeApiKey(['orders:create']);
      const first = order({ external_id: `KC-1-${i}` });
      expect((await postWith(cached.key, first, { 'idempotency-key': `kc-1-${i}` })).status).toBe(201);
      // Another process revokes the key with a plain UPDATE, which this one never hears of.
      await db.$executeRaw`UPDATE api_keys SET revoked_at = now() WHERE id = ${cached.id}::uuid`;
      const before = await orderCount();
      const res = await postWith(cached.key, body, headers);
      expect([what, res.status]).toEqual([what, 401]);
      expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
      expect(await orderCount()).toBe(before);
    }
    expect(await db.order.findFirst({ where: { externalId: 'KC-2' } })).toBeNull();
  });

  it('a cached key still records its use at most once a minute, from the read', async () => {
    const cached = await makeApiKey(['orders:create']);
    expect((await postWith(cached.key, order({ external_id: 'KC-10' }))).status).toBe(201);
    const used = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: cached.id } })).lastUsedAt!;
    const firstUse = await used();
    // Within the minute: no new write of last_used_at.
    expect((await postWith(cached.key, order({ external_id: 'KC-11' }))).status).toBe(201);
    expect((await used()).getTime()).toBe(firstUse.getTime());
    // Two minutes ago, as the database says: the next order (its key from the cache) records the use again.
    const old = new Date(Date.now() - 120_000);
    await db.apiKey.update({ where: { id: cached.id }, data: { lastUsedAt: old } });
    const t0 = Date.now();
    expect((await postWith(cached.key, order({ external_id: 'KC-12' }))).status).toBe(201);
    expect((await used()).getTime()).toBeGreaterThanOrEqual(t0 - 1_000);
  });

  it('a cached key without the scope is 403, and other routes look their key up every time', async () => {
    const reader = await makeApiKey(['orders:read']);
    const list = () => ordersRoute.GET(apiRequest('/api/v1/orders', { key: reader.key }), routeContext());
    expect((await list()).status).toBe(200);
    expect((await postWith(reader.key, order({ external_id: 'KC-20' }))).status).toBe(403);
    expect((await postWith(reader.key, order({ external_id: 'KC-20' }))).status).toBe(403);
    await db.$executeRaw`UPDATE api_keys SET revoked_at = now() WHERE id = ${reader.id}::uuid`;
    expect((await list()).status).toBe(401);
    expect((await postWith(reader.key, order({ external_id: 'KC-20' }))).status).toBe(401);
  });
});
