import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { packingSlipFor, pickListFor, RETURN_INSTRUCTIONS } from '@/lib/fulfillment/pick-list-data';
import { pickRows } from '@/lib/documents/pick-list';
import type { SessionUser } from '@/lib/auth/session';
import {
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';

// The routes read the signed-in user through lib/auth/session.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: () => Promise.resolve(session.user),
  userActor: (u: SessionUser) => ({ type: 'user', id: u.id, label: u.email, role: u.role }),
}));
const pickListRoute = await import('@/app/(app)/fulfillment/pick-list/route');
const packingSlipRoute = await import('@/app/(app)/fulfillment/orders/[id]/packing-slip/route');

/**
 * The shop (UTC, ships from MAIN at 410 Hudson St). Bins at MAIN: C-09 (pick sequence 9) holds PL-A,
 * A-01 (1) holds PL-B, B-04 (4) holds PL-C; PL-D has no bin. Orders:
 *   W1  2 × PL-A + 1 × PL-B                       open
 *   W2  3 × PL-B + 1 × PL-C + 1 × PL-D            open
 *   P   2 × PL-A + 3 × PL-C, 2 × PL-A and 1 × PL-C shipped elsewhere: 2 × PL-C left
 *   X   1 × PL-A                                  cancelled
 */
const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};
const o: Record<'W1' | 'W2' | 'P' | 'X', { id: string; number: number }> = {} as never;

async function order(lines: [string, number][]) {
  return createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `pl${Math.random()}@example.com`, name: 'Lee Park' },
      shipping_address: address,
      shipping_method: 'Standard',
      lines: lines.map(([sku, quantity]) => ({ sku, quantity, unit_price: 2_000 })),
    },
    actor,
  });
}

beforeAll(async () => {
  const { main } = await makeLocations();
  await db.location.update({
    where: { id: main.id },
    data: {
      address: {
        name: 'Test shop',
        line1: '410 Hudson St',
        city: 'New York',
        region: 'NY',
        postal_code: '10014',
        country: 'US',
        phone: '+1 212 555 0100',
      },
    },
  });
  await makeProduct(['PL-A', 'PL-B', 'PL-C', 'PL-D'], { price: 2_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: ['PL-A', 'PL-B', 'PL-C', 'PL-D'].map((sku) => ({ sku, quantity: 20, unit_cost: 500 })),
    },
    actor,
  });
  for (const [sku, code, pickSequence] of [
    ['PL-A', 'C-09', 9],
    ['PL-B', 'A-01', 1],
    ['PL-C', 'B-04', 4],
  ] as const) {
    const bin = await db.bin.create({ data: { locationId: main.id, code, pickSequence } });
    await db.stockLevel.updateMany({
      where: { locationId: main.id, variant: { sku } },
      data: { binId: bin.id },
    });
  }
  o.W1 = await order([
    ['PL-A', 2],
    ['PL-B', 1],
  ]);
  o.W2 = await order([
    ['PL-B', 3],
    ['PL-C', 1],
    ['PL-D', 1],
  ]);
  o.P = await order([
    ['PL-A', 2],
    ['PL-C', 3],
  ]);
  await recordShipment({
    orderId: o.P.id,
    input: {
      lines: [
        { sku: 'PL-A', quantity: 2 },
        { sku: 'PL-C', quantity: 1 },
      ],
      carrier: 'UPS',
      tracking_number: '1Z111',
    },
    actor,
  });
  o.X = await order([['PL-A', 1]]);
  await cancelOrder({ orderId: o.X.id, reason: 'Customer changed their mind', actor });
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; status: number; message: string; details: { field: string }[] };
  }
  throw new Error('expected a failure');
}

describe('pickListFor', () => {
  it('lists a two-order wave in walking order (bins 1, 4, 9, then no bin) with each tote’s share', async () => {
    const input = await pickListFor({ orderIds: [o.W1.id, o.W2.id], now: new Date('2030-01-02T12:00:00Z') });
    expect(input).toMatchObject({
      location: 'MAIN',
      time_zone: 'UTC',
      generated_at: '2030-01-02T12:00:00.000Z',
    });
    expect(input.orders.map((x) => [x.order_number, x.tote])).toEqual([
      [o.W1.number, `#${o.W1.number}`],
      [o.W2.number, `#${o.W2.number}`],
    ]);
    expect(input.orders[1].lines).toEqual([
      { sku: 'PL-B', name: expect.any(String), quantity: 3, bin_code: 'A-01', pick_sequence: 1 },
      { sku: 'PL-C', name: expect.any(String), quantity: 1, bin_code: 'B-04', pick_sequence: 4 },
      { sku: 'PL-D', name: expect.any(String), quantity: 1, bin_code: null, pick_sequence: null },
    ]);
    const w1 = `#${o.W1.number}`;
    const w2 = `#${o.W2.number}`;
    expect(
      pickRows(input).map((r) => [
        r.pick_sequence,
        r.bin_code,
        r.sku,
        r.total,
        r.totes.map((t) => [t.tote, t.quantity]),
      ]),
    ).toEqual([
      [
        1,
        'A-01',
        'PL-B',
        4,
        [
          [w1, 1],
          [w2, 3],
        ],
      ],
      [4, 'B-04', 'PL-C', 1, [[w2, 1]]],
      [9, 'C-09', 'PL-A', 2, [[w1, 2]]],
      [null, null, 'PL-D', 1, [[w2, 1]]],
    ]);
  });

  it('lists only the open units of a partly shipped order', async () => {
    const input = await pickListFor({ orderIds: [o.P.id] });
    expect(input.orders).toEqual([
      {
        order_number: o.P.number,
        tote: `#${o.P.number}`,
        lines: [{ sku: 'PL-C', name: expect.any(String), quantity: 2, bin_code: 'B-04', pick_sequence: 4 }],
      },
    ]);
  });

  it('refuses a cancelled order, an unknown id, no ids and more than 50, naming order_ids', async () => {
    const cancelled = await failure(pickListFor({ orderIds: [o.W1.id, o.X.id] }));
    expect(cancelled).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      details: [{ field: 'order_ids' }],
    });
    expect(cancelled.message).toBe(
      `Only open orders with units left to ship can be picked: #${o.X.number} (cancelled).`,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await failure(pickListFor({ orderIds: [o.W1.id, unknown] }))).toMatchObject({
      status: 422,
      message: `No such order: ${unknown}.`,
      details: [{ field: 'order_ids' }],
    });
    expect(await failure(pickListFor({ orderIds: [] }))).toMatchObject({
      status: 422,
      details: [{ field: 'order_ids' }],
    });
    expect(await failure(pickListFor({ orderIds: ['nope'] }))).toMatchObject({
      status: 422,
      details: [{ field: 'order_ids' }],
    });
    const many = Array.from(
      { length: 51 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(await failure(pickListFor({ orderIds: many }))).toMatchObject({
      status: 422,
      message: 'A pick list holds at most 50 orders',
    });
  });
});

describe('packingSlipFor', () => {
  it('prints the shop, ship-to and every line with the open units in the box', async () => {
    const slip = await packingSlipFor(o.P.id);
    expect(slip).toMatchObject({
      shop: {
        name: 'Test shop',
        address: {
          line1: '410 Hudson St',
          city: 'New York',
          region: 'NY',
          postal_code: '10014',
          country: 'US',
        },
        phone: '+1 212 555 0100',
      },
      order_number: o.P.number,
      time_zone: 'UTC',
      shipping_method: 'Standard',
      ship_to: {
        name: 'Lee Park',
        line1: '1 Market St',
        city: 'San Francisco',
        region: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      return_instructions: RETURN_INSTRUCTIONS,
    });
    expect(slip.lines.map((l) => [l.sku, l.quantity_ordered, l.quantity_in_box]).sort()).toEqual([
      ['PL-A', 2, 0],
      ['PL-C', 3, 2],
    ]);
    expect(RETURN_INSTRUCTIONS).toBe(
      'To return an item, contact us within 30 days of delivery quoting your order number.',
    );
    expect(await failure(packingSlipFor(o.X.id))).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('the pick-list and packing-slip routes', () => {
  const pdfStart = async (res: Response) =>
    Buffer.from(await res.arrayBuffer())
      .subarray(0, 5)
      .toString();

  it('answer a PDF to warehouse staff, with repeated or comma-separated orders', async () => {
    const wh = await makeUser({ role: 'warehouse' });
    session.user = { id: wh.id, email: wh.email, name: wh.name, role: 'warehouse' };
    const repeated = await pickListRoute.GET(
      new Request(`http://x/fulfillment/pick-list?orders=${o.W1.id}&orders=${o.W2.id}`),
    );
    expect(repeated.status).toBe(200);
    expect(repeated.headers.get('content-type')).toBe('application/pdf');
    expect(repeated.headers.get('content-disposition')).toBe('inline; filename="pick-list-2-orders.pdf"');
    expect(await pdfStart(repeated)).toBe('%PDF-');
    const commas = await pickListRoute.GET(
      new Request(`http://x/fulfillment/pick-list?orders=${o.W1.id},${o.W2.id}`),
    );
    expect(commas.status).toBe(200);
    const one = await pickListRoute.GET(new Request(`http://x/fulfillment/pick-list?orders=${o.P.id}`));
    expect(one.headers.get('content-disposition')).toBe(`inline; filename="pick-list-${o.P.number}.pdf"`);
    const refused = await pickListRoute.GET(new Request(`http://x/fulfillment/pick-list?orders=${o.X.id}`));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'order_ids' }] },
    });

    const slip = await packingSlipRoute.GET(new Request('http://x'), routeContext({ id: o.W2.id }) as never);
    expect(slip.status).toBe(200);
    expect(slip.headers.get('content-type')).toBe('application/pdf');
    expect(slip.headers.get('content-disposition')).toBe(
      `inline; filename="packing-slip-${o.W2.number}.pdf"`,
    );
    expect(await pdfStart(slip)).toBe('%PDF-');
  });

  it('answer 403 JSON to support', async () => {
    const support = await makeUser({ role: 'support' });
    session.user = { id: support.id, email: support.email, name: support.name, role: 'support' };
    const list = await pickListRoute.GET(new Request(`http://x/fulfillment/pick-list?orders=${o.W1.id}`));
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const slip = await packingSlipRoute.GET(new Request('http://x'), routeContext({ id: o.W1.id }) as never);
    expect(slip.status).toBe(403);
    expect(slip.headers.get('content-type')).toMatch(/application\/json/);
  });
});
