import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { skuDetail } from '@/lib/inventory/queries';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { orderTimeline } from '@/lib/orders/queries';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { rejectReturn } from '@/lib/returns/reject-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { exchangeReturn } from '@/lib/returns/exchange-return';
import { returnableLines } from '@/lib/returns/returnable';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { decideRefund } from '@/lib/refunds/decide-refund';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as returnsRoute from '@/app/api/v1/returns/route';
import * as returnRoute from '@/app/api/v1/returns/[id]/route';
import * as approveRoute from '@/app/api/v1/returns/[id]/approve/route';
import * as receiveRoute from '@/app/api/v1/returns/[id]/receive/route';
import * as refundRoute from '@/app/api/v1/returns/[id]/refund/route';
import * as refundsRoute from '@/app/api/v1/refunds/route';

const FAR = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
let key: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['RET-A', 'RET-B', 'RET-C', 'RET-D', 'RET-E', 'RET-F'], { price: 2_000 });
  await makeProduct(['RET-X'], { price: 3_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'RET-A', quantity: 100, unit_cost: 800 },
        { sku: 'RET-B', quantity: 100, unit_cost: 500 },
        { sku: 'RET-C', quantity: 100, unit_cost: 800 },
        { sku: 'RET-D', quantity: 10, unit_cost: 800 },
        { sku: 'RET-E', quantity: 100, unit_cost: 900 },
        { sku: 'RET-F', quantity: 100, unit_cost: 700 },
        { sku: 'RET-X', quantity: 5, unit_cost: 1_200 },
      ],
    },
    actor,
  });
  key = (
    await makeApiKey([
      'orders:read',
      'returns:request',
      'returns:receive',
      'refunds:issue',
      'refunds:approve',
    ])
  ).key;
});

/** An order paid in full and shipped complete. */
async function shippedOrder(
  lines: { sku: string; quantity: number; unit_price: number }[],
  amounts: { shipping?: number; tax?: number; discount?: number } = {},
) {
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unit_price, 0);
  const total = subtotal - (amounts.discount ?? 0) + (amounts.shipping ?? 0) + (amounts.tax ?? 0);
  const order = await createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: 'ann@example.com', name: 'Ann Lee' },
      shipping_address: address,
      lines,
      shipping_amount: amounts.shipping ?? 0,
      tax_amount: amounts.tax ?? 0,
      discount_amount: amounts.discount ?? 0,
      payment: {
        method: 'card',
        amount: total,
        status: 'captured',
        fee: 0,
        avs_result: 'Y',
        cvv_result: 'M',
      },
    },
    actor,
  });
  await recordShipment({
    orderId: order.id,
    input: { lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
    actor,
  });
  return order;
}

const level = async (sku: string) => (await skuDetail(sku))!.levels.find((l) => l.location === 'MAIN')!;
const counts = async () => ({
  returns: await db.return.count(),
  lines: await db.returnLine.count(),
  refunds: await db.refund.count(),
  entries: await db.journalEntry.count(),
  movements: await db.stockMovement.count(),
});
async function expectBooksBalance() {
  const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
  expect(tb.total_debit).toBe(tb.total_credit);
  // The inventory account equals the sum of the movements' value (the valuation).
  const [v] = await db.$queryRaw<
    { value: number }[]
  >`SELECT COALESCE(SUM(value_delta), 0)::int AS value FROM stock_movements`;
  expect(await accountBalance('1200', FAR)).toBe(v.value);
}

describe('return quantity caps', () => {
  it('caps requests by shipped − already on returns, cumulatively, and frees rejected units', async () => {
    const order = await shippedOrder([{ sku: 'RET-A', quantity: 3, unit_price: 2_000 }]);
    const first = await requestReturn({
      input: { order_id: order.id, lines: [{ sku: 'RET-A', quantity: 2, reason: 'defective' }] },
      actor,
    });
    expect(first).toMatchObject({
      status: 'requested',
      lines: [{ sku: 'RET-A', quantity: 2, reason: 'defective' }],
    });

    // 3 shipped − 2 requested = 1 left: asking for 2 more is a 422 naming the field, and writes nothing.
    const before = await counts();
    await expect(
      requestReturn({
        input: { order_id: order.id, lines: [{ sku: 'RET-A', quantity: 2, reason: 'changed_mind' }] },
        actor,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Only 1 of RET-A'),
      details: [{ field: 'lines.0.quantity' }],
    });
    expect(await counts()).toEqual(before);

    // Five agents racing for the last unit: the order lock lets exactly one have it.
    const race = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        requestReturn({
          input: { order_id: order.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'other' }] },
          actor,
        }),
      ),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await returnableLines(order.id))[0]).toMatchObject({ shipped: 3, on_returns: 3, returnable: 0 });

    // A rejected return holds nothing: its 2 units can be requested again.
    await rejectReturn({ returnId: first.id, input: { message: 'Outside the 30-day window' }, actor });
    expect((await returnableLines(order.id))[0]).toMatchObject({ on_returns: 1, returnable: 2 });
    // A SKU not on the order, and an unshipped order, are refused too.
    await expect(
      requestReturn({
        input: { order_id: order.id, lines: [{ sku: 'RET-B', quantity: 1, reason: 'other' }] },
        actor,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'lines.0.sku' }] });
  });

  it('receives partially, never more than approved, and only once approved', async () => {
    const order = await shippedOrder([{ sku: 'RET-A', quantity: 2, unit_price: 2_000 }]);
    const r = await requestReturn({
      input: { order_id: order.id, lines: [{ sku: 'RET-A', quantity: 2, reason: 'defective' }] },
      actor,
    });
    await expect(
      receiveReturn({ returnId: r.id, input: { lines: [{ sku: 'RET-A', quantity: 1 }] }, actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await approveReturn({ returnId: r.id, input: { message: 'Send it back within 14 days' }, actor });
    const part = await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-A', quantity: 1 }] },
      actor,
    });
    expect(part).toMatchObject({
      status: 'partially_received',
      lines: [{ quantity: 2, quantity_received: 1, quantity_uninspected: 1 }],
    });

    const before = await counts();
    await expect(
      receiveReturn({ returnId: r.id, input: { lines: [{ sku: 'RET-A', quantity: 2 }] }, actor }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Only 1 more of RET-A'),
      details: [{ field: 'lines.0.quantity' }],
    });
    expect(await counts()).toEqual(before);
    const done = await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-A', quantity: 1 }] },
      actor,
    });
    expect(done).toMatchObject({ status: 'received', lines: [{ quantity_received: 2 }] });
    expect((await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } })).quantityReturned).toBe(2);
    await expect(
      receiveReturn({ returnId: r.id, input: { lines: [{ sku: 'RET-A', quantity: 1 }] }, actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('dispositions', () => {
  it('restock, damaged and scrap move stock and the ledger at the shipped cost; the books balance', async () => {
    // RET-D: 10 received at 800; 3 ship (COGS 3 × 800 = 2,400) → on hand 7.
    const order = await shippedOrder([{ sku: 'RET-D', quantity: 3, unit_price: 2_000 }]);
    expect(await level('RET-D')).toMatchObject({ on_hand: 7, damaged: 0 });
    const r = await requestReturn({
      input: { order_id: order.id, lines: [{ sku: 'RET-D', quantity: 3, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({ returnId: r.id, input: { lines: [{ sku: 'RET-D', quantity: 3 }] }, actor });
    const cogsBefore = await accountBalance('5000', FAR);
    const shrinkBefore = await accountBalance('5100', FAR);
    const invBefore = await accountBalance('1200', FAR);

    // Inspecting more than arrived is refused before anything moves.
    await expect(
      inspectReturn({
        returnId: r.id,
        input: { lines: [{ sku: 'RET-D', quantity: 4, disposition: 'restock' }] },
        actor,
      }),
    ).rejects.toMatchObject({ details: [{ field: 'lines.0.quantity' }] });

    const inspected = await inspectReturn({
      returnId: r.id,
      input: {
        lines: [
          { sku: 'RET-D', quantity: 1, disposition: 'restock' },
          { sku: 'RET-D', quantity: 1, disposition: 'damaged' },
          { sku: 'RET-D', quantity: 1, disposition: 'scrap' },
        ],
      },
      actor,
    });
    expect(inspected).toMatchObject({
      status: 'inspected',
      lines: [{ quantity_restocked: 1, quantity_damaged: 1, quantity_scrapped: 1, quantity_uninspected: 0 }],
    });
    // Stock: 7 + 1 restocked = 8 sellable; 1 damaged (unsellable); the scrapped unit never comes back.
    expect(await level('RET-D')).toMatchObject({ on_hand: 8, available: 8, damaged: 1 });
    // Ledger, each unit at its shipped cost of 800:
    //   restock + damaged: Dr Inventory 1,600 / Cr COGS 1,600; scrap: Dr Shrinkage 800 / Cr COGS 800.
    expect(await accountBalance('1200', FAR)).toBe(invBefore + 1_600);
    expect(await accountBalance('5000', FAR)).toBe(cogsBefore - 2_400);
    expect(await accountBalance('5100', FAR)).toBe(shrinkBefore + 800);
    const movements = await db.stockMovement.findMany({
      where: { referenceType: 'return', referenceId: r.id },
      orderBy: { id: 'asc' },
    });
    expect(
      movements.map((m) => ({
        type: m.type,
        onHand: m.onHandDelta,
        damaged: m.damagedDelta,
        value: m.valueDelta,
      })),
    ).toEqual([
      { type: 'return_restock', onHand: 1, damaged: 0, value: 800 },
      { type: 'return_damaged', onHand: 0, damaged: 1, value: 800 },
    ]);
    await expectBooksBalance();
    const timeline = await orderTimeline(order.id);
    expect(timeline.map((t) => t.action)).toEqual(
      expect.arrayContaining(['return.requested', 'return.approved', 'return.received', 'return.inspected']),
    );
  });
});

describe('refunds', () => {
  it(
    'refunds per line with discount and tax shares, restocking fee by reason and shipping; caps at paid − ' +
      'refunded',
    async () => {
      // 3 × 2,000 − discount 300 + shipping 500 + tax 480 = 6,680 paid.
      const order = await shippedOrder([{ sku: 'RET-B', quantity: 3, unit_price: 2_000 }], {
        discount: 300,
        shipping: 500,
        tax: 480,
      });
      const r = await requestReturn({
        input: {
          order_id: order.id,
          lines: [
            { sku: 'RET-B', quantity: 1, reason: 'changed_mind' },
            { sku: 'RET-B', quantity: 1, reason: 'defective' },
          ],
        },
        actor,
      });
      await approveReturn({ returnId: r.id, actor });
      await receiveReturn({
        returnId: r.id,
        input: { lines: [{ sku: 'RET-B', quantity: 2, condition: 'restock' }] },
        actor,
      });
      const clearingBefore = await accountBalance('1010', FAR);

      const refund = await refundReturn({ returnId: r.id, input: { shipping_amount: 500 }, actor });
      // Unit 1 (changed mind, 15 % fee): goods 2,000 − 300·1/3 = 1,900; tax 480·1/3 = 160; fee round(1,900 ×
      // 0.15) = 285.
      // Unit 2 (defective, no fee): goods 2,000 − (200 − 100) = 1,900; tax 320 − 160 = 160.
      // Total 1,900 + 160 − 285 + 1,900 + 160 + 500 shipping = 4,335.
      expect(refund).toMatchObject({
        status: 'issued',
        kind: 'return',
        amount: 4_335,
        goods_amount: 3_800,
        tax_amount: 320,
        shipping_amount: 500,
        restocking_fee: 285,
      });
      const entry = await db.journalEntry.findFirstOrThrow({
        where: { sourceType: 'refund', sourceId: refund.id },
        include: { lines: { include: { account: true } } },
      });
      const byCode = Object.fromEntries(entry.lines.map((l) => [l.account.code, l.debit - l.credit]));
      // Dr Sales returns 3,800, Dr Tax payable 320, Dr Shipping revenue 500 / Cr Restocking fees 285, Cr
      // Clearing 4,335.
      expect(byCode).toEqual({ '4300': 3_800, '2100': 320, '4100': 500, '4400': -285, '1010': -4_335 });
      expect(await accountBalance('1010', FAR)).toBe(clearingBefore - 4_335);
      let o = await db.order.findUniqueOrThrow({ where: { id: order.id } });
      expect(o).toMatchObject({ amountPaid: 6_680 - 4_335, paymentStatus: 'partially_refunded' });
      expect((await db.return.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('refunded');

      // 2,345 is left: a goodwill refund of 2,346 is refused and writes nothing; 2,345 empties it.
      const before = await counts();
      await expect(
        createGoodwillRefund({ input: { order_id: order.id, amount: 2_346, reason: 'Late parcel' }, actor }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'amount' }] });
      expect(await counts()).toEqual(before);
      await expect(refundReturn({ returnId: r.id, input: {}, actor })).rejects.toMatchObject({
        code: 'INVALID_STATE',
      });
      await createGoodwillRefund({
        input: { order_id: order.id, amount: 2_345, reason: 'Late parcel' },
        actor,
      });
      o = await db.order.findUniqueOrThrow({ where: { id: order.id } });
      expect(o).toMatchObject({ amountPaid: 0, paymentStatus: 'refunded' });
      await expectBooksBalance();
    },
  );

  it('20 racing replays of one refund (same Idempotency-Key, and same form key) make one refund', async () => {
    const order = await shippedOrder([{ sku: 'RET-C', quantity: 2, unit_price: 2_000 }]);
    const r = await requestReturn({
      input: { order_id: order.id, lines: [{ sku: 'RET-C', quantity: 2, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-C', quantity: 1, condition: 'restock' }] },
      actor,
    });
    const post = () =>
      refundRoute.POST(
        apiRequest(`/api/v1/returns/${r.id}/refund`, {
          method: 'POST',
          key,
          body: {},
          headers: { 'idempotency-key': 'refund-race-1' },
        }),
        routeContext({ id: r.id }),
      );
    const responses = await Promise.all(Array.from({ length: 20 }, post));
    expect(responses.map((res) => res.status)).toEqual(Array(20).fill(201));
    const bodies = await Promise.all(responses.map((res) => res.json()));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies[0]).toMatchObject({ amount: 2_000, status: 'issued' });
    expect(await db.refund.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db.journalEntry.count({ where: { sourceType: 'refund', sourceId: bodies[0].id } })).toBe(1);

    // The UI's double clicks: one key per form, 20 submits at once → the first refund, 19 replays.
    const order2 = await shippedOrder([{ sku: 'RET-C', quantity: 1, unit_price: 2_000 }]);
    const r2 = await requestReturn({
      input: { order_id: order2.id, lines: [{ sku: 'RET-C', quantity: 1, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: r2.id, actor });
    await receiveReturn({
      returnId: r2.id,
      input: { lines: [{ sku: 'RET-C', quantity: 1, condition: 'restock' }] },
      actor,
    });
    const clicks = await Promise.all(
      Array.from({ length: 20 }, () =>
        refundReturn({ returnId: r2.id, input: {}, actor, idempotencyKey: 'form-key-1' }),
      ),
    );
    expect(new Set(clicks.map((c) => c.id)).size).toBe(1);
    expect(clicks.filter((c) => !c.replayed)).toHaveLength(1);
    expect(await db.refund.count({ where: { orderId: order2.id } })).toBe(1);
    expect((await db.order.findUniqueOrThrow({ where: { id: order2.id } })).amountPaid).toBe(0);
    await expectBooksBalance();
  });

  it('a support agent above the refund limit waits for a manager; declining releases the units', async () => {
    const support = await makeUser({ role: 'support' });
    const manager = await makeUser({ role: 'manager' });
    // 10 × 2,000 = 20,000 paid; the limit is 10,000 (settings default).
    const order = await shippedOrder([{ sku: 'RET-F', quantity: 10, unit_price: 2_000 }]);
    const pending = await createGoodwillRefund({
      input: { order_id: order.id, amount: 10_001, reason: 'Wrong colour sent' },
      actor: support.actor,
    });
    expect(pending).toMatchObject({ status: 'pending_approval', amount: 10_001 });
    expect(await db.journalEntry.count({ where: { sourceType: 'refund', sourceId: pending.id } })).toBe(0);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).amountPaid).toBe(20_000);
    // What waits counts against the cap: 20,000 − 10,001 = 9,999 can still go back.
    await expect(
      createGoodwillRefund({
        input: { order_id: order.id, amount: 10_000, reason: 'x' },
        actor: support.actor,
      }),
    ).rejects.toMatchObject({ details: [{ field: 'amount' }] });
    // Up to the limit a support agent refunds at once.
    expect(
      await createGoodwillRefund({
        input: { order_id: order.id, amount: 5_000, reason: 'Scuffed box' },
        actor: support.actor,
      }),
    ).toMatchObject({ status: 'issued' });
    const approved = await decideRefund({ refundId: pending.id, approve: true, actor: manager.actor });
    expect(approved).toMatchObject({ status: 'issued', decided_by: manager.email });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).amountPaid).toBe(
      20_000 - 5_000 - 10_001,
    );
    await expect(
      decideRefund({ refundId: pending.id, approve: true, actor: manager.actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });

    // A pending return refund holds its units; declining gives them back.
    const r = await requestReturn({
      input: { order_id: order.id, lines: [{ sku: 'RET-F', quantity: 2, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-F', quantity: 2, condition: 'restock' }] },
      actor,
    });
    await db.shopSettings.update({ where: { id: 1 }, data: { supportRefundLimit: 1_000 } });
    const held = await refundReturn({ returnId: r.id, input: {}, actor: support.actor });
    expect(held).toMatchObject({ status: 'pending_approval', amount: 4_000 });
    await expect(refundReturn({ returnId: r.id, input: {}, actor: support.actor })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await decideRefund({ refundId: held.id, approve: false, actor: manager.actor });
    expect((await db.returnLine.findFirstOrThrow({ where: { returnId: r.id } })).quantityRefunded).toBe(0);
    await db.shopSettings.update({ where: { id: 1 }, data: { supportRefundLimit: 10_000 } });
    await expectBooksBalance();
  });
});

describe('exchange', () => {
  it('creates a linked replacement order and settles the difference (worked example)', async () => {
    // Original: 2 × RET-E at 2,000, tax 320 (8 % of 4,000), shipping 500 → 4,820 paid.
    const order = await shippedOrder([{ sku: 'RET-E', quantity: 2, unit_price: 2_000 }], {
      shipping: 500,
      tax: 320,
    });
    const r = await requestReturn({
      input: {
        order_id: order.id,
        resolution: 'exchange',
        lines: [{ sku: 'RET-E', quantity: 1, reason: 'does_not_fit' }],
      },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-E', quantity: 1, condition: 'restock' }] },
      actor,
    });
    const clearingBefore = await accountBalance('1010', FAR);
    const xBefore = await level('RET-X');

    const ex = await exchangeReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-X', quantity: 1 }] },
      actor,
    });
    // Credit for the unit sent back: 2,000 + its tax share 320·1/2 = 160 → 2,160.
    // Replacement: 1 × RET-X at 3,000, taxed at the original rate 320 / 4,000: 3,000 × 320 / 4,000 = 240 → 3,240.
    // Difference 3,240 − 2,160 = 1,080, charged to the customer.
    expect(ex.settlement).toEqual({
      credit: 2_160,
      replacement_total: 3_240,
      applied: 2_160,
      difference: 1_080,
      charged: 1_080,
      refunded: 0,
    });
    expect(ex.status).toBe('exchanged');
    const replacement = await db.order.findUniqueOrThrow({
      where: { id: ex.exchange_order!.id },
      include: { payments: true },
    });
    expect(replacement).toMatchObject({
      total: 3_240,
      taxAmount: 240,
      amountPaid: 3_240,
      paymentStatus: 'paid',
      status: 'open',
      channel: 'manual',
    });
    expect(replacement.payments.map((p) => [p.method, p.amount]).sort()).toEqual([
      ['card', 1_080],
      ['exchange_credit', 2_160],
    ]);
    // Its stock is reserved.
    expect(await level('RET-X')).toMatchObject({ reserved: xBefore.reserved + 1 });
    // Original order: 4,820 − 2,160 credit = 2,660 still paid.
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      amountPaid: 2_660,
      paymentStatus: 'partially_refunded',
    });
    // Clearing: − 2,160 (credit out) + 2,160 (credit in) + 1,080 (charge) = + 1,080.
    expect(await accountBalance('1010', FAR)).toBe(clearingBefore + 1_080);
    await expectBooksBalance();
  });

  it('refunds the rest when the replacement costs less than the credit', async () => {
    const order = await shippedOrder([{ sku: 'RET-E', quantity: 1, unit_price: 4_000 }]);
    const r = await requestReturn({
      input: {
        order_id: order.id,
        resolution: 'exchange',
        lines: [{ sku: 'RET-E', quantity: 1, reason: 'does_not_fit' }],
      },
      actor,
    });
    await approveReturn({ returnId: r.id, actor });
    await receiveReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-E', quantity: 1, condition: 'restock' }] },
      actor,
    });
    const ex = await exchangeReturn({
      returnId: r.id,
      input: { lines: [{ sku: 'RET-X', quantity: 1 }] },
      actor,
    });
    // Credit 4,000; replacement 3,000 (no tax on the original) → 1,000 back to the customer.
    expect(ex.settlement).toEqual({
      credit: 4_000,
      replacement_total: 3_000,
      applied: 3_000,
      difference: -1_000,
      charged: 0,
      refunded: 1_000,
    });
  });
});

describe('API', () => {
  it('runs a return through the routes, with clear 4xx for bad input', async () => {
    const order = await shippedOrder([{ sku: 'RET-A', quantity: 2, unit_price: 2_000 }]);
    const call = (
      mod: { POST: (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response> },
      path: string,
      body: unknown,
      id?: string,
    ) => mod.POST(apiRequest(path, { method: 'POST', key, body }), routeContext(id ? { id } : {}));

    const tooMany = await call(returnsRoute, '/api/v1/returns', {
      order_id: order.id,
      lines: [{ sku: 'RET-A', quantity: 3, reason: 'defective' }],
    });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.details).toEqual([
      { field: 'lines.0.quantity', message: 'At most 2 can be returned' },
    ]);
    const badReason = await call(returnsRoute, '/api/v1/returns', {
      order_id: order.id,
      lines: [{ sku: 'RET-A', quantity: 1, reason: 'meh' }],
    });
    expect(badReason.status).toBe(422);

    const created = await call(returnsRoute, '/api/v1/returns', {
      order_id: order.id,
      lines: [{ sku: 'RET-A', quantity: 2, reason: 'defective' }],
    });
    expect(created.status).toBe(201);
    const ret = await created.json();
    expect(
      (
        await approveRoute.POST(
          apiRequest(`/api/v1/returns/${ret.id}/approve`, { method: 'POST', key }),
          routeContext({ id: ret.id }),
        )
      ).status,
    ).toBe(200);
    const over = await call(
      receiveRoute,
      `/api/v1/returns/${ret.id}/receive`,
      { lines: [{ sku: 'RET-A', quantity: 3, condition: 'restock' }] },
      ret.id,
    );
    expect(over.status).toBe(422);
    const rec = await call(
      receiveRoute,
      `/api/v1/returns/${ret.id}/receive`,
      { lines: [{ sku: 'RET-A', quantity: 2, condition: 'restock' }] },
      ret.id,
    );
    expect(await rec.json()).toMatchObject({ status: 'inspected' });
    const tooMuch = await call(refundRoute, `/api/v1/returns/${ret.id}/refund`, { amount: 4_001 }, ret.id);
    expect(tooMuch.status).toBe(422);
    const refunded = await call(refundRoute, `/api/v1/returns/${ret.id}/refund`, { amount: 3_000 }, ret.id);
    expect(refunded.status).toBe(201);
    expect(await refunded.json()).toMatchObject({ amount: 3_000, goods_amount: 3_000 });
    const got = await (
      await returnRoute.GET(apiRequest(`/api/v1/returns/${ret.id}`, { key }), routeContext({ id: ret.id }))
    ).json();
    expect(got).toMatchObject({
      status: 'refunded',
      order_payment_status: 'partially_refunded',
      refunds: [{ amount: 3_000 }],
    });
    // Each step queued its customer email in its own transaction.
    const outbox = await db.outboxMessage.findMany({
      where: { orderId: order.id },
      orderBy: { createdAt: 'asc' },
      select: { template: true, toAddress: true, returnId: true, subject: true },
    });
    expect(outbox.filter((m) => m.template !== 'order_shipped').map((m) => m.template)).toEqual([
      'return_approved',
      'return_received',
      'refund_issued',
    ]);
    expect(outbox.find((m) => m.template === 'refund_issued')).toMatchObject({
      toAddress: 'ann@example.com',
      subject: 'Refund of $30.00 for order #' + order.number,
    });
    const list = await (
      await returnsRoute.GET(apiRequest(`/api/v1/returns?order_id=${order.id}`, { key }), routeContext())
    ).json();
    expect(list.data).toHaveLength(1);
    const goodwill = await call(refundsRoute, '/api/v1/refunds', {
      order_id: order.id,
      amount: 1_001,
      reason: 'sorry',
    });
    expect(goodwill.status).toBe(422);
    const noReason = await call(refundsRoute, '/api/v1/refunds', { order_id: order.id, amount: 100 });
    expect((await noReason.json()).error.details[0].field).toBe('reason');
    const missing = await returnRoute.GET(
      apiRequest('/api/v1/returns/00000000-0000-0000-0000-000000000000', { key }),
      routeContext({ id: '00000000-0000-0000-0000-000000000000' }),
    );
    expect(missing.status).toBe(404);
    const warehouseKey = (await makeApiKey(['returns:receive'])).key;
    const forbidden = await refundsRoute.POST(
      apiRequest('/api/v1/refunds', {
        method: 'POST',
        key: warehouseKey,
        body: { order_id: order.id, amount: 100, reason: 'x' },
      }),
      routeContext(),
    );
    expect(forbidden.status).toBe(403);
  });
});
