import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { skuDetail } from '@/lib/inventory/queries';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as batchRoute from '@/app/api/v1/orders/batch/route';

let key: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['BAT-1', 'BAT-2'], { price: 1_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'BAT-1', quantity: 50, unit_cost: 400 },
        { sku: 'BAT-2', quantity: 1, unit_cost: 400 },
      ],
    },
    actor,
  });
  key = (await makeApiKey(['orders:create', 'orders:read'])).key;
});

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
const order = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  channel: 'shopify',
  external_id: externalId,
  currency: 'USD',
  customer: { email: `${externalId.toLowerCase()}@example.com`, name: 'Ann Lee' },
  shipping_address: address,
  lines: [{ sku: 'BAT-1', quantity: 2, unit_price: 1_000 }],
  shipping_amount: 300,
  ...overrides,
});
const post = (body: unknown) =>
  batchRoute.POST(apiRequest('/api/v1/orders/batch', { method: 'POST', key, body }), routeContext());
const reserved = async (sku: string) =>
  (await skuDetail(sku))!.levels.find((l) => l.location === 'MAIN')!.reserved;

describe('POST /api/v1/orders/batch', () => {
  it('answers each order on its own: created, duplicate, invalid, out of stock', async () => {
    const res = await post({
      orders: [
        order('B-1'),
        order('B-1'), // the same channel + external id again in the batch
        order('B-3', { lines: [{ sku: 'BAT-1', quantity: 0, unit_price: 1_000 }] }),
        order('B-4', { lines: [{ sku: 'BAT-2', quantity: 2, unit_price: 1_000 }] }), // 1 on hand
        'not an order',
        order('B-6', { lines: [{ sku: 'NOPE', quantity: 1, unit_price: 1_000 }] }),
        order('B-7', { lines: [{ sku: 'BAT-1', quantity: 3, unit_price: 1_000 }] }),
      ],
    });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { status: number }) => r.status)).toEqual([201, 409, 422, 409, 422, 422, 201]);
    expect(results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results[1].error.code).toBe('DUPLICATE_ORDER');
    expect(results[2].error.details).toEqual([{ field: 'lines.0.quantity', message: 'Must be at least 1' }]);
    expect(results[3].error.code).toBe('OUT_OF_STOCK');
    expect(results[5].error.details).toEqual([expect.objectContaining({ field: 'lines.0.sku' })]);
    // reserved on BAT-1: 2 (B-1) + 3 (B-7) = 5; BAT-2: none (B-4 wrote nothing)
    expect(await reserved('BAT-1')).toBe(5);
    expect(await reserved('BAT-2')).toBe(0);
    const b1 = await db.order.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'shopify', externalId: 'B-1' } },
      select: { id: true, total: true, status: true },
    });
    // total = 2 × 1,000 + 300 shipping = 2,300
    expect(b1).toEqual({ id: results[0].id, total: 2_300, status: 'open' });
    // the sale is posted as for a single order: one entry sourced to the order
    expect(await db.journalEntry.count({ where: { sourceId: b1.id } })).toBe(1);
  });

  it('is idempotent by channel + external id: the same batch again creates nothing', async () => {
    const before = await db.order.count();
    const res = await post({ orders: [order('B-1'), order('B-7')] });
    const { results } = await res.json();
    expect(results.map((r: { status: number; error: { code: string } }) => [r.status, r.error.code])).toEqual(
      [
        [409, 'DUPLICATE_ORDER'],
        [409, 'DUPLICATE_ORDER'],
      ],
    );
    expect(await db.order.count()).toBe(before);
    expect(await reserved('BAT-1')).toBe(5);
  });

  it('takes a hundred orders at once, every one reserved', async () => {
    const orders = Array.from({ length: 100 }, (_, i) =>
      order(`C-${i}`, { lines: [{ sku: 'BAT-1', quantity: 1, unit_price: 500 }] }),
    );
    // 45 units left (50 − 5): 45 created, 55 out of stock
    const { results } = await (await post({ orders })).json();
    const counts = results.reduce(
      (m: Record<number, number>, r: { status: number }) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ 201: 45, 409: 55 });
    // in the order given: the first 45 took the last units, every later one found none
    expect(results.slice(0, 45).every((r: { status: number }) => r.status === 201)).toBe(true);
    expect(
      results.slice(45).every((r: { error?: { code: string } }) => r.error?.code === 'OUT_OF_STOCK'),
    ).toBe(true);
    expect(await reserved('BAT-1')).toBe(50);
  });

  it('refuses an empty batch and one over 1,000 orders naming the field', async () => {
    const empty = await post({ orders: [] });
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.details[0].field).toBe('orders');
    const big = await post({ orders: Array.from({ length: 1_001 }, () => ({})) });
    expect(big.status).toBe(422);
  });

  it('answers 422 for each order when no order of the batch is valid (nothing left to take)', async () => {
    const res = await post({ orders: ['x', { channel: 'shopify' }] });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { index: number; status: number }[] };
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 422],
      [1, 422],
    ]);
  });

  it("counts the batch's earlier orders from the same email in the fraud screen", async () => {
    await makeProduct(['BAT-3'], { price: 1_000 });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'BAT-3', quantity: 20, unit_cost: 400 }] },
      actor,
    });
    const same = (id: string) =>
      order(id, {
        customer: { email: 'velocity@example.com', name: 'Vel Ocity' },
        lines: [{ sku: 'BAT-3', quantity: 1, unit_price: 1_000 }],
      });
    const { results } = await (await post({ orders: ['V-1', 'V-2', 'V-3', 'V-4'].map(same) })).json();
    expect(results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201, 201]);
    const reasons = await db.order.findMany({
      where: { externalId: { in: ['V-1', 'V-2', 'V-3', 'V-4'] } },
      orderBy: { number: 'asc' },
      select: { externalId: true, riskReasons: true },
    });
    // V-4 has 3 orders from the email in the 24 h before it (V-1..V-3, taken just before in the batch):
    // the email_velocity rule fires at 3 (lib/fraud/rules.ts); V-1..V-3 see 0, 1 and 2
    expect(
      reasons.map((r) => (r.riskReasons as { code: string }[]).some((x) => x.code === 'email_velocity')),
    ).toEqual([false, false, false, true]);
  });

  it('rolls back alone an order the database refuses, the others taken', async () => {
    // A filed sales-tax period around today: an order that posts sales tax is refused by the tax lock
    // (BR002, 409 PERIOD_LOCKED), one without tax is not.
    const [filing] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO tax_filings (period_from, period_to, taxable, tax_collected, tax_refunded, input_tax, net,
                               actor_type, actor_label)
      VALUES (current_date - 30, current_date + 1, 0, 0, 0, 0, 0, 'system', 'test') RETURNING id::text`;
    try {
      const before = await reserved('BAT-3');
      const line = [{ sku: 'BAT-3', quantity: 1, unit_price: 1_000 }];
      const { results } = await (
        await post({
          orders: [
            order('T-1', { lines: line, tax_amount: 80 }),
            order('T-2', { lines: line }),
            order('T-3', { lines: line, tax_amount: 80 }),
            order('T-4', { lines: line }),
          ],
        })
      ).json();
      expect(results.map((r: { status: number }) => r.status)).toEqual([409, 201, 409, 201]);
      expect(results[0].error.code).toBe('PERIOD_LOCKED');
      // T-1 and T-3 wrote nothing: no order, no reservation (2 units reserved, for T-2 and T-4)
      const taken = await db.order.findMany({
        where: { externalId: { in: ['T-1', 'T-2', 'T-3', 'T-4'] } },
        select: { externalId: true },
        orderBy: { externalId: 'asc' },
      });
      expect(taken.map((o) => o.externalId)).toEqual(['T-2', 'T-4']);
      expect(await reserved('BAT-3')).toBe(before + 2);
      // each taken order has its event, audit row and sale entry
      const ids = results.filter((r: { id?: string }) => r.id).map((r: { id: string }) => r.id);
      expect(await db.event.count({ where: { type: 'order.created', resourceId: { in: ids } } })).toBe(2);
      expect(await db.auditLog.count({ where: { action: 'order.created', entityId: { in: ids } } })).toBe(2);
      expect(await db.journalEntry.count({ where: { sourceType: 'order', sourceId: { in: ids } } })).toBe(2);
    } finally {
      await db.$executeRaw`DELETE FROM tax_filings WHERE id = ${filing.id}::uuid`;
    }
  });
});
