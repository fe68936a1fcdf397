import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { createPickWave } from '@/lib/fulfillment/create-pick-wave';
import { recordPick } from '@/lib/fulfillment/record-pick';
import { shortPick } from '@/lib/fulfillment/short-pick';
import { waveDetail } from '@/lib/fulfillment/wave-queries';
import { packStationOrder } from '@/lib/fulfillment/pack-queries';
import { packOrder } from '@/lib/fulfillment/pack-order';
import { buyPackLabel } from '@/lib/fulfillment/buy-pack-label';
import { buyWaveLabels } from '@/lib/fulfillment/buy-wave-labels';
import { voidLabel } from '@/lib/fulfillment/void-label';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { nextStop, pickRoute } from '@/lib/fulfillment/rules';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { seedShipping } from '@/prisma/seed-shipping';
import { makeLocations, makeProduct, makeUser, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const FAR = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};
let box = '';

beforeAll(async () => {
  const { main } = await makeLocations();
  await seedShipping(db);
  box = (
    await db.packageType.findFirstOrThrow({ where: { active: true }, orderBy: { maxWeightGrams: 'desc' } })
  ).code;
  await makeProduct(['PP-MUG', 'PP-TEE', 'PP-CAP', 'PP-SOCK'], { price: 2_000 });
  await db.variant.update({ where: { sku: 'PP-MUG' }, data: { barcode: '400000000001' } });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'PP-MUG', quantity: 30, unit_cost: 500 },
        { sku: 'PP-TEE', quantity: 30, unit_cost: 700 },
        { sku: 'PP-CAP', quantity: 30, unit_cost: 300 },
        { sku: 'PP-SOCK', quantity: 30, unit_cost: 100 },
      ],
    },
    actor,
  });
  // Bins: TEE at A-01 (walked first), MUG at B-07, SOCK at C-02; CAP has no bin.
  for (const [code, seq, sku] of [
    ['A-01', 10, 'PP-TEE'],
    ['B-07', 70, 'PP-MUG'],
    ['C-02', 20, 'PP-SOCK'],
  ] as const) {
    const bin = await db.bin.create({ data: { locationId: main.id, code, pickSequence: seq } });
    const v = await db.variant.findUniqueOrThrow({ where: { sku } });
    await db.stockLevel.update({
      where: { variantId_locationId: { variantId: v.id, locationId: main.id } },
      data: { binId: bin.id },
    });
  }
});

async function newOrder(lines: { sku: string; quantity: number }[], shipping = address) {
  return createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `pp${Math.random()}@example.com`, name: 'Lee Park' },
      shipping_address: shipping,
      lines: lines.map((l) => ({ ...l, unit_price: 2_000 })),
    },
    actor,
  });
}

async function level(sku: string) {
  const v = await db.variant.findUniqueOrThrow({
    where: { sku },
    select: { stockLevels: { select: { onHand: true, reserved: true } } },
  });
  return v.stockLevels[0];
}

describe('pick waves', () => {
  it('routes the wave by bin pick sequence, one stop per SKU across orders, binless SKUs last', async () => {
    const a = await newOrder([
      { sku: 'PP-MUG', quantity: 2 },
      { sku: 'PP-CAP', quantity: 1 },
    ]);
    const b = await newOrder([
      { sku: 'PP-TEE', quantity: 1 },
      { sku: 'PP-MUG', quantity: 1 },
      { sku: 'PP-SOCK', quantity: 1 },
    ]);
    const wave = await createPickWave({ orderIds: [a.id, b.id], actor });
    expect(wave.units).toBe(6); // 2 + 1 + 1 + 1 + 1
    const detail = (await waveDetail(wave.id))!;
    const route = pickRoute(detail.tasks);
    // sequences: A-01 10 (TEE), C-02 20 (SOCK), B-07 70 (MUG), no bin (CAP)
    expect(route.map((s) => `${s.bin_code ?? '-'}:${s.sku}:${s.quantity}`)).toEqual([
      'A-01:PP-TEE:1',
      'C-02:PP-SOCK:1',
      'B-07:PP-MUG:3',
      '-:PP-CAP:1',
    ]);
    // MUG: tote of the first order gets 2, the second 1
    expect(route[2].totes.map((t) => [t.tote, t.quantity])).toEqual([
      [`#${a.number}`, 2],
      [`#${b.number}`, 1],
    ]);
    expect(detail.bins['B-07']).toEqual(['PP-MUG']);
    // an order cannot be in two open waves
    await expect(createPickWave({ orderIds: [a.id], actor })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('persists picks per tote, refuses an over-pick and a SKU not in the wave, and finishes the wave', async () => {
    const a = await newOrder([{ sku: 'PP-MUG', quantity: 1 }]);
    const b = await newOrder([{ sku: 'PP-MUG', quantity: 1 }]);
    const wave = await createPickWave({ orderIds: [a.id, b.id], actor });
    // two devices at once: both units counted, one into each tote
    const both = await Promise.all([
      recordPick({ waveId: wave.id, input: { sku: 'PP-MUG' }, actor }),
      recordPick({ waveId: wave.id, input: { sku: 'PP-MUG' }, actor }),
    ]);
    expect(both.map((r) => r.tote).sort()).toEqual([`#${a.number}`, `#${b.number}`].sort());
    await expect(recordPick({ waveId: wave.id, input: { sku: 'PP-MUG' }, actor })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    const detail = (await waveDetail(wave.id))!;
    expect(detail.status).toBe('done');
    expect(detail.tasks.map((t) => t.picked)).toEqual([1, 1]);
    const audits = await db.auditLog.count({
      where: { entityType: 'pick_wave', entityId: wave.id, action: 'pick.unit_picked' },
    });
    expect(audits).toBe(2);
    // a finished wave takes no more scans
    await expect(recordPick({ waveId: wave.id, input: { sku: 'PP-TEE' }, actor })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    const c = await newOrder([{ sku: 'PP-MUG', quantity: 1 }]);
    const w2 = await createPickWave({ orderIds: [c.id], actor });
    await expect(recordPick({ waveId: w2.id, input: { sku: 'PP-TEE' }, actor })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('partial shipment after a short pick', () => {
  it('short-picks with a reason, packs what was picked, ships it; the rest stays open and reserved', async () => {
    const order = await newOrder([
      { sku: 'PP-MUG', quantity: 3 },
      { sku: 'PP-TEE', quantity: 1 },
    ]);
    const before = await level('PP-MUG');
    const wave = await createPickWave({ orderIds: [order.id], actor });
    await recordPick({ waveId: wave.id, input: { sku: 'PP-TEE' }, actor });
    await recordPick({ waveId: wave.id, input: { sku: 'PP-MUG' }, actor });
    await recordPick({ waveId: wave.id, input: { sku: 'PP-MUG' }, actor });
    await expect(
      shortPick({ waveId: wave.id, input: { sku: 'PP-MUG', reason: 'x', action: 'backorder' }, actor }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const short = await shortPick({
      waveId: wave.id,
      input: { sku: 'PP-MUG', reason: 'Bin B-07 empty', action: 'backorder' },
      actor,
    });
    expect(short).toMatchObject({ units: 1, wave_done: true });
    expect(nextStop(pickRoute((await waveDetail(wave.id))!.tasks))).toBeNull();

    // the pack station packs the 2 picked MUG and the TEE; 1 MUG stays on the order
    const station = await packStationOrder({ code: `#${order.number}` });
    expect(station.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['PP-MUG', 2],
      ['PP-TEE', 1],
    ]);
    expect(station.left_on_order).toEqual([{ sku: 'PP-MUG', quantity: 1 }]);
    const lines = station.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
    const pack = await packOrder({
      orderId: order.id,
      input: { lines, verified: lines, package_type: box, weight_grams: 900, wave_id: wave.id },
      actor,
    });
    const label = await buyPackLabel({ packId: pack.id, actor });
    expect(label.order_status).toBe('partially_fulfilled');

    const orderLines = await db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { sku: 'asc' } });
    expect(orderLines.map((l) => [l.sku, l.quantity, l.quantityFulfilled])).toEqual([
      ['PP-MUG', 3, 2],
      ['PP-TEE', 1, 1],
    ]);
    // MUG: 3 reserved at intake (already in `before`); 2 shipped → on hand −2, reserved −2; the
    // short unit is still reserved for the order
    const after = await level('PP-MUG');
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved - 2);
    // COGS of this shipment: 2 × 500 + 1 × 700 = 1,700
    expect((await db.shipment.findUniqueOrThrow({ where: { id: label.shipment_id } })).cogs).toBe(1_700);
    // the customer's "shipped" email is queued with the tracking number, saying more follows
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { orderId: order.id, template: 'order_shipped' },
    });
    expect(mail.subject).toBe(`Your order #${order.number} has shipped`);
    expect(mail.textBody).toContain(label.tracking_number);
    expect(mail.textBody).toContain('part of your order');
    // buying again (double tap) returns the same label
    const again = await buyPackLabel({ packId: pack.id, actor });
    expect(again).toMatchObject({ shipment_id: label.shipment_id, already_bought: true });
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('a fulfillment recorded elsewhere (3PL) queues the shipped email too', async () => {
    const order = await newOrder([{ sku: 'PP-CAP', quantity: 1 }]);
    await recordShipment({
      orderId: order.id,
      input: { lines: [{ sku: 'PP-CAP', quantity: 1 }], carrier: 'ShipBob', tracking_number: '3PL-123' },
      actor,
    });
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { orderId: order.id, template: 'order_shipped' },
    });
    expect(mail.textBody).toContain('3PL-123');
    expect(mail.textBody).not.toContain('part of your order');
  });
});

describe('pack verification', () => {
  it('refuses a parcel with unverified units; a manager may override with a reason, warehouse may not', async () => {
    const order = await newOrder([{ sku: 'PP-CAP', quantity: 2 }]);
    const lines = [{ sku: 'PP-CAP', quantity: 2 }];
    const warehouse = (await makeUser({ role: 'warehouse' })).actor;
    const manager = (await makeUser({ role: 'manager' })).actor;
    const input = { lines, verified: [{ sku: 'PP-CAP', quantity: 1 }], package_type: box, weight_grams: 400 };
    await expect(packOrder({ orderId: order.id, input, actor: warehouse })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'verified' }],
    });
    await expect(
      packOrder({
        orderId: order.id,
        input: { ...input, override_reason: 'Scanner broken' },
        actor: warehouse,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      packOrder({ orderId: order.id, input: { ...input, weight_grams: 0 }, actor: warehouse }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'weight_grams' }] });
    await expect(
      packOrder({
        orderId: order.id,
        input: {
          ...input,
          lines: [{ sku: 'PP-CAP', quantity: 3 }],
          verified: [{ sku: 'PP-CAP', quantity: 3 }],
        },
        actor: warehouse,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const pack = await packOrder({
      orderId: order.id,
      input: { ...input, override_reason: 'Scanner broken' },
      actor: manager,
    });
    expect(pack.override_reason).toBe('Scanner broken');
    const row = await db.auditLog.findFirstOrThrow({
      where: { entityId: order.id, action: 'order.packed_with_override' },
    });
    expect(row.actorLabel).toBe(manager.label);
    // one parcel waits for its label at a time
    await expect(
      packOrder({
        orderId: order.id,
        input: { lines, verified: lines, package_type: box, weight_grams: 400 },
        actor: warehouse,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('accepts a fully verified parcel from warehouse staff', async () => {
    const order = await newOrder([{ sku: 'PP-CAP', quantity: 1 }]);
    const lines = [{ sku: 'PP-CAP', quantity: 1 }];
    const warehouse = (await makeUser({ role: 'warehouse' })).actor;
    await expect(
      packOrder({
        orderId: order.id,
        input: { lines, verified: lines, package_type: box, weight_grams: 300 },
        actor: warehouse,
      }),
    ).resolves.toMatchObject({ override_reason: null });
  });
});

describe('voiding a label', () => {
  it(
    'before pickup: stock back and reserved, COGS and label ' +
      'cost reversed, order open again, books balance',
    async () => {
      const order = await newOrder([{ sku: 'PP-SOCK', quantity: 2 }]);
      const before = await level('PP-SOCK');
      const inventoryBefore = await accountBalance('1200', FAR);
      const lines = [{ sku: 'PP-SOCK', quantity: 2 }];
      const pack = await packOrder({
        orderId: order.id,
        input: { lines, verified: lines, package_type: box, weight_grams: 200 },
        actor,
      });
      const label = await buyPackLabel({ packId: pack.id, actor });
      expect(label.order_status).toBe('fulfilled');
      expect((await level('PP-SOCK')).onHand).toBe(before.onHand - 2);

      const voided = await voidLabel({
        shipmentId: label.shipment_id,
        input: { reason: 'Wrong box' },
        actor,
      });
      expect(voided).toMatchObject({ order_status: 'open', restored: [{ sku: 'PP-SOCK', quantity: 2 }] });
      expect(voided.reversing_entries).toHaveLength(2); // COGS and the label's shipping expense
      // the 2 units are on hand and reserved for the order again, exactly as before the label
      expect(await level('PP-SOCK')).toEqual(before);
      // inventory is worth what it was (2 × 100 back), the label cost is off the books
      expect(await accountBalance('1200', FAR)).toBe(inventoryBefore);
      const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
      expect(tb.total_debit).toBe(tb.total_credit);
      expect((await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } })).quantityFulfilled).toBe(
        0,
      );
      expect((await db.orderPack.findUniqueOrThrow({ where: { id: pack.id } })).status).toBe('voided');
      expect(await db.auditLog.count({ where: { entityId: order.id, action: 'shipment.voided' } })).toBe(1);
      // voiding twice is refused; the order can be packed and shipped again
      await expect(
        voidLabel({ shipmentId: label.shipment_id, input: { reason: 'again' }, actor }),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });
      const repack = await packOrder({
        orderId: order.id,
        input: { lines, verified: lines, package_type: box, weight_grams: 200 },
        actor,
      });
      // FIFO: the restored units (2 @ 100) are issued again at their cost
      const relabel = await buyPackLabel({ packId: repack.id, actor });
      expect((await db.shipment.findUniqueOrThrow({ where: { id: relabel.shipment_id } })).cogs).toBe(200);
    },
  );

  it('after pickup is refused with INVALID_STATE', async () => {
    const order = await newOrder([{ sku: 'PP-SOCK', quantity: 1 }]);
    const lines = [{ sku: 'PP-SOCK', quantity: 1 }];
    const pack = await packOrder({
      orderId: order.id,
      input: { lines, verified: lines, package_type: box, weight_grams: 100 },
      actor,
    });
    const label = await buyPackLabel({ packId: pack.id, actor });
    await addTrackingEvent({ shipmentId: label.shipment_id, input: { status: 'in_transit' }, actor });
    await expect(
      voidLabel({ shipmentId: label.shipment_id, input: { reason: 'Too late' }, actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('batch labels for a wave', () => {
  it('buys a label for every packed order; one failing order is reported and the rest succeed', async () => {
    const ok1 = await newOrder([{ sku: 'PP-TEE', quantity: 1 }]);
    const bad = await newOrder([{ sku: 'PP-TEE', quantity: 1 }]);
    const ok2 = await newOrder([{ sku: 'PP-CAP', quantity: 1 }]);
    const unpacked = await newOrder([{ sku: 'PP-CAP', quantity: 1 }]);
    const wave = await createPickWave({ orderIds: [ok1.id, bad.id, ok2.id, unpacked.id], actor });
    for (const sku of ['PP-TEE', 'PP-TEE', 'PP-CAP', 'PP-CAP'])
      await recordPick({ waveId: wave.id, input: { sku }, actor });
    for (const o of [ok1, bad, ok2]) {
      const s = await packStationOrder({ orderId: o.id });
      const lines = s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
      await packOrder({
        orderId: o.id,
        input: { lines, verified: lines, package_type: box, weight_grams: 500, wave_id: wave.id },
        actor,
      });
    }
    // no carrier serves this destination: its label fails
    await db.order.update({
      where: { id: bad.id },
      data: { shippingAddress: { ...address, country: 'AQ', postal_code: '00000' } },
    });

    const { results } = await buyWaveLabels({ waveId: wave.id, actor });
    expect(results.map((r) => [r.order_number, r.ok])).toEqual([
      [ok1.number, true],
      [bad.number, false],
      [ok2.number, true],
      [unpacked.number, false],
    ]);
    const failed = results.find((r) => r.order_number === bad.number)!;
    expect(!failed.ok && failed.error.code).toBe('VALIDATION_FAILED');
    expect(await db.shipment.count({ where: { orderId: { in: [ok1.id, ok2.id] } } })).toBe(2);
    expect(await db.shipment.count({ where: { orderId: bad.id } })).toBe(0);
    expect((await db.order.findUniqueOrThrow({ where: { id: bad.id } })).status).toBe('open');
    // run again: the shipped ones are left alone, no second label
    const rerun = await buyWaveLabels({ waveId: wave.id, actor });
    expect(rerun.results.filter((r) => r.ok)).toHaveLength(0);
    expect(await db.shipment.count({ where: { orderId: { in: [ok1.id, ok2.id] } } })).toBe(2);
  });
});
