import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { createOrder } from '@/lib/orders/create-order';
import { updateOrderAddress } from '@/lib/orders/update-order-address';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const address = {
  name: 'Cov Erage',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

function order(externalId: string, sku: string, quantity: number) {
  return createOrder({
    input: {
      channel: 'web',
      external_id: externalId,
      currency: 'USD',
      customer: { email: `${externalId.toLowerCase()}@example.com`, name: 'Cov Erage' },
      shipping_address: address,
      lines: [{ sku, quantity, unit_price: 1_000 }],
    } as never,
    actor,
  });
}

/** The events of one resource, in sequence order, as [type, sequence]. */
async function stream(resourceId: string) {
  const rows = await db.event.findMany({
    where: { resourceId },
    orderBy: { sequence: 'asc' },
    select: { type: true, sequence: true },
  });
  return rows.map((r) => [r.type, r.sequence]);
}

let mainId: string;
let variantId: string;

beforeAll(async () => {
  await makeLocations();
  const { variants } = await makeProduct(['COV-1', 'COV-PO'], { price: 1_000 });
  variantId = variants[0].id;
  mainId = (await db.location.findUniqueOrThrow({ where: { code: 'MAIN' } })).id;
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'COV-1', quantity: 30, unit_cost: 400 }] },
    actor,
  });
});

describe('every listed event type is recorded with its change', () => {
  it('order.updated, order.held, order.cancelled; order.fulfilled, shipment.created, shipment.delivered', async () => {
    const a = await order('COV-A', 'COV-1', 1);
    await updateOrderAddress({
      orderId: a.id,
      kind: 'shipping',
      address: { ...address, line1: '2 Elm St' },
      actor,
    });
    await changeOrderStatus({ orderId: a.id, move: 'hold', reason: 'check', actor });
    await cancelOrder({ orderId: a.id, reason: 'asked', actor });
    expect(await stream(a.id)).toEqual([
      ['order.created', 1],
      ['order.updated', 2],
      ['order.held', 3],
      ['order.cancelled', 4],
    ]);

    const b = await order('COV-B', 'COV-1', 2);
    const shipped = await recordShipment({
      orderId: b.id,
      input: { lines: [{ sku: 'COV-1', quantity: 2 }], carrier: 'UPS', tracking_number: '1ZCOV' },
      actor,
      notify: false,
    });
    const shipmentId = shipped.id;
    await addTrackingEvent({ shipmentId, input: { status: 'delivered' }, actor });
    expect(await stream(b.id)).toEqual([
      ['order.created', 1],
      ['order.fulfilled', 2],
      ['order.updated', 3],
    ]);
    expect(await stream(shipmentId)).toEqual([
      ['shipment.created', 1],
      ['shipment.delivered', 2],
    ]);
  });

  it(
    'inventory.low_stock once per crossing at a location: from intake, then not again below, again after a ' +
      'refill',
    async () => {
      await db.variant.update({ where: { id: variantId }, data: { reorderPoint: 20 } });
      const level = `${variantId}:${mainId}`;
      const lowStock = () =>
        db.event.findMany({
          where: { type: 'inventory.low_stock', resourceId: level },
          select: { data: true },
        });
      const available = async () => {
        const l = await db.stockLevel.findFirstOrThrow({ where: { variantId, locationId: mainId } });
        return l.onHand - l.reserved;
      };
      const start = await available();
      // Reserve down to 21 (above 20): nothing; one more → 20 (at the reorder point): the crossing.
      await order('COV-C', 'COV-1', start - 21);
      expect(await lowStock()).toEqual([]);
      await order('COV-D', 'COV-1', 1);
      expect(await lowStock()).toEqual([
        {
          data: expect.objectContaining({ sku: 'COV-1', location: 'MAIN', available: 20, reorder_point: 20 }),
        },
      ]);
      // Further down (an adjustment): still below, no second event.
      await adjustStock({ input: { location: 'MAIN', sku: 'COV-1', delta: -2, reason: 'lost' }, actor });
      expect(await lowStock()).toHaveLength(1);
      // Refilled above it and down across it again: a second crossing.
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'COV-1', quantity: 10, unit_cost: 400 }] },
        actor,
      });
      expect(await available()).toBe(28); // 18 + 10
      await adjustStock({ input: { location: 'MAIN', sku: 'COV-1', delta: -9, reason: 'lost' }, actor });
      const events = await lowStock();
      expect(events).toHaveLength(2);
      expect(events[1].data).toMatchObject({ available: 19 }); // 28 − 9
    },
  );

  it('purchase_order.received with the PO and the receipt', async () => {
    const supplier = await createSupplier({
      input: {
        name: 'Cov Supplies',
        email: 'po@cov.test',
        lead_time_days: 3,
        products: [{ sku: 'COV-PO', unit_cost: 300 }],
      },
      actor,
    });
    const po = await createPurchaseOrder({
      input: { supplier_id: supplier.id, location: 'MAIN', lines: [{ sku: 'COV-PO', quantity: 5 }] },
      actor,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor });
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'COV-PO', quantity: 2 }] },
      actor,
    });
    const events = await db.event.findMany({
      where: { resourceId: po.id },
      select: { type: true, data: true },
    });
    expect(events.map((e) => e.type)).toEqual(['purchase_order.received']);
    expect(events[0].data).toMatchObject({
      id: po.id,
      status: 'partially_received',
      receipt: { lines: [{ sku: 'COV-PO', quantity: 2, unit_cost: 300 }] },
    });
  });
});
