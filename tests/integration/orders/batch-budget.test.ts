import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
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

// Tight budgets for this file's app client (lib/db.ts reads them when the client is first made, after
// these lines): a write waits 1 s for a row lock, a statement (a whole take_orders call) runs 2 s.
process.env.DB_LOCK_TIMEOUT_MS = '1000';
process.env.DB_STATEMENT_TIMEOUT_MS = '2000';

let key: string;
let blocker: pg.Client;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['HELD-1'], { price: 1_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'HELD-1', quantity: 100, unit_cost: 400 }] },
    actor,
  });
  key = (await makeApiKey(['orders:create', 'orders:read'])).key;
  const [{ name }] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  blocker = new pg.Client({ connectionString: url.toString() });
  await blocker.connect();
});

afterAll(async () => {
  await blocker.end();
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
  lines: [{ sku: 'HELD-1', quantity: 1, unit_price: 1_000 }],
});

const batch = (orders: unknown[]) =>
  batchRoute.POST(
    apiRequest('/api/v1/orders/batch', { method: 'POST', key, body: { orders } }),
    routeContext(),
  );

describe('a batch whose stock level another session holds', () => {
  it('fails within its budgets with a 503 to retry, not after each order waited out its own', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `HELD-${String(i).padStart(2, '0')}`);
    // Another session holds the level every order needs (a stuck transaction).
    await blocker.query('BEGIN');
    await blocker.query(
      `SELECT 1 FROM stock_levels l JOIN variants v ON v.id = l.variant_id WHERE v.sku = 'HELD-1' FOR UPDATE OF l`,
    );
    let elapsed: number;
    let res: Response;
    try {
      const started = performance.now();
      res = await batch(ids.map(order));
      elapsed = performance.now() - started;
    } finally {
      await blocker.query('ROLLBACK');
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TIMEOUT');
    // The take_orders call runs out its 2 s statement budget (its first order waits 1 s for the lock and
    // is refused, the second waits until the call is cut); then its first order is tried alone and
    // waits out its 1 s lock budget: ≈ 3 s. Before, each of the 12 orders then waited 1 s: ≈ 14 s.
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(elapsed).toBeLessThan(9_000);
    // Nothing was taken: no order, no reservation.
    expect(await db.order.count({ where: { externalId: { in: ids } } })).toBe(0);
    const held = (await skuDetail('HELD-1'))!.levels.find((l) => l.location === 'MAIN')!;
    expect(held.reserved).toBe(0);

    // Retried once the level is free, every order is taken, once: 12 of the 100 units reserved.
    const retry = await batch(ids.map(order));
    expect(retry.status).toBe(200);
    const { results } = (await retry.json()) as { results: { index: number; status: number }[] };
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    const after = (await skuDetail('HELD-1'))!.levels.find((l) => l.location === 'MAIN')!;
    expect(after.reserved).toBe(12);
  });
});
