import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { buyLabel } from '@/lib/fulfillment/buy-label';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import {
  exceptionList,
  fulfillmentQueue,
  QUEUE_SORT,
  type QueueSort,
  orderShipments,
  queueShippingMethods,
  shipmentLabel,
  shippedToday,
} from '@/lib/fulfillment/queries';
import { quoteOrderShipment } from '@/lib/fulfillment/quote-order-shipment';
import { readQueueQuery } from '@/lib/fulfillment/queue-schemas';
import { readSort } from '@/lib/list/sort';
import { seedShipping } from '@/prisma/seed-shipping';
import type { SessionUser } from '@/lib/auth/session';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import {
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';

// The server actions and the label route read the signed-in user through lib/auth/session.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: () => Promise.resolve(session.user),
  userActor: (u: SessionUser) => ({ type: 'user', id: u.id, label: u.email, role: u.role }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const actions = await import('@/lib/fulfillment/actions');
const labelRoute = await import('@/app/(app)/fulfillment/shipments/[id]/label/route');

/**
 * The shop (USD, UTC, ships from MAIN at 410 Hudson St, New York 10014), carriers and boxes from
 * seedShipping. FQ-1 and FQ-2: 50 each received at MAIN. Orders, with their promised ship-by:
 *   A  web      Standard  1 × FQ-1                 2030-01-03 12:00Z   open
 *   B  shopify  Express   2 × FQ-1 + 1 × FQ-2      2030-01-01 12:00Z   open
 *   C  web      Express   1 × FQ-2                 2030-01-02 09:00Z   open
 *   D  web      Standard  1 × FQ-1                 2029-12-01          cancelled            (not in the queue)
 *   E  etsy     Standard  1 × FQ-2                 2029-12-02          label bought: fulfilled (not in the queue)
 * F  amazon   —         1 × FQ-1 + 3 × FQ-2      2030-01-05          FQ-1 shipped elsewhere: partially
 * fulfilled, 3 units left
 * "Now" for the queue is 2030-01-02 12:00Z: B and C are overdue, A and F are not.
 */
const NOW = new Date('2030-01-02T12:00:00Z');
const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};
const o: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', { id: string; number: number }> = {} as never;
let labelShipmentId = '';
let externalShipmentId = '';

async function order(
  channel: TCreateOrderInput['channel'],
  method: string | undefined,
  lines: [string, number][],
  shipBy: string,
) {
  return createOrder({
    input: {
      channel,
      currency: 'USD',
      customer: { email: `fq${Math.random()}@example.com`, name: 'Lee Park' },
      shipping_address: address,
      shipping_method: method,
      promised_ship_by: shipBy,
      lines: lines.map(([sku, quantity]) => ({ sku, quantity, unit_price: 3_000 })),
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
      },
    },
  });
  await seedShipping(db);
  await makeProduct(['FQ-1', 'FQ-2'], { price: 3_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'FQ-1', quantity: 50, unit_cost: 900 },
        { sku: 'FQ-2', quantity: 50, unit_cost: 1_100 },
      ],
    },
    actor,
  });
  o.A = await order('web', 'Standard', [['FQ-1', 1]], '2030-01-03T12:00:00Z');
  o.B = await order(
    'shopify',
    'Express',
    [
      ['FQ-1', 2],
      ['FQ-2', 1],
    ],
    '2030-01-01T12:00:00Z',
  );
  o.C = await order('web', 'Express', [['FQ-2', 1]], '2030-01-02T09:00:00Z');
  o.D = await order('web', 'Standard', [['FQ-1', 1]], '2029-12-01T12:00:00Z');
  await cancelOrder({ orderId: o.D.id, reason: 'Customer changed their mind', actor });
  o.E = await order('etsy', 'Standard', [['FQ-2', 1]], '2029-12-02T12:00:00Z');
  labelShipmentId = (
    await buyLabel({
      orderId: o.E.id,
      input: { package_type: 'BOX-S', weight_grams: 850, service: 'parcelway:ground' },
      actor,
    })
  ).id;
  o.F = await order(
    'amazon',
    undefined,
    [
      ['FQ-1', 1],
      ['FQ-2', 3],
    ],
    '2030-01-05T12:00:00Z',
  );
  externalShipmentId = (
    await recordShipment({
      orderId: o.F.id,
      input: { lines: [{ sku: 'FQ-1', quantity: 1 }], carrier: 'UPS', tracking_number: '1Z999' },
      actor,
    })
  ).id;
});

const numbers = (rows: { number: number }[]) => rows.map((r) => r.number);

describe('the fulfillment queue', () => {
  it('lists open and partially fulfilled orders, the earliest ship-by first, with what is left to ship', async () => {
    const queue = await fulfillmentQueue({}, { now: NOW });
    expect(numbers(queue.data)).toEqual([o.B.number, o.C.number, o.A.number, o.F.number]);
    expect(queue.total).toBe(4);
    const b = queue.data[0];
    expect(b).toMatchObject({
      id: o.B.id,
      channel: 'shopify',
      status: 'open',
      customer: 'Lee Park',
      shipping_method: 'Express',
      units_open: 3,
      lines_open: ['2 × FQ-1', '1 × FQ-2'],
      promised_ship_by: '2030-01-01T12:00:00.000Z',
      overdue: true,
    });
    expect(queue.data[3]).toMatchObject({
      id: o.F.id,
      status: 'partially_fulfilled',
      units_open: 3,
      lines_open: ['3 × FQ-2'],
      shipping_method: null,
      overdue: false,
    });
    expect(queue.data.map((r) => r.overdue)).toEqual([true, true, false, false]);
  });

  it('filters by channel, shipping method, single or multi item, and overdue only', async () => {
    const q = async (query: Parameters<typeof fulfillmentQueue>[0]) =>
      numbers((await fulfillmentQueue(query, { now: NOW })).data);
    expect(await q({ channel: 'shopify' })).toEqual([o.B.number]);
    expect(await q({ channel: 'web' })).toEqual([o.C.number, o.A.number]);
    expect(await q({ shipping_method: 'Express' })).toEqual([o.B.number, o.C.number]);
    expect(await q({ size: 'single' })).toEqual([o.C.number, o.A.number]);
    expect(await q({ size: 'multi' })).toEqual([o.B.number, o.F.number]);
    expect(await q({ overdue: true })).toEqual([o.B.number, o.C.number]);
    expect(await q({ overdue: true, channel: 'web', size: 'single' })).toEqual([o.C.number]);
    expect(await q({ limit: 2 })).toEqual([o.B.number, o.C.number]);
    expect((await fulfillmentQueue({ limit: 2 }, { now: NOW })).total).toBe(4);
  });

  it('sorts by its headers either way, the work order by default and as the tie-break', async () => {
    // Queued: B ship by Jan 1, 3 units; C Jan 2, 1 unit; A Jan 3, 1 unit; F Jan 5, 3 units left.
    // Placed (set here, restored after): F Nov 1, B Nov 2, C Nov 3, A Nov 4.
    const before = await db.order.findMany({ where: { id: { in: [o.A.id, o.B.id, o.C.id, o.F.id] } } });
    const placed = { A: '2029-11-04', B: '2029-11-02', C: '2029-11-03', F: '2029-11-01' } as const;
    for (const [k, day] of Object.entries(placed))
      await db.order.update({
        where: { id: o[k as keyof typeof placed].id },
        data: { placedAt: new Date(`${day}T10:00:00Z`) },
      });
    try {
      const { A, B, C, F } = o;
      const cases: [QueueSort, { number: number }[]][] = [
        [{ id: 'order', desc: false }, [B, C, A, F]],
        [{ id: 'order', desc: true }, [F, A, C, B]],
        [{ id: 'placed', desc: false }, [F, B, C, A]], // the order waiting longest first
        [{ id: 'placed', desc: true }, [A, C, B, F]],
        // 1 unit: C (Jan 2) before A (Jan 3); 3 units: B (Jan 1) before F (Jan 5), either way
        [{ id: 'items', desc: false }, [C, A, B, F]],
        [{ id: 'items', desc: true }, [B, F, C, A]],
      ];
      for (const [sort, expected] of cases)
        expect(numbers((await fulfillmentQueue({}, { now: NOW, sort })).data), JSON.stringify(sort)).toEqual(
          numbers(expected),
        );
      expect(numbers((await fulfillmentQueue({}, { now: NOW })).data)).toEqual(numbers([B, C, A, F]));
      // A sort the queue does not know falls back to the work order.
      expect(readSort({ sort: 'total; drop table orders', dir: 'up' }, QUEUE_SORT).sort).toEqual({
        id: 'order',
        desc: false,
      });
    } finally {
      for (const r of before) await db.order.update({ where: { id: r.id }, data: { placedAt: r.placedAt } });
    }
  });

  it('reads its filters from the query string, ignoring blanks and nonsense', () => {
    expect(readQueueQuery({ channel: 'web', shipping_method: '', size: 'multi', overdue: '1' })).toEqual({
      channel: 'web',
      size: 'multi',
      overdue: true,
      limit: 100,
    });
    expect(readQueueQuery({ channel: 'telegraph', size: 'huge', limit: '-3' })).toEqual({
      overdue: false,
      limit: 100,
    });
  });

  it('offers the shipping methods of queued orders only', async () => {
    expect(await queueShippingMethods()).toEqual(['Express', 'Standard']);
  });
});

describe('shipments, exceptions and labels', () => {
  it('lists an order’s shipments with their lines and tracking events', async () => {
    const [s] = await orderShipments(o.E.id);
    expect(s).toMatchObject({
      id: labelShipmentId,
      source: 'label',
      status: 'label_created',
      carrier: 'Parcelway',
      service: 'Ground',
      package_type: 'BOX-S',
      weight_grams: 1_000,
      has_label: true,
      lines: [{ sku: 'FQ-2', quantity: 1 }],
    });
    expect(s.events.map((e) => [e.status, e.description])).toEqual([
      ['label_created', 'Parcelway Ground label created'],
    ]);
    const [external] = await orderShipments(o.F.id);
    expect(external).toMatchObject({
      source: 'external',
      carrier: 'UPS',
      tracking_number: '1Z999',
      has_label: false,
    });
    expect(await orderShipments('not-a-uuid')).toEqual([]);
  });

  it('lists shipments in exception with their last event, and drops them once they move on', async () => {
    expect(await exceptionList()).toEqual([]);
    await addTrackingEvent({
      shipmentId: labelShipmentId,
      input: { status: 'in_transit', location: 'Newark, NJ', occurred_at: '2030-01-01T08:00:00Z' },
      actor,
    });
    await addTrackingEvent({
      shipmentId: labelShipmentId,
      input: {
        status: 'exception',
        description: 'Address not found',
        location: 'San Francisco, CA',
        occurred_at: '2030-01-02T10:00:00Z',
      },
      actor,
    });
    const rows = await exceptionList();
    const tracking = (await db.shipment.findUniqueOrThrow({ where: { id: labelShipmentId } })).trackingNumber;
    expect(rows).toEqual([
      {
        shipment_id: labelShipmentId,
        shipment_number: expect.any(Number),
        order_id: o.E.id,
        order_number: o.E.number,
        carrier: 'Parcelway',
        service: 'Ground',
        tracking_number: tracking,
        shipped_at: expect.any(String),
        last_event: {
          status: 'exception',
          description: 'Address not found',
          location: 'San Francisco, CA',
          occurred_at: '2030-01-02T10:00:00.000Z',
        },
      },
    ]);
    await addTrackingEvent({
      shipmentId: labelShipmentId,
      input: { status: 'in_transit', description: 'Address corrected', occurred_at: '2030-01-02T15:00:00Z' },
      actor,
    });
    expect(await exceptionList()).toEqual([]);
  });

  it('lists what shipped today in the shop’s time zone', async () => {
    const today = await shippedToday({ timeZone: 'UTC' });
    expect(today.map((r) => r.order_number).sort()).toEqual([o.E.number, o.F.number].sort());
    expect(today.find((r) => r.order_number === o.E.number)).toMatchObject({
      units: 1,
      carrier: 'Parcelway',
    });
    expect(await shippedToday({ timeZone: 'UTC', now: new Date('2031-01-01T00:00:00Z') })).toEqual([]);
  });

  it(
    'builds the label of a stored shipment: shop, warehouse address, ship-to, carrier, tracking, weight, ' +
      'numbers',
    async () => {
      const s = await db.shipment.findUniqueOrThrow({ where: { id: labelShipmentId } });
      const label = await shipmentLabel(labelShipmentId);
      expect(label).toEqual({
        // a domestic parcel: no customs declaration (decision 040)
        customs: null,
        ship_from: {
          shop_name: 'Test shop',
          address: {
            line1: '410 Hudson St',
            line2: null,
            city: 'New York',
            region: 'NY',
            postal_code: '10014',
            country: 'US',
          },
          phone: null,
        },
        ship_to: {
          name: 'Lee Park',
          company: null,
          phone: null,
          line1: '1 Market St',
          line2: null,
          city: 'San Francisco',
          region: 'CA',
          postal_code: '94107',
          country: 'US',
        },
        carrier: 'Parcelway',
        service: 'Ground',
        weight_grams: 1_000,
        tracking_number: s.trackingNumber,
        order_number: o.E.number,
        shipment_number: s.number,
        shipped_at: s.shippedAt.toISOString(),
        time_zone: 'UTC',
      });
      await expect(shipmentLabel(externalShipmentId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
      await expect(shipmentLabel('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    },
  );
});

describe('rates for an order', () => {
  it(
    'rates the parcel as buyLabel builds it (box + tare) and ' +
      'preselects the cheapest that keeps the promise',
    async () => {
      const rated = await quoteOrderShipment({
        orderId: o.A.id,
        input: { package_type: 'BOX-S', weight_grams: 850 },
      });
      expect(rated.parcel).toEqual({ length_mm: 203, width_mm: 152, height_mm: 102, weight_grams: 1_000 });
      const available = rated.quotes.filter((q) => q.available);
      expect(available.length).toBeGreaterThan(1);
      // No shipping method: standard (ship-by + 5 business days). Not the cheapest (SwiftPost Economy,
      // 6 days, slower than paid for) but the cheapest standard-or-faster service on time (decision 031).
      expect(rated.promise.service_level).toBe('standard');
      const keeps = available.filter((q) => q.service_level !== 'economy' && q.meets_promise);
      expect(rated.preselected).toBe(keeps[0].key);
      expect(available[0].key).toBe('swiftpost:economy');
      expect(available.map((q) => q.price)).toEqual(
        [...available.map((q) => q.price)].sort((x, y) => x! - y!),
      );
      expect(rated.currency).toBe('USD');
    },
  );

  it('names the field at fault and refuses orders that cannot ship', async () => {
    await expect(
      quoteOrderShipment({ orderId: o.A.id, input: { package_type: 'MAILER', weight_grams: 5_000 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'weight_grams' }] });
    await expect(quoteOrderShipment({ orderId: o.A.id, input: { weight_grams: 500 } })).rejects.toMatchObject(
      { details: [{ field: 'package_type' }] },
    );
    await expect(
      quoteOrderShipment({ orderId: o.E.id, input: { package_type: 'BOX-S', weight_grams: 500 } }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('the pack station actions and the label route', () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it('refuse roles without fulfillment:write, and answer 401/403 as JSON on the label route', async () => {
    session.user = null;
    const anon = await labelRoute.GET(
      new Request('http://x/fulfillment/shipments/x/label'),
      routeContext({ id: labelShipmentId }) as never,
    );
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const support = await makeUser({ role: 'support' });
    session.user = { id: support.id, email: support.email, name: support.name, role: 'support' };
    const res = await labelRoute.GET(
      new Request('http://x/fulfillment/shipments/x/label'),
      routeContext({ id: labelShipmentId }) as never,
    );
    expect(res.status).toBe(403);
    expect(
      await actions.getRatesAction(
        null,
        form({ orderId: o.C.id, package_type: 'BOX-S', weight_grams: '500' }),
      ),
    ).toMatchObject({ ok: false, message: 'Your role does not allow this.' });
  });

  it('get rates, buy the chosen label and print it as a PDF, as warehouse staff', async () => {
    const wh = await makeUser({ role: 'warehouse' });
    session.user = { id: wh.id, email: wh.email, name: wh.name, role: 'warehouse' };
    const bad = await actions.getRatesAction(
      null,
      form({
        orderId: o.C.id,
        package_type: 'custom',
        length_mm: '300',
        width_mm: '',
        height_mm: '100',
        weight_grams: '12.5',
      }),
    );
    expect(bad).toMatchObject({ ok: false, fieldErrors: { weight_grams: 'Weigh the parcel' } });
    const rates = await actions.getRatesAction(
      null,
      form({ orderId: o.C.id, package_type: 'BOX-M', weight_grams: '700' }),
    );
    expect(rates?.ok).toBe(true);
    const data = rates!.ok ? rates!.data! : null;
    // An override that is not slower than paid for (a downgrade needs a reason: service-levels.test.ts).
    const pricier = data!.quotes.filter((q) => q.available && !q.downgrade && q.key !== data!.preselected)[0];
    const bought = await actions.buyLabelAction(
      null,
      form({ orderId: o.C.id, package_type: 'BOX-M', weight_grams: '700', service: pricier.key }),
    );
    expect(bought).toMatchObject({
      ok: true,
      data: {
        order_status: 'fulfilled',
        carrier: pricier.carrier,
        service: pricier.service,
        label_cost: pricier.price,
      },
    });
    const again = await actions.buyLabelAction(
      null,
      form({ orderId: o.C.id, package_type: 'BOX-M', weight_grams: '700', service: pricier.key }),
    );
    expect(again).toMatchObject({ ok: false });
    expect(await db.shipment.count({ where: { orderId: o.C.id } })).toBe(1);

    const shipmentId = bought!.ok ? bought!.data!.shipment_id : '';
    const pdf = await labelRoute.GET(
      new Request(`http://x/fulfillment/shipments/${shipmentId}/label`),
      routeContext({ id: shipmentId }) as never,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const external = await labelRoute.GET(
      new Request('http://x'),
      routeContext({ id: externalShipmentId }) as never,
    );
    expect(external.status).toBe(409);

    const event = await actions.addTrackingEventAction(
      null,
      form({ shipmentId, orderId: o.C.id, status: 'exception', description: 'Damaged in transit' }),
    );
    expect(event).toMatchObject({ ok: true });
    expect((await exceptionList()).map((r) => [r.order_number, r.last_event?.description])).toEqual([
      [o.C.number, 'Damaged in transit'],
    ]);
  });
});
