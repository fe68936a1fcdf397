import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordEvent } from '@/lib/events/record-event';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { encodeCursor } from '@/lib/events/cursor';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as eventsRoute from '@/app/api/v1/events/route';

let key: string;
let ordersKey: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['EV-1'], { price: 2_500 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'EV-1', quantity: 50, unit_cost: 1_000 }] },
    actor,
  });
  key = (await makeApiKey(['events:read'])).key;
  ordersKey = (await makeApiKey(['orders:create'])).key;
});

type FeedEvent = {
  id: string;
  type: string;
  resource_id: string;
  sequence: number;
  occurred_at: string;
  data: { n?: number } & Record<string, unknown>;
};

async function page(query: string, k = key) {
  const res = await eventsRoute.GET(apiRequest(`/api/v1/events${query}`, { key: k }), routeContext());
  return {
    status: res.status,
    body: (await res.json()) as {
      data: FeedEvent[];
      next_cursor: string;
      error: { details: { field: string }[] };
    },
  };
}

/** Reads the whole feed from a cursor to its current end. */
async function drain(after: string | null, types = '') {
  const seen: FeedEvent[] = [];
  let cursor = after;
  for (;;) {
    const q = new URLSearchParams({
      limit: '7',
      ...(cursor ? { after: cursor } : {}),
      ...(types ? { types } : {}),
    });
    const { body } = await page(`?${q}`);
    seen.push(...body.data);
    cursor = body.next_cursor;
    if (!body.data.length) return { seen, cursor };
  }
}

const order = (external_id: string) => ({
  channel: 'web',
  external_id,
  currency: 'USD',
  customer: { email: 'ev@example.com', name: 'Eve Vent' },
  shipping_address: {
    name: 'Eve',
    line1: '1 Main St',
    city: 'X',
    region: 'IL',
    postal_code: '62701',
    country: 'US',
  },
  lines: [{ sku: 'EV-1', quantity: 1, unit_price: 2_500 }],
});

describe('domain events', () => {
  it(
    'writes order.created inside the intake, with the order as the API answered it, then held and cancelled ' +
      'in sequence',
    async () => {
      const start = (await drain(null)).cursor;
      const res = await ordersRoute.POST(
        apiRequest('/api/v1/orders', { method: 'POST', key: ordersKey, body: order('EV-100') }),
        routeContext(),
      );
      expect(res.status).toBe(201);
      const created = await res.json();
      await changeOrderStatus({ orderId: created.id, move: 'hold', reason: 'check address', actor });
      await cancelOrder({ orderId: created.id, reason: 'customer asked', actor });

      const { seen } = await drain(start);
      expect(seen.map((e) => [e.type, e.resource_id, e.sequence])).toEqual([
        ['order.created', created.id, 1],
        ['order.held', created.id, 2],
        ['order.cancelled', created.id, 3],
      ]);
      expect(seen[0].data).toEqual(created);
      expect(seen[1].data).toMatchObject({ id: created.id, status: 'on_hold' });
      expect(seen[2].data).toMatchObject({ id: created.id, status: 'cancelled' });
    },
  );

  it('writes nothing when the change rolls back, and a refused intake writes no event', async () => {
    const start = (await drain(null)).cursor;
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, { type: 'ticket.created', resourceId: 'rolled-back', data: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const dup = await ordersRoute.POST(
      apiRequest('/api/v1/orders', { method: 'POST', key: ordersKey, body: order('EV-100') }),
      routeContext(),
    );
    expect(dup.status).toBe(409);
    expect((await drain(start)).seen).toEqual([]);
  });

  it('filters by type, refuses unknown types, forged cursors and a key without events:read', async () => {
    const { seen } = await drain(null, 'order.held');
    expect(seen.map((e) => e.type)).toEqual(['order.held']);
    const bad = await page('?types=order.exploded');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('types');
    const good = encodeCursor({ xid: 1n, position: 1n });
    const forged = `${Buffer.from('99.99').toString('base64url')}.${good.split('.')[1]}`;
    for (const after of [forged, 'garbage', `${good}.x`]) {
      const r = await page(`?after=${encodeURIComponent(after)}`);
      expect(r.status).toBe(422);
      expect(r.body.error.details[0].field).toBe('after');
    }
    expect((await page('?limit=0')).status).toBe(422);
    const other = (await makeApiKey(['orders:read'])).key;
    expect((await page('', other)).status).toBe(403);
  });

  it(
    'records inventory.adjusted on each adjustment and inventory.low_stock once, when available crosses the ' +
      'reorder point',
    async () => {
      const variant = await db.variant.update({ where: { sku: 'EV-1' }, data: { reorderPoint: 45 } });
      const available = async () => {
        const levels = await db.stockLevel.findMany({ where: { variantId: variant.id } });
        return levels.reduce((sum, l) => sum + l.onHand - l.reserved, 0);
      };
      const start = (await drain(null)).cursor;
      const before = await available();
      // From `before` (≥ 48): − (before − 47) → 47, above 45: no low stock; − 3 → 44: crosses; − 1 → 43: already below.
      for (const delta of [-(before - 47), -3, -1])
        await adjustStock({ input: { location: 'MAIN', sku: 'EV-1', delta, reason: 'lost' }, actor });
      let seen: FeedEvent[] = [];
      for (let i = 0; i < 100 && seen.length < 4; i++) seen = (await drain(start)).seen;
      // The crossing is recorded by the stock_levels trigger (migration 20261202110000) as the level
      // changes, so it comes just before that adjustment's own inventory.adjusted.
      expect(seen.map((e) => [e.type, e.sequence])).toEqual([
        ['inventory.adjusted', 1],
        ['inventory.low_stock', 2],
        ['inventory.adjusted', 3],
        ['inventory.adjusted', 4],
      ]);
      expect(seen[1].data).toMatchObject({ sku: 'EV-1', location: 'MAIN', available: 44, reorder_point: 45 });
      expect(seen[2].data).toMatchObject({ sku: 'EV-1', delta: -3, level: { available: 44 } });
    },
  );

  it('hides an event committed after an older transaction that is still open, then shows both in order', async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      const start = (await drain(null)).cursor;
      const write = (c: pg.PoolClient, id: string) =>
        c.query(`SELECT record_event('ticket.created', 'ticket', $1, '{}'::jsonb, now())`, [id]);
      await a.query('BEGIN');
      await write(a, 'older'); // takes the lower transaction id and position
      await b.query('BEGIN');
      await write(b, 'newer');
      await b.query('COMMIT');
      // A position-ordered reader would now return "newer" and move past "older" for good.
      expect((await drain(start)).seen).toEqual([]);
      await a.query('COMMIT');
      expect((await drain(start)).seen.map((e) => e.resource_id)).toEqual(['older', 'newer']);
    } finally {
      a.release();
      b.release();
      await pool.end();
    }
  });

  it('keeps a resource in sequence order even when a younger transaction took the earlier sequence', async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      const start = (await drain(null)).cursor;
      await a.query('BEGIN');
      await a.query('SELECT pg_current_xact_id()'); // A is older
      await b.query('BEGIN');
      await b.query(`SELECT record_event('ticket.replied', 'ticket', 'shared', '{"n":1}'::jsonb, now())`);
      await b.query('COMMIT');
      await a.query(`SELECT record_event('ticket.replied', 'ticket', 'shared', '{"n":2}'::jsonb, now())`);
      await a.query('COMMIT');
      const { seen } = await drain(start);
      expect(seen.map((e) => [e.sequence, e.data.n])).toEqual([
        [1, 1],
        [2, 2],
      ]);
    } finally {
      a.release();
      b.release();
      await pool.end();
    }
  });

  it('gives a reader that resumes from its cursor every event exactly once under concurrent writers', async () => {
    const start = (await drain(null)).cursor;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const committed = new Set<string>();
    let writing = true;
    // 6 writers × 15 transactions; each writes 1–3 events (some to shared resources), waits 0–40 ms
    // before committing, and every 7th rolls back.
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const c = await pool.connect();
      try {
        for (let i = 0; i < 15; i++) {
          await c.query('BEGIN');
          const ids: string[] = [];
          const n = 1 + ((w + i) % 3);
          for (let j = 0; j < n; j++) {
            const resource = j === 0 ? `shared-${i % 3}` : `w${w}-${i}-${j}`;
            const r = await c.query<{ id: string }>(
              `SELECT id FROM record_event('ticket.replied', 'ticket', $1, '{}'::jsonb, now())`,
              [resource],
            );
            ids.push(r.rows[0].id);
          }
          await sleep(Math.random() * 40);
          if ((w * 15 + i) % 7 === 6) await c.query('ROLLBACK');
          else {
            await c.query('COMMIT');
            ids.forEach((id) => committed.add(id));
          }
        }
      } finally {
        c.release();
      }
    });
    const seen: FeedEvent[] = [];
    let cursor = start;
    const reader = (async () => {
      while (writing) {
        const q = new URLSearchParams({ limit: '5', after: cursor });
        const { body } = await page(`?${q}`);
        seen.push(...body.data);
        cursor = body.next_cursor;
        if (!body.data.length) await sleep(5);
      }
    })();
    await Promise.all(writers);
    writing = false;
    await reader;
    seen.push(...(await drain(cursor)).seen);
    await pool.end();

    const ids = seen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect(new Set(ids)).toEqual(committed); // nothing missed, nothing rolled back
    expect(committed.size).toBeGreaterThan(100);
    // Each resource's events in sequence order 1, 2, 3, … with no gap.
    const byResource = new Map<string, number[]>();
    for (const e of seen)
      byResource.set(e.resource_id, [...(byResource.get(e.resource_id) ?? []), e.sequence]);
    for (const [, seqs] of byResource) expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  }, 60_000);
});
