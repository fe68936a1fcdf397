import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { buyLabel } from '@/lib/fulfillment/buy-label';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { seedShipping } from '@/prisma/seed-shipping';
import { toAppError } from '@/lib/errors';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';

const FAR = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};

beforeAll(async () => {
  await makeLocations();
  await seedShipping(db);
  await makeProduct(['LBL-1', 'LBL-2'], { price: 3_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'LBL-1', quantity: 20, unit_cost: 900 },
        { sku: 'LBL-2', quantity: 20, unit_cost: 1_100 },
      ],
    },
    actor,
  });
});

async function newOrder(lines = [{ sku: 'LBL-1', quantity: 2, unit_price: 3_000 }]) {
  return createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `l${Math.random()}@example.com`, name: 'Lee Park' },
      shipping_address: address,
      lines,
    },
    actor,
  });
}

describe('buying a label', () => {
  it('rate-shops, ships the parcel, posts COGS and the label cost, and records "label created"', async () => {
    const order = await newOrder();
    const pkgs = await db.packageType.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
    const label = await buyLabel({
      orderId: order.id,
      input: { package_type: pkgs[0].code, weight_grams: 900 },
      actor,
    });
    // 2 × 900 (FIFO, one receipt) = 1,800 COGS
    expect(label).toMatchObject({ status: 'fulfilled', cogs: 1_800, lines: [{ sku: 'LBL-1', quantity: 2 }] });
    expect(label.tracking_number).toMatch(/^[A-Z]{2}\d{16}$/);
    expect(label.label_cost).toBeGreaterThan(0);
    const shipment = await db.shipment.findUniqueOrThrow({
      where: { id: label.id },
      include: { events: true },
    });
    expect(shipment).toMatchObject({
      status: 'label_created',
      source: 'label',
      packageType: pkgs[0].code,
      labelCost: label.label_cost,
      trackingNumber: label.tracking_number,
    });
    expect(shipment.events.map((e) => e.status)).toEqual(['label_created']);
    const expense = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'shipment', sourceId: label.id, memo: { startsWith: 'Label' } },
      include: { lines: { include: { account: true } } },
    });
    expect(expense.lines.map((l) => [l.account.code, l.debit, l.credit])).toEqual([
      ['5300', label.label_cost, 0],
      ['2000', 0, label.label_cost],
    ]);
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
    expect(tb.total_debit).toBe(tb.total_credit);
  });

  it('two tablets buying at once for one order create one shipment', async () => {
    const order = await newOrder([{ sku: 'LBL-2', quantity: 1, unit_price: 3_000 }]);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        buyLabel({
          orderId: order.id,
          input: { length_mm: 300, width_mm: 200, height_mm: 100, weight_grams: 1_200 },
          actor,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(toAppError(failed.reason)).toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('refuses a zero weight, an unknown box, a service that is not quoted — naming the field', async () => {
    const order = await newOrder();
    const err = async (input: object) => {
      try {
        await buyLabel({ orderId: order.id, input: input as never, actor });
      } catch (e) {
        return ((toAppError(e).details as { field: string }[]) ?? []).map((d) => d.field);
      }
      throw new Error('expected a failure');
    };
    expect(await err({ package_type: 'NOPE', weight_grams: 500 })).toEqual(['package_type']);
    expect(await err({ length_mm: 300, width_mm: 200, height_mm: 100, weight_grams: 0 })).toEqual([
      'weight_grams',
    ]);
    expect(await err({ weight_grams: 500 })).toEqual(['package_type']);
    expect(
      await err({
        length_mm: 300,
        width_mm: 200,
        height_mm: 100,
        weight_grams: 500,
        service: 'pony:express',
      }),
    ).toEqual(['service']);
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(0);
  });
});

describe('tracking', () => {
  it('moves the parcel along; delivered makes the order delivered; exceptions are recorded', async () => {
    const order = await newOrder();
    const label = await buyLabel({
      orderId: order.id,
      input: { length_mm: 300, width_mm: 200, height_mm: 100, weight_grams: 1_000 },
      actor,
    });
    await addTrackingEvent({
      shipmentId: label.id,
      input: { status: 'in_transit', location: 'Oakland, CA' },
      actor,
    });
    await addTrackingEvent({
      shipmentId: label.id,
      input: { status: 'exception', description: 'Address not found' },
      actor,
    });
    expect((await db.shipment.findUniqueOrThrow({ where: { id: label.id } })).status).toBe('exception');
    const delivered = await addTrackingEvent({ shipmentId: label.id, input: { status: 'delivered' }, actor });
    expect(delivered).toMatchObject({ status: 'delivered', order_status: 'delivered' });
    await expect(
      addTrackingEvent({ shipmentId: label.id, input: { status: 'in_transit' }, actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const events = await db.trackingEvent.findMany({
      where: { shipmentId: label.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.status)).toEqual(['label_created', 'in_transit', 'exception', 'delivered']);
  });

  it('is reachable through the API with a fulfillment key', async () => {
    const { POST: labels } = await import('@/app/api/v1/orders/[id]/labels/route');
    const { POST: events } = await import('@/app/api/v1/shipments/[id]/events/route');
    const key = (await makeApiKey(['fulfillment:write'])).key;
    const order = await newOrder();
    const res = await labels(
      apiRequest(`/api/v1/orders/${order.id}/labels`, {
        method: 'POST',
        key,
        body: { length_mm: 300, width_mm: 200, height_mm: 100, weight_grams: 800 },
      }),
      routeContext({ id: order.id }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    const ev = await events(
      apiRequest(`/api/v1/shipments/${body.id}/events`, {
        method: 'POST',
        key,
        body: { status: 'out_for_delivery' },
      }),
      routeContext({ id: body.id }),
    );
    expect(ev.status).toBe(201);
    expect(await ev.json()).toMatchObject({ status: 'out_for_delivery', order_status: 'fulfilled' });
    const bad = await events(
      apiRequest(`/api/v1/shipments/${body.id}/events`, {
        method: 'POST',
        key,
        body: { status: 'teleported' },
      }),
      routeContext({ id: body.id }),
    );
    expect(bad.status).toBe(422);
    expect(await accountBalance('5300', FAR)).toBeGreaterThan(0);
  });
});
