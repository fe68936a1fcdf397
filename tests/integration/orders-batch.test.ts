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
    expect(await reserved('BAT-1')).toBe(50);
  });

  it('refuses an empty batch and one over 1,000 orders naming the field', async () => {
    const empty = await post({ orders: [] });
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.details[0].field).toBe('orders');
    const big = await post({ orders: Array.from({ length: 1_001 }, () => ({})) });
    expect(big.status).toBe(422);
  });
});
