import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { buyLabel } from '@/lib/fulfillment/buy-label';
import { shipmentLabel } from '@/lib/fulfillment/queries';
import { bulkOrderDocument } from '@/lib/orders/bulk-documents';
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

const toronto = {
  name: 'Avery Tremblay',
  line1: '100 Queen St W',
  city: 'Toronto',
  region: 'ON',
  postal_code: 'M5H 2N2',
  country: 'CA',
};
const parcel = { length_mm: 300, width_mm: 200, height_mm: 100, weight_grams: 900 };

beforeAll(async () => {
  const { main } = await makeLocations();
  await db.location.update({
    where: { id: main.id },
    data: {
      address: { line1: '1 Dock St', city: 'New York', region: 'NY', postal_code: '10001', country: 'US' },
    },
  });
  await seedShipping(db);
  await makeProduct(['CUS-TEE', 'CUS-MUG'], { price: 2_500, name: 'Customs goods' });
  await db.variant.update({
    where: { sku: 'CUS-TEE' },
    data: { hsCode: '610910', countryOfOrigin: 'PT', weightGrams: 180 },
  });
  // CUS-MUG has no HS code: a parcel abroad with it is refused.
  await db.variant.update({ where: { sku: 'CUS-MUG' }, data: { countryOfOrigin: 'GB', weightGrams: 350 } });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'CUS-TEE', quantity: 50, unit_cost: 900 },
        { sku: 'CUS-MUG', quantity: 50, unit_cost: 700 },
      ],
    },
    actor,
  });
});

async function newOrder(lines: { sku: string; quantity: number; unit_price: number }[], country = toronto) {
  return createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `c${Math.random()}@example.com`, name: 'Avery Tremblay' },
      shipping_address: country,
      lines,
    },
    actor,
  });
}

describe('labels for parcels leaving the country', () => {
  it('a parcel worth up to the limit gets a CN22 and the shop’s duties terms; its label PDF carries it', async () => {
    // 2 × 25.00 = 50.00 ≤ 400.00 (the default limit, 40,000 minor units): CN22
    const order = await newOrder([{ sku: 'CUS-TEE', quantity: 2, unit_price: 2_500 }]);
    const label = await buyLabel({ orderId: order.id, input: parcel, actor });
    expect(label).toMatchObject({ customs_form: 'CN22', duties_terms: 'DDU' });
    const printed = await shipmentLabel(label.id);
    expect(printed.customs).toMatchObject({
      form: 'CN22',
      duties_terms: 'DDU',
      items: [{ sku: 'CUS-TEE', quantity: 2, value: 5_000, hs_code: '610910', country_of_origin: 'PT' }],
    });
  });

  it('above the limit: a CN23; DDP when the ship page overrides the terms', async () => {
    // 17 × 25.00 = 425.00 > 400.00: CN23
    const order = await newOrder([{ sku: 'CUS-TEE', quantity: 17, unit_price: 2_500 }]);
    const label = await buyLabel({
      orderId: order.id,
      input: { ...parcel, weight_grams: 3_500, duties_terms: 'DDP' },
      actor,
    });
    expect(label).toMatchObject({ customs_form: 'CN23', duties_terms: 'DDP' });
  });

  it('a domestic parcel has no customs form', async () => {
    const order = await newOrder([{ sku: 'CUS-MUG', quantity: 1, unit_price: 2_500 }], {
      ...toronto,
      city: 'New York',
      region: 'NY',
      postal_code: '10002',
      country: 'US',
    });
    const label = await buyLabel({ orderId: order.id, input: parcel, actor });
    expect(label).toMatchObject({ customs_form: null, duties_terms: null });
    expect((await shipmentLabel(label.id)).customs).toBeNull();
  });

  it(
    'a variant without an HS code refuses the label, naming it, ' +
      'before any rate is asked; nothing written',
    async () => {
      // France has no zone: had rates been asked, the error would be "no service"; it is the customs one.
      const order = await newOrder(
        [
          { sku: 'CUS-TEE', quantity: 1, unit_price: 2_500 },
          { sku: 'CUS-MUG', quantity: 1, unit_price: 2_500 },
        ],
        { ...toronto, city: 'Paris', region: '', postal_code: '75001', country: 'FR' },
      );
      const entriesBefore = await db.journalEntry.count();
      const err = await buyLabel({ orderId: order.id, input: parcel, actor }).then(
        () => null,
        (e) => toAppError(e),
      );
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(err!.details).toEqual([
        {
          field: 'hs_code',
          message: 'SKU CUS-MUG (Customs goods) has no HS code: add it on the product page',
        },
      ]);
      expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(0);
      expect(await db.journalEntry.count()).toBe(entriesBefore);
      expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('open');
    },
  );

  it('the API answers 422 naming the field and the variant', async () => {
    const { POST } = await import('@/app/api/v1/orders/[id]/labels/route');
    const key = (await makeApiKey(['fulfillment:write'])).key;
    const order = await newOrder([{ sku: 'CUS-MUG', quantity: 1, unit_price: 2_500 }]);
    const res = await POST(
      apiRequest(`/api/v1/orders/${order.id}/labels`, { method: 'POST', key, body: parcel }),
      routeContext({ id: order.id }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain('hs_code');
    expect(JSON.stringify(body)).toContain('SKU CUS-MUG (Customs goods) has no HS code');
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("the orders list's labels PDF holds each label followed by its customs declaration", async () => {
    const order = await newOrder([{ sku: 'CUS-TEE', quantity: 1, unit_price: 2_500 }]);
    await buyLabel({ orderId: order.id, input: parcel, actor });
    const { pdf, filename } = await bulkOrderDocument(
      new URLSearchParams({ kind: 'labels', orders: order.id }),
      'UTC',
    );
    expect(filename).toBe('labels-1-orders.pdf');
    const text = Buffer.from(pdf).toString('latin1');
    // two 4 × 6 pages: the label and the CN22
    expect(text.match(/\/MediaBox \[0 0 288 432\]/g)).toHaveLength(2);
  });
});
