import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { cancelPurchaseOrder } from '@/lib/purchasing/cancel-purchase-order';
import { executeReplenishmentRun } from '@/lib/replenishment/execute-run';
import { replenishmentRunJob } from '@/lib/replenishment/run-job';
import { createReplenishmentPurchaseOrders } from '@/lib/replenishment/create-draft-pos';
import { demandChart } from '@/lib/replenishment/queries';
import { addDays } from '@/lib/dates';
import { SCHEDULES } from '@/lib/jobs/schedules';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import {
  daysOfCover,
  inventoryTurnover,
  openPurchaseOrderValue,
  supplierOnTimeRate,
} from '@/lib/kpi/purchasing-kpis';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as listRoute from '@/app/api/v1/replenishment/route';
import * as runsRoute from '@/app/api/v1/replenishment/runs/route';
import * as runRoute from '@/app/api/v1/replenishment/runs/[id]/route';
import * as posRoute from '@/app/api/v1/replenishment/purchase-orders/route';

let readKey: string;
let writeKey: string;
let ordersKey: string;
let supplierId: string;
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addDays(today, offset);

async function placeOrder(externalId: string, sku: string, quantity: number, placedAt: string) {
  const res = await ordersRoute.POST(
    apiRequest('/api/v1/orders', {
      method: 'POST',
      key: ordersKey,
      body: {
        channel: 'web',
        external_id: externalId,
        currency: 'USD',
        placed_at: placedAt,
        customer: { email: `${externalId.toLowerCase()}@example.com`, name: 'Ada Plan' },
        shipping_address: {
          name: 'Ada',
          line1: '1 Main St',
          city: 'Springfield',
          region: 'IL',
          postal_code: '62701',
          country: 'US',
        },
        lines: [{ sku, quantity, unit_price: 1_000 }],
      },
    }),
    routeContext(),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Moves the movements of the last receipt (`where` 'receipt') or of an order (its id) to the moment they
 * happened in the story (the
 * table is append-only for the app; like the seed's backdating, the guard is lifted in this
 * transaction only).
 */
async function backdate(sku: string, at: string, where: string) {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('ALTER TABLE "stock_movements" DISABLE TRIGGER USER');
    if (where === 'receipt')
      await tx.$executeRaw`UPDATE stock_movements SET created_at = ${at}::timestamptz
        WHERE type = 'receive' AND created_at > now() - interval '1 minute'
          AND variant_id = (SELECT id FROM variants WHERE sku = ${sku})`;
    else
      await tx.$executeRaw`UPDATE stock_movements SET created_at = ${at}::timestamptz
        WHERE reference_type = 'order' AND reference_id = ${where}`;
    await tx.$executeRawUnsafe('ALTER TABLE "stock_movements" ENABLE TRIGGER USER');
  });
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['RP-1', 'RP-2']);
  readKey = (await makeApiKey(['purchasing:read'])).key;
  writeKey = (await makeApiKey(['purchasing:write', 'purchasing:read'])).key;
  ordersKey = (await makeApiKey(['orders:create'])).key;
  const supplier = await createSupplier({
    input: {
      name: 'Plan Supply',
      email: 'orders@plan.test',
      lead_time_days: 7,
      lead_time_stddev_days: 1,
      review_period_days: 7,
      products: [
        { sku: 'RP-1', unit_cost: 400, pack_size: 10, moq: 20, preferred: true },
        { sku: 'RP-2', unit_cost: 400, preferred: true },
      ],
    },
    actor,
  });
  supplierId = supplier.id;
  // RP-1: 80 received today, 2 units a day ordered on each of the last 35 days (70 reserved).
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'RP-1', quantity: 80, unit_cost: 400 }] },
    actor,
  });
  for (let k = 35; k >= 1; k--) await placeOrder(`RP1-${k}`, 'RP-1', 2, `${day(-k)}T12:00:00Z`);
  // RP-2: 4 units arrive 10 days ago, 2 sell on each of the next two days — out of stock at the end
  // of day −9 — then 20 arrive on day −5 and 2 a day sell from day −4.
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'RP-2', quantity: 4, unit_cost: 400 }] },
    actor,
  });
  await backdate('RP-2', `${day(-10)}T08:00:00Z`, 'receipt');
  for (const k of [10, 9])
    await backdate(
      'RP-2',
      `${day(-k)}T12:00:00Z`,
      await placeOrder(`RP2-${k}`, 'RP-2', 2, `${day(-k)}T12:00:00Z`),
    );
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'RP-2', quantity: 20, unit_cost: 400 }] },
    actor,
  });
  await backdate('RP-2', `${day(-5)}T08:00:00Z`, 'receipt');
  for (const k of [4, 3, 2, 1])
    await backdate(
      'RP-2',
      `${day(-k)}T12:00:00Z`,
      await placeOrder(`RP2-${k}`, 'RP-2', 2, `${day(-k)}T12:00:00Z`),
    );
});

describe('replenishment run', () => {
  it('runs nightly on the job queue', () => {
    expect(SCHEDULES.find((s) => s.job === 'replenishment.run')?.cron).toBe('30 2 * * *');
  });

  it('POST /runs answers 202 queued; the job completes it; GET /runs/{id} shows it', async () => {
    const res = await runsRoute.POST(
      apiRequest('/api/v1/replenishment/runs', { method: 'POST', key: writeKey }),
      routeContext(),
    );
    expect(res.status).toBe(202);
    const started = (await res.json()) as { id: string; status: string };
    expect(started.status).toBe('queued');
    // A read-only key cannot start one.
    const refused = await runsRoute.POST(
      apiRequest('/api/v1/replenishment/runs', { method: 'POST', key: readKey }),
      routeContext(),
    );
    expect(refused.status).toBe(403);
    // What the worker does with the queued job.
    await replenishmentRunJob.handler(
      { run_id: started.id },
      { id: 'x', name: 'replenishment.run', attempt: 1, lastAttempt: true },
    );
    const got = await runRoute.GET(
      apiRequest(`/api/v1/replenishment/runs/${started.id}`, { key: readKey }),
      routeContext({ id: started.id }),
    );
    const run = (await got.json()) as { status: string; sku_count: number; as_of: string };
    expect(run).toMatchObject({ status: 'completed', sku_count: 2, as_of: day(-1) });
    await expect(executeReplenishmentRun(started.id)).rejects.toThrow(
      /Cannot start a replenishment run that is completed/,
    );
  });

  it('GET /replenishment shows every figure of the arithmetic', async () => {
    const res = await listRoute.GET(
      apiRequest('/api/v1/replenishment?location=MAIN', { key: readKey }),
      routeContext(),
    );
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown>[] };
    const rp1 = data.find((r) => r.sku === 'RP-1')!;
    // 2 a day every day: ADI 1, CV² 0 → smooth; seasonal naive is exact (MAE 0) and wins the tie.
    // σd = 0 (no backtest error). RP-1 is first by value (70 of the 82 units at 10.00) → A, 98 %:
    // z = 2.0537; SS = 2.0537·√(7·0 + 2²·1²) = 4.107 → 4.11; ROP = 7·2 + 4.11 = 18.11;
    // up-to = 18.11 + 7·2 = 32.11. Position 80 + 0 − 70 = 10 ≤ 18.11: 32.11 − 10 = 22.11 → max(22.11, 20)
    // → ⌈22.11/10⌉·10 = 30.
    expect(rp1).toMatchObject({
      supplier_id: supplierId,
      demand_class: 'smooth',
      abc_class: 'A',
      method: 'seasonal_naive',
      forecast_daily: 2,
      lead_time_days: 7,
      safety_stock: 4.11,
      reorder_point: 18.11,
      order_up_to: 32.11,
      on_hand: 80,
      on_order: 0,
      reserved: 70,
      position: 10,
      suggested_quantity: 30,
      pack_size: 10,
      moq: 20,
      censored_days: 0,
      accuracy: { mase: 0, wape: 0, bias: 0 },
      explanation:
        'Position 10 ≤ reorder point 18.11: order up to 32.11 − 10 = 22.11, at least MOQ 20, rounded up ' +
        'to packs of 10 → 30.',
    });
    // RP-2 starts at its first movement (day −10): day −9 ended with 0 available, days −8…−6 had none,
    // day −5 started with none → 5 of its 10 days censored; the other 5 sold 2 each. Share of value
    // before it 70/82 = 0.85 → B. Under three weeks of history: no backtest, the moving average (2).
    const rp2 = data.find((r) => r.sku === 'RP-2')!;
    expect(rp2).toMatchObject({
      censored_days: 5,
      demand_class: 'smooth',
      abc_class: 'B',
      service_level: 0.95,
      method: 'moving_average',
      forecast_daily: 2,
      accuracy: null,
      on_hand: 24,
      reserved: 12,
    });
  });

  it('the chart marks censored days and carries the forecast with its interval', async () => {
    const chart = (await demandChart('RP-2', 'MAIN'))!;
    expect(chart.history.map((h) => h.units)).toEqual([2, null, null, null, null, null, 2, 2, 2, 2]);
    expect(chart.history[0].date).toBe(day(-10));
    expect(chart.forecast[0]).toEqual({ date: today, forecast: 2, low: 2, high: 2 });
  });

  it('turns suggestions into draft POs once: a second call, and two concurrent ones, create nothing more', async () => {
    const first = await posRoute.POST(
      apiRequest('/api/v1/replenishment/purchase-orders', {
        method: 'POST',
        key: writeKey,
        body: { location: 'MAIN', skus: ['RP-1'] },
      }),
      routeContext(),
    );
    expect(first.status).toBe(201);
    const { purchase_orders } = (await first.json()) as {
      purchase_orders: { id: string; status: string; lines: { sku: string; quantity: number }[] }[];
    };
    expect(purchase_orders).toHaveLength(1);
    expect(purchase_orders[0]).toMatchObject({ status: 'draft', lines: [{ sku: 'RP-1', quantity: 30 }] });
    // Covered by the draft now: position 10 + 30 on draft = 40 > 18.11.
    const again = await createReplenishmentPurchaseOrders({
      input: { location: 'MAIN', skus: ['RP-1'] },
      actor,
    });
    expect(again.purchase_orders).toEqual([]);
    const list = await listRoute.GET(
      apiRequest('/api/v1/replenishment?location=MAIN', { key: readKey }),
      routeContext(),
    );
    const rp1 = ((await list.json()) as { data: Record<string, unknown>[] }).data.find(
      (r) => r.sku === 'RP-1',
    )!;
    expect(rp1).toMatchObject({ on_draft: 30, suggested_quantity: 0 });

    // Cancel the draft; two runs at once draft RP-1 exactly once between them.
    await cancelPurchaseOrder({ purchaseOrderId: purchase_orders[0].id, actor });
    const both = await Promise.all([
      createReplenishmentPurchaseOrders({ input: { location: 'MAIN', skus: ['RP-1'] }, actor }),
      createReplenishmentPurchaseOrders({ input: { location: 'MAIN', skus: ['RP-1'] }, actor }),
    ]);
    expect(both.map((b) => b.purchase_orders.length).sort()).toEqual([0, 1]);
    const open = await db.purchaseOrderLine.findMany({
      where: { sku: 'RP-1', purchaseOrder: { status: 'draft' } },
      select: { quantityOrdered: true },
    });
    expect(open).toEqual([{ quantityOrdered: 30 }]);
  });

  it('refuses bad input naming the field', async () => {
    const res = await posRoute.POST(
      apiRequest('/api/v1/replenishment/purchase-orders', {
        method: 'POST',
        key: writeKey,
        body: { location: 'NOWHERE' },
      }),
      routeContext(),
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('location');
    const bad = await listRoute.GET(
      apiRequest('/api/v1/replenishment?supplier_id=nope', { key: readKey }),
      routeContext(),
    );
    expect(bad.status).toBe(422);
  });
});

describe('purchasing KPIs', () => {
  it('days of cover, open PO value, supplier on-time rate and turnover', async () => {
    // available (10 + 12) ÷ forecast per day (2 + 2) = 5.5 days
    expect(await daysOfCover()).toBe(5.5);
    // drafts are not on order yet
    expect(await openPurchaseOrderValue()).toBe(0);
    const draft = await db.purchaseOrder.findFirstOrThrow({
      where: { status: 'draft' },
      select: { id: true },
    });
    await sendPurchaseOrder({ purchaseOrderId: draft.id, actor });
    // 30 × 4.00 open
    expect(await openPurchaseOrderValue()).toBe(12_000);
    // Two POs received today: one due tomorrow (on time), one due yesterday (late) → 1 of 2
    const range = { from: day(-1), to: today, timezone: 'UTC' };
    for (const expected of [day(1), day(-1)]) {
      const po = await createPurchaseOrder({
        input: {
          supplier_id: supplierId,
          location: 'MAIN',
          expected_at: expected,
          lines: [{ sku: 'RP-2', quantity: 5 }],
        },
        actor,
      });
      await sendPurchaseOrder({ purchaseOrderId: po.id, actor });
      await receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: 'RP-2', quantity: 5 }] },
        actor,
      });
    }
    expect(await supplierOnTimeRate(range)).toEqual({ rate: 0.5, on_time: 1, received: 2 });
    // Nothing sold at cost in the range yet (no shipments): no turnover, not a made-up 0.
    expect(await inventoryTurnover(range)).toBeNull();
  });
});
