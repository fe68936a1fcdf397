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

// A take_orders call that fails as a whole after committing some of its orders (decision 050: its
// statement budget ran out, its connection was lost) still answers every order of its run: the ones it
// committed as created, found by their ids, and the rest taken one by one.
let key: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['CUT-1'], { price: 1_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'CUT-1', quantity: 10, unit_cost: 400 }] },
    actor,
  });
  key = (await makeApiKey(['orders:create', 'orders:read'])).key;
  // In this file's own database: a take_orders that takes the first order, commits it, and then
  // fails the way a lost connection does (SQLSTATE 08006), before answering anything.
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE PROCEDURE take_orders(p jsonb, INOUT answers jsonb DEFAULT NULL) LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM take_order(p->0);
      COMMIT;
      RAISE EXCEPTION 'connection to the client lost' USING ERRCODE = '08006';
    END $$`);
});

const order = (externalId: string) => ({
  channel: 'shopify',
  external_id: externalId,
  currency: 'USD',
  customer: { email: `${externalId.toLowerCase()}@example.com`, name: 'Ann Lee' },
  shipping_address: {
    name: 'Ann Lee',
    line1: '1 Main St',
    city: 'Springfield',
    region: 'IL',
    postal_code: '62701',
    country: 'US',
  },
  lines: [{ sku: 'CUT-1', quantity: 2, unit_price: 1_000 }],
});

describe('a batch whose database call fails after committing part of it', () => {
  it('answers the committed order as created and takes the others one by one, each once', async () => {
    const res = await batchRoute.POST(
      apiRequest('/api/v1/orders/batch', {
        method: 'POST',
        key,
        body: { orders: [order('CUT-A'), order('CUT-B'), order('CUT-C')] },
      }),
      routeContext(),
    );
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { index: number; status: number; id?: string }[] };
    // CUT-A was committed by the failed call; CUT-B and CUT-C are taken after it, one by one.
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 201],
      [1, 201],
      [2, 201],
    ]);
    const taken = await db.order.findMany({
      where: { externalId: { in: ['CUT-A', 'CUT-B', 'CUT-C'] } },
      select: { id: true },
      orderBy: { externalId: 'asc' },
    });
    // Each order exactly once, with the id the batch answered.
    expect(taken.map((o) => o.id)).toEqual(results.map((r) => r.id));
    // 3 orders × 2 units reserved, each once: 6 of the 10 received.
    const level = (await skuDetail('CUT-1'))!.levels.find((l) => l.location === 'MAIN')!;
    expect(level.reserved).toBe(6);
  });
});
