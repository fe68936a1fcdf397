import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { todayIn } from '@/lib/dates';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { buyLabel } from '@/lib/fulfillment/buy-label';
import { quoteOrderShipment } from '@/lib/fulfillment/quote-order-shipment';
import { orderTimeline } from '@/lib/orders/queries';
import { orderPromise, serviceLevelSettings } from '@/lib/shipping/service-level-queries';
import { setServiceLevel } from '@/lib/shipping/set-service-level';
import {
  isDowngrade,
  levelForTransitDays,
  normalizeMethod,
  promisedDeliveryDate,
} from '@/lib/shipping/service-levels';
import { addBusinessDays } from '@/lib/shipping/rules';
import { serviceNameWithoutCarrier } from '@/lib/shipping/carriers';
import { seedShipping } from '@/prisma/seed-shipping';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};
const today = () => todayIn('UTC');

beforeAll(async () => {
  await makeLocations();
  await seedShipping(db); // maps web Standard / Express / Overnight / Economy
  await makeProduct(['SL-1'], { price: 3_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'SL-1', quantity: 50, unit_cost: 900 }] },
    actor,
  });
});

/** An order to ship today (its ship-by is today, noon UTC). */
const newOrder = (channel: 'web' | 'shopify', method: string | undefined) =>
  createOrder({
    input: {
      channel,
      currency: 'USD',
      customer: { email: `sl${Math.random()}@example.com`, name: 'Lee Park' },
      shipping_address: address,
      shipping_method: method,
      promised_ship_by: `${today()}T12:00:00Z`,
      lines: [{ sku: 'SL-1', quantity: 1, unit_price: 3_000 }],
    },
    actor,
  });
const parcel = { package_type: 'BOX-S', weight_grams: 900 };

describe('the service the customer paid for', () => {
  it('an Express order: promised ship-by + 2 business days, the cheapest express-or-faster rate on time', async () => {
    const order = await newOrder('web', 'Express');
    const promise = await orderPromise(order.id);
    expect(promise).toMatchObject({ service_level: 'express', mapped: true, ship_by: today() });
    expect(promise.promised_by).toBe(addBusinessDays(today(), 2));

    const rates = await quoteOrderShipment({ orderId: order.id, input: parcel });
    // Transit days: Parcelway Ground 5, 2Day 2, Overnight 1; SwiftPost Economy 6, Priority 3.
    // On time by ship date + 2: 2Day and Overnight; 2Day is the cheaper (the cheapest overall is
    // SwiftPost Economy, which the old preselection took).
    expect(rates.preselected).toBe('parcelway:two_day');
    expect(rates.preselect_reason).toBe('cheapest_meeting_promise');
    const byKey = Object.fromEntries(rates.quotes.map((q) => [q.key, q]));
    expect(byKey['swiftpost:economy']).toMatchObject({
      meets_promise: false,
      service_level: 'economy',
      service_name: 'Economy', // not "SwiftPost Economy": screens print carrier + service
      carrier_name: 'SwiftPost',
    });
    expect(byKey['parcelway:overnight'].meets_promise).toBe(true);
    const cheapest = [...rates.quotes].filter((q) => q.available).sort((a, b) => a.price! - b.price!)[0];
    expect(cheapest.key).not.toBe('parcelway:two_day');
  });

  it('a downgrade is refused without a reason, before anything is bought; with one it is on the timeline', async () => {
    const order = await newOrder('web', 'Express');
    await expect(
      buyLabel({ orderId: order.id, input: { ...parcel, service: 'swiftpost:economy' }, actor }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'downgrade_reason',
          message:
            'SwiftPost Economy is slower than the Express service the customer paid for: give a reason ' +
            'for the downgrade.',
        },
      ],
    });
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(0);

    const label = await buyLabel({
      orderId: order.id,
      input: { ...parcel, service: 'swiftpost:economy', downgrade_reason: 'Customer asked to save the fee' },
      actor,
    });
    expect(label).toMatchObject({
      service_level: 'economy',
      paid_service_level: 'express',
      meets_promise: false,
    });
    const events = await db.trackingEvent.findMany({
      where: { shipmentId: label.id },
      select: { description: true },
    });
    expect(events.map((e) => e.description)).toEqual(['SwiftPost Economy label created']);
    const timeline = await orderTimeline(order.id);
    const downgrade = timeline.find((t) => t.action === 'shipment.service_downgraded');
    expect(downgrade?.details).toMatchObject({
      paid_level: 'express',
      chosen_level: 'economy',
      chosen_service: 'SwiftPost Economy',
      reason: 'Customer asked to save the fee',
    });
  });

  it('the preselected label needs no reason and buys what the ship page suggested', async () => {
    const order = await newOrder('web', 'Express');
    const label = await buyLabel({ orderId: order.id, input: parcel, actor });
    expect(label).toMatchObject({ service_key: 'parcelway:two_day', carrier: 'Parcelway', service: '2Day' });
  });

  it('an unknown method counts as standard and is listed in Settings until a manager maps it', async () => {
    const order = await newOrder('shopify', '  Turbo   Delivery ');
    expect(await orderPromise(order.id)).toMatchObject({ service_level: 'standard', mapped: false });
    // standard: ship-by + 5 business days
    expect((await orderPromise(order.id)).promised_by).toBe(addBusinessDays(today(), 5));
    let settings = await serviceLevelSettings();
    expect(settings.unmapped).toContainEqual({ channel: 'shopify', method: 'turbo delivery', orders: 1 });

    await setServiceLevel({
      input: { channel: 'shopify', method: 'Turbo Delivery', level: 'overnight' },
      actor,
    });
    settings = await serviceLevelSettings();
    expect(settings.unmapped.some((u) => u.method === 'turbo delivery')).toBe(false);
    expect(await orderPromise(order.id)).toMatchObject({ service_level: 'overnight', mapped: true });
    // The same method on another channel is still unmapped: mappings are per channel.
    const web = await newOrder('web', 'Turbo Delivery');
    expect(await orderPromise(web.id)).toMatchObject({ service_level: 'standard', mapped: false });
  });

  it('refuses a level that does not exist, naming the field', async () => {
    await expect(
      setServiceLevel({ input: { channel: 'web', method: 'X', level: 'teleport' as 'express' }, actor }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'level' }] });
  });
});

describe('service level rules', () => {
  it('worked examples', () => {
    // Friday 2026-11-20 + 2 business days → Tuesday 2026-11-24
    expect(promisedDeliveryDate('2026-11-20', 'express')).toBe('2026-11-24');
    expect(promisedDeliveryDate('2026-11-20', 'overnight')).toBe('2026-11-23');
    expect(levelForTransitDays(1)).toBe('overnight');
    expect(levelForTransitDays(2)).toBe('express');
    expect(levelForTransitDays(3)).toBe('standard');
    expect(levelForTransitDays(5)).toBe('standard');
    expect(levelForTransitDays(6)).toBe('economy');
    expect(isDowngrade('express', 'standard')).toBe(true);
    expect(isDowngrade('express', 'overnight')).toBe(false);
    expect(normalizeMethod('  Express   Shipping ')).toBe('express shipping');
    expect(serviceNameWithoutCarrier('SwiftPost', 'SwiftPost Economy')).toBe('Economy');
    expect(serviceNameWithoutCarrier('SwiftPost', 'Economy')).toBe('Economy');
  });
});
