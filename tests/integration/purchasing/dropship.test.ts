import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { createDropshipPurchaseOrders } from '@/lib/purchasing/create-dropship-purchase-orders';
import { recordDropshipShipment } from '@/lib/purchasing/record-dropship-shipment';
import { purchaseOrderDetail } from '@/lib/purchasing/queries';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { verifyStock } from '@/lib/inventory/verify-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { fulfillmentQueue } from '@/lib/fulfillment/queries';
import { updateProduct } from '@/lib/catalog/update-product';
import { makeLocations, makeProduct, makeUser, SYSTEM_TEST_ACTOR } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let manager: Actor;
let supplierId: string;
let productId: string;

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, message: err.message, details: err.details as { field: string }[] };
  }
  throw new Error('expected a failure');
}

/** Net (debit − credit) per account code of the entries of one source. */
async function posted(sourceType: string, sourceId: string) {
  const lines = await db.journalLine.findMany({
    where: { entry: { sourceType, sourceId } },
    select: { debit: true, credit: true, account: { select: { code: true } } },
  });
  const out: Record<string, number> = {};
  for (const l of lines) out[l.account.code] = (out[l.account.code] ?? 0) + l.debit - l.credit;
  return out;
}

function order(lines: { sku: string; quantity: number }[], email: string) {
  return createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email, name: 'Ann Lee' },
      shipping_address: address,
      lines: lines.map((l) => ({ ...l, unit_price: 2_500 })),
    },
    actor: SYSTEM_TEST_ACTOR,
  });
}

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager' })).actor;
  const made = await makeProduct(['DS-STOCK', 'DS-SHIP']);
  productId = made.product.id;
  const s = await createSupplier({
    input: {
      name: 'Direct Ship Co',
      email: 'orders@directship.test',
      lead_time_days: 3,
      products: [{ sku: 'DS-SHIP', unit_cost: 1_200 }],
    },
    actor: manager,
  });
  supplierId = s.id;
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'DS-STOCK', quantity: 10, unit_cost: 700 }] },
    actor: manager,
  });
});

describe('dropship', () => {
  it('a dropship variant needs its supplier (422 naming the field); with one it is saved', async () => {
    const missing = await failure(
      updateProduct({
        productId,
        input: { variants: [{ sku: 'DS-SHIP', dropship: true }] },
        actor: manager,
      }),
    );
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.details.map((d) => d.field)).toEqual(['variants.0.dropship_supplier_id']);
    const saved = await updateProduct({
      productId,
      input: { variants: [{ sku: 'DS-SHIP', dropship: true, dropship_supplier_id: supplierId }] },
      actor: manager,
    });
    expect(saved.variants.find((v) => v.sku === 'DS-SHIP')).toMatchObject({
      dropship: true,
      dropship_supplier_id: supplierId,
    });
  });

  it('stocked + dropship order: reserves only the stocked line, drafts one dropship PO with the address', async () => {
    const o = await order(
      [
        { sku: 'DS-STOCK', quantity: 2 },
        { sku: 'DS-SHIP', quantity: 3 },
      ],
      'ann@example.com',
    );
    // reserved: 2 of DS-STOCK at MAIN; DS-SHIP has no stock level, no reservation, no movement
    const stock = await db.stockLevel.findMany({
      where: { variant: { sku: { in: ['DS-STOCK', 'DS-SHIP'] } } },
      select: { reserved: true, variant: { select: { sku: true } } },
    });
    expect(stock.map((l) => [l.variant.sku, l.reserved])).toEqual([['DS-STOCK', 2]]);
    expect(await db.stockMovement.count({ where: { variant: { sku: 'DS-SHIP' } } })).toBe(0);

    const pos = await db.purchaseOrder.findMany({ where: { orderId: o.id }, select: { id: true } });
    expect(pos).toHaveLength(1);
    const po = (await purchaseOrderDetail(pos[0].id))!;
    expect(po).toMatchObject({
      status: 'draft',
      supplier_id: supplierId,
      dropship: { order_id: o.id, order_number: o.number, ship_to: address },
      total: 3_600, // 3 × 12.00 at the supplier's catalog cost
    });
    expect(po.lines.map((l) => [l.sku, l.quantity, l.unit_cost])).toEqual([['DS-SHIP', 3, 1_200]]);
    // not on order for our stock: a dropship PO ships to the customer
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: o.id, sku: 'DS-SHIP' } });
    expect(line.dropshipPoLineId).not.toBeNull();

    // re-running creates nothing and keeps the one PO line
    await db.$transaction((t) => createDropshipPurchaseOrders({ orderId: o.id, actor: manager }, t));
    expect(await db.purchaseOrder.count({ where: { orderId: o.id } })).toBe(1);
    expect(await db.purchaseOrderLine.count({ where: { purchaseOrderId: po.id } })).toBe(1);

    // our pick and pack queue has only the stocked line
    const queue = await fulfillmentQueue({});
    const row = queue.data.find((r) => r.id === o.id)!;
    expect(row).toMatchObject({ units_open: 2, lines_open: ['2 × DS-STOCK'] });
    expect((await verifyStock()).differences).toEqual([]);

    // a draft cannot ship; a dropship PO cannot be received into our stock
    const draft = await failure(
      recordDropshipShipment({
        purchaseOrderId: po.id,
        input: { carrier: 'UPS', tracking_number: '1Z999' },
        actor: manager,
      }),
    );
    expect(draft).toMatchObject({ code: 'INVALID_STATE' });
    expect(draft.message).toContain('Send');
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    const receive = await failure(
      receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: 'DS-SHIP', quantity: 3 }] },
        actor: manager,
      }),
    );
    expect(receive.code).toBe('INVALID_STATE');
    expect(
      await db.stockLevel.count({ where: { variant: { sku: 'DS-SHIP' } } }),
      'sending a dropship PO opens no stock level',
    ).toBe(0);

    // the supplier's shipment fulfils the line, with tracking, at the PO cost:
    // Dr COGS 3 × 12.00 = 36.00 / Cr GRNI 36.00; no stock of ours moves
    const shipment = await recordDropshipShipment({
      purchaseOrderId: po.id,
      input: { carrier: 'UPS', tracking_number: '1Z999' },
      actor: manager,
    });
    expect(shipment).toMatchObject({
      status: 'partially_fulfilled',
      cogs: 3_600,
      carrier: 'UPS',
      tracking_number: '1Z999',
      lines: [{ sku: 'DS-SHIP', quantity: 3 }],
    });
    expect(await posted('shipment', shipment.id)).toEqual({ '5000': 3_600, '2010': -3_600 });
    expect(await db.stockMovement.count({ where: { variant: { sku: 'DS-SHIP' } } })).toBe(0);
    expect((await purchaseOrderDetail(po.id))!).toMatchObject({
      status: 'received',
      received_value: 3_600,
    });
    const shipped = await db.orderLine.findFirstOrThrow({ where: { orderId: o.id, sku: 'DS-SHIP' } });
    expect(shipped.quantityFulfilled).toBe(3);
    // shipping it again: nothing left
    const again = await failure(
      recordDropshipShipment({
        purchaseOrderId: po.id,
        input: { carrier: 'UPS', tracking_number: '1Z999' },
        actor: manager,
      }),
    );
    expect(again.code).toBe('INVALID_STATE');

    // our own line ships from stock as before: 2 × 7.00 → Dr COGS 14.00 / Cr Inventory 14.00
    const own = await recordShipment({
      orderId: o.id,
      input: { lines: [{ sku: 'DS-STOCK', quantity: 2 }] },
      actor: manager,
    });
    expect(own).toMatchObject({ status: 'fulfilled', cogs: 1_400 });
    expect(await posted('shipment', own.id)).toEqual({ '5000': 1_400, '1200': -1_400 });

    // the supplier's bill matches three ways and clears GRNI: Dr GRNI 36.00 / Cr AP 36.00
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: 'DS-INV-1',
        bill_date: new Date().toISOString().slice(0, 10),
        lines: [{ sku: 'DS-SHIP', quantity: 3, unit_cost: 1_200 }],
      },
      actor: manager,
    });
    expect(bill.status).toBe('posted');
    expect(await posted('supplier_bill', bill.id)).toEqual({ '2010': 3_600, '2000': -3_600 });
    expect((await verifyStock()).differences).toEqual([]);
  });

  it(
    'through recordShipment (what the shipments API calls) the line ships at the PO cost; a re-run adds ' +
      'nothing',
    async () => {
      const o = await order([{ sku: 'DS-SHIP', quantity: 1 }], 'bo@example.com');
      const [po] = await db.purchaseOrder.findMany({ where: { orderId: o.id } });
      expect(po.status).toBe('draft');
      // the same order's second run (e.g. a retried job) adds nothing
      await db.$transaction((t) => createDropshipPurchaseOrders({ orderId: o.id, actor: manager }, t));
      const lines = await db.purchaseOrderLine.findMany({ where: { purchaseOrderId: po.id } });
      expect(lines.map((l) => l.quantityOrdered)).toEqual([1]);
      await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
      // recordShipment is what POST /api/v1/orders/{id}/shipments calls
      const s = await recordShipment({
        orderId: o.id,
        input: { lines: [{ sku: 'DS-SHIP', quantity: 1 }], carrier: 'USPS', tracking_number: '9400' },
        actor: manager,
      });
      expect(s).toMatchObject({ status: 'fulfilled', cogs: 1_200 });
      expect(await posted('shipment', s.id)).toEqual({ '5000': 1_200, '2010': -1_200 });
    },
  );
  it(
    'cancelling the order takes its units off the dropship PO: a draft is cancelled, a sent one says to ' +
      'tell the supplier',
    async () => {
      // A draft: the order's 2 units were the PO's only line, so the PO goes with them.
      const a = await order([{ sku: 'DS-SHIP', quantity: 2 }], 'cy@example.com');
      const [draft] = await db.purchaseOrder.findMany({ where: { orderId: a.id } });
      await cancelOrder({ orderId: a.id, reason: 'customer changed their mind', actor: manager });
      const afterDraft = await db.purchaseOrder.findUniqueOrThrow({
        where: { id: draft.id },
        select: { status: true, lines: { select: { quantityOrdered: true, quantityCancelled: true } } },
      });
      expect(afterDraft).toEqual({
        status: 'cancelled',
        lines: [{ quantityOrdered: 2, quantityCancelled: 2 }],
      });

      // A sent PO: cancelled too (nothing arrived), and its timeline asks to tell the supplier.
      const b = await order([{ sku: 'DS-SHIP', quantity: 1 }], 'di@example.com');
      const [sent] = await db.purchaseOrder.findMany({ where: { orderId: b.id } });
      await sendPurchaseOrder({ purchaseOrderId: sent.id, actor: manager });
      await cancelOrder({ orderId: b.id, reason: 'fraud', actor: manager });
      expect((await db.purchaseOrder.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe('cancelled');
      const events = await db.purchaseOrderEvent.findMany({
        where: { purchaseOrderId: sent.id, kind: 'dropship_cancelled' },
        select: { message: true },
      });
      expect(events).toHaveLength(1);
      expect(events[0].message).toContain(`Order #${b.number} cancelled 1 × DS-SHIP`);
      expect(events[0].message).toContain('Tell the supplier not to ship them.');
      // Nothing was posted for either PO: a dropship PO books its cost only when the supplier ships.
      expect(await posted('purchase_order', draft.id)).toEqual({});
    },
  );
});
