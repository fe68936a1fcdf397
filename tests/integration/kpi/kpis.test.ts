import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { kpiReport, needsAttention } from '@/lib/kpi/queries';
import { directFacts, rebuildKpiRollups, rollupFacts, compactKpiFacts } from '@/lib/kpi/rebuild';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as kpisRoute from '@/app/api/v1/kpis/route';
import { kpiCards } from '@/components/dashboard/cards';
import { orderList } from '@/lib/orders/queries';
import { ZOrderListQuery } from '@/lib/orders/schemas';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { createTicket } from '@/lib/support/create-ticket';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { changeTicketStatus } from '@/lib/support/change-ticket-status';

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
// New York is UTC−5 in November: 23:30 EST on the 10th is 04:30Z on the 11th.
const est = (local: string) => new Date(`${local}-05:00`).toISOString();
const place = (o: { channel?: string; placed: string; shipBy?: string; lines: [string, number, number][] }) =>
  createOrder({
    input: {
      channel: o.channel ?? 'web',
      currency: 'USD',
      customer: { email: 'kpi@example.com', name: 'Kim Pi' },
      shipping_address: address,
      lines: o.lines.map(([sku, quantity, unit_price]) => ({ sku, quantity, unit_price })),
      placed_at: est(o.placed),
      ...(o.shipBy ? { promised_ship_by: est(o.shipBy) } : {}),
    } as never,
    actor,
  });
const ship = (orderId: string, at: string, lines: [string, number][]) =>
  recordShipment({
    orderId,
    input: { lines: lines.map(([sku, quantity]) => ({ sku, quantity })), shipped_at: est(at) },
    actor,
  });

const ids: Record<string, string> = {};

beforeAll(async () => {
  await makeLocations();
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'America/New_York' } });
  await makeProduct(['KPI-A', 'KPI-B'], { price: 1_000 });
  await makeProduct(['KPI-S'], { price: 1_000, name: 'Scarce' });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'KPI-A', quantity: 100, unit_cost: 400 },
        { sku: 'KPI-B', quantity: 100, unit_cost: 1_000 },
        { sku: 'KPI-S', quantity: 6, unit_cost: 300 },
      ],
    },
    actor,
  });

  // F (previous period): placed 11-08 08:00, shipped complete 13:00 (5 h, on time).
  ids.F = (await place({ placed: '2026-11-08T08:00:00', lines: [['KPI-A', 1, 1_000]] })).id;
  await ship(ids.F, '2026-11-08T13:00:00', [['KPI-A', 1]]);
  // A: placed 23:30 on the 10th (the 11th in UTC: counts on the shop's 10th); complete 11 h later.
  ids.A = (await place({ placed: '2026-11-10T23:30:00', lines: [['KPI-A', 2, 1_000]] })).id;
  await ship(ids.A, '2026-11-11T10:30:00', [['KPI-A', 2]]);
  // B: placed 00:30 on the 11th; only part shipped.
  ids.B = (
    await place({
      placed: '2026-11-11T00:30:00',
      lines: [
        ['KPI-A', 1, 1_000],
        ['KPI-B', 1, 3_000],
      ],
    })
  ).id;
  await ship(ids.B, '2026-11-11T12:00:00', [['KPI-A', 1]]);
  // C: shopify, cancelled.
  ids.C = (
    await place({ channel: 'shopify', placed: '2026-11-11T09:00:00', lines: [['KPI-A', 1, 1_000]] })
  ).id;
  await cancelOrder({ orderId: ids.C, reason: 'customer asked', actor });
  // D: shopify, promised 18:00 on the 11th, shipped 09:00 on the 12th (23 h, late), then delivered.
  ids.D = (
    await place({
      channel: 'shopify',
      placed: '2026-11-11T10:00:00',
      shipBy: '2026-11-11T18:00:00',
      lines: [['KPI-A', 1, 1_000]],
    })
  ).id;
  const d = await ship(ids.D, '2026-11-12T09:00:00', [['KPI-A', 1]]);
  await addTrackingEvent({ shipmentId: d.id, input: { status: 'delivered' } as never, actor });
  // E: 3 units, 1 shipped 2 h after placing, the rest cancelled: shipped complete as of that parcel.
  ids.E = (await place({ placed: '2026-11-12T08:00:00', lines: [['KPI-A', 3, 1_000]] })).id;
  await ship(ids.E, '2026-11-12T10:00:00', [['KPI-A', 1]]);
  await cancelOrder({ orderId: ids.E, reason: 'rest out of stock', actor });
});

const range = { from: '2026-11-10', to: '2026-11-12' };

describe('KPIs on a hand-built shop (America/New_York)', () => {
  it(
    'fulfillment rate: shipped complete ÷ placed and not ' +
      'cancelled, by the shop day the order was placed',
    async () => {
      const r = await kpiReport(range);
      // Placed 10th–12th (shop days): A (10th, though 11th in UTC), B, C, D (11th), E (12th) = 5; C cancelled → 4.
      // Shipped complete: A, D, E (rest cancelled) = 3; B is partial. 3 ÷ 4 = 0.75.
      expect(r.fulfillment_rate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
      // Previous equal period (7th–9th): F alone, shipped complete: 1 ÷ 1 = 1 → change −0.25.
      expect(r.fulfillment_rate).toMatchObject({ previous: 1, change: -0.25 });
      // Sparkline per day: 10th A 1/1; 11th B, D shipped? D yes, B no (C cancelled) → 1/2; 12th E 1/1.
      expect(r.fulfillment_rate.sparkline).toEqual([
        { date: '2026-11-10', value: 1 },
        { date: '2026-11-11', value: 0.5 },
        { date: '2026-11-12', value: 1 },
      ]);
      // The 10th alone in UTC would hold no order: the day boundary is the shop's.
      expect((await kpiReport({ from: '2026-11-10', to: '2026-11-10' })).orders.count).toBe(1);
    },
  );

  it('on-time ship rate and order-to-ship time, by the day of the last shipment', async () => {
    const r = await kpiReport(range);
    // Completed in range: A (11th, 11 h, ship-by 48 h → on time), D (12th, 23 h, promised 18:00 on the 11th → late),
    // E (12th, 2 h, on time). 2 ÷ 3 = 0.6667.
    expect(r.on_time_ship_rate).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3 });
    // Hours 2, 11, 23 → buckets' upper edges 3, 12, 24. Median = rank ⌈0.5×3⌉ = 2 → 12; p90 = rank ⌈2.7⌉ = 3 → 24.
    expect(r.order_to_ship_hours).toMatchObject({
      median: 12,
      p90: 24,
      count: 3,
      previous: { median: 6, p90: 6 },
    });
    // Sparkline: mean hours per day: 11th A 11 h; 12th (23 + 2) / 2 = 12.5 h.
    expect(r.order_to_ship_hours.sparkline.map((p) => p.value)).toEqual([null, 11, 12.5]);
    expect(r.charts.ship_time_distribution.filter((g) => g.count > 0)).toEqual([
      { label: 'Under 12 h', min_hours: 0, max_hours: 12, count: 2 },
      { label: '12–24 h', min_hours: 12, max_hours: 24, count: 1 },
    ]);
  });

  it(
    'drills down: the late shipments behind the on-time rate, ' +
      'the complete ones behind order-to-ship time',
    async () => {
      const list = async (q: Record<string, string>) =>
        (await orderList(ZOrderListQuery.parse(q), 'America/New_York')).data.map((o) => o.id).sort();
      // Last shipment 10th–12th and late: D only (the on-time card's 3 − 2 = 1).
      expect(await list({ ship: 'late', shipped_from: '2026-11-10', shipped_to: '2026-11-12' })).toEqual([
        ids.D,
      ]);
      expect(await list({ ship: 'complete', shipped_from: '2026-11-10', shipped_to: '2026-11-12' })).toEqual(
        [ids.A, ids.D, ids.E].sort(),
      );
      // By shop day: A's last parcel left at 10:30 on the 11th, F's on the 8th.
      expect(await list({ ship: 'complete', shipped_from: '2026-11-11', shipped_to: '2026-11-11' })).toEqual([
        ids.A,
      ]);
      // Fulfillment rate's misses: placed in range, not shipped complete, not cancelled: B.
      expect(await list({ ship: 'incomplete', from: '2026-11-10', to: '2026-11-12' })).toEqual([ids.B]);
    },
  );

  it('orders, funnel and channel filter', async () => {
    const r = await kpiReport(range);
    expect(r.orders).toMatchObject({ count: 5, cancelled: 1, previous: 1, change: 4 });
    // Not cancelled 4; packed (a parcel left) A, B, D, E = 4; shipped complete 3; delivered D = 1.
    expect(r.charts.funnel).toEqual([
      { stage: 'placed', count: 4 },
      { stage: 'packed', count: 4 },
      { stage: 'shipped', count: 3 },
      { stage: 'delivered', count: 1 },
    ]);
    // Shopify only: C (cancelled) and D → 1 ÷ 1; D late → on time 0 ÷ 1.
    const shopify = await kpiReport({ ...range, channel: 'shopify' });
    expect(shopify.fulfillment_rate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(shopify.on_time_ship_rate).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(shopify.orders.count).toBe(2);
  });

  it('net sales and gross margin come from the ledger, by posting day', async () => {
    // Every entry above was posted today (the ledger records when it happened, not the order's date).
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    const r = await kpiReport({ from: today, to: today });
    // Sales: F 1,000 + A 2,000 + B 4,000 + C 1,000 + D 1,000 + E 3,000 = 12,000; C reversed −1,000;
    // E's 2 cancelled units −2,000 → net sales 9,000.
    // COGS at 400 a unit of KPI-A: F 1 + A 2 + B 1 + D 1 + E 1 = 6 units = 2,400.
    // Margin (9,000 − 2,400) ÷ 9,000 = 0.7333.
    expect(r.net_sales.amount).toBe(9_000);
    expect(r.gross_margin).toMatchObject({
      net_sales: 9_000,
      cogs: 2_400,
      numerator: 6_600,
      denominator: 9_000,
      value: 0.7333,
    });
    const sums = await db.$queryRaw<{ code: string; net: number }[]>`
      SELECT a.code, sum(jl.credit - jl.debit)::int AS net FROM journal_lines jl JOIN accounts a ON
        a.id = jl.account_id WHERE a.code IN ('4000', '4200', '4300', '5000') GROUP BY a.code`;
    const ledger = Object.fromEntries(sums.map((s) => [s.code, s.net]));
    expect((ledger['4000'] ?? 0) + (ledger['4200'] ?? 0) + (ledger['4300'] ?? 0)).toBe(9_000);
    expect(-(ledger['5000'] ?? 0)).toBe(2_400);
  });

  it('stockouts: count now, stockout-days and lost revenue from the 28-day baseline', async () => {
    // Six units of KPI-S ordered over the last two weeks (placed_at in the past), the last order empties it.
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      const placed = new Date(now.getTime() - (i + 1) * 3 * 86_400_000)
        .toLocaleString('sv-SE', { timeZone: 'America/New_York' })
        .replace(' ', 'T');
      await place({ placed, lines: [['KPI-S', 2, 1_000]] });
    }
    const [period] = await db.stockoutPeriod.findMany({ where: { variant: { sku: 'KPI-S' } } });
    expect(period.endedAt).toBeNull();
    // Baseline: 6 units in the 28 days before ÷ 28 = 0.2143 a day.
    expect(period.baselineDailyUnits).toBeCloseTo(6 / 28, 6);
    // Move the period to a known time, as the seed moves history: out since 12:00 on the 10th.
    await db.stockoutPeriod.update({
      where: { id: period.id },
      data: { startedAt: new Date(est('2026-11-10T12:00:00')) },
    });
    const r = await kpiReport(range, db, new Date(est('2026-11-12T12:00:00')));
    // 12:00 on the 10th → "now" 12:00 on the 12th = 2.0 days; lost = 2.0 × 6/28 × 1,000 = 428.57 → 429.
    expect(r.stockouts).toMatchObject({ count_now: 1, stockout_days: 2, lost_revenue: 429 });
    expect(r.stockouts.sparkline).toEqual([
      { date: '2026-11-10', value: 0.5 },
      { date: '2026-11-11', value: 1 },
      { date: '2026-11-12', value: 0.5 },
    ]);
    expect(r.charts.top_stockouts).toEqual([
      { sku: 'KPI-S', name: 'Scarce', stockout_days: 2, lost_revenue: 429, out_now: true },
    ]);
    // Receiving stock ends it.
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'KPI-S', quantity: 5, unit_cost: 300 }] },
      actor,
    });
    expect((await db.stockoutPeriod.findUniqueOrThrow({ where: { id: period.id } })).endedAt).not.toBeNull();
    expect((await kpiReport(range)).stockouts.count_now).toBe(0);
  });

  it('inventory accuracy says "No data yet" when no cycle count was completed in the range', async () => {
    const r = await kpiReport(range);
    expect(r.inventory_accuracy).toMatchObject({ value: null, numerator: null, denominator: null });
    expect(r.inventory_accuracy.reason).toMatch(/no data yet.*cycle count/i);
    // Refunds, returns and support have their tables now: zeros in this range, not "no data".
    expect(r.refunds).toMatchObject({ count: 0, amount: 0, rate: 0 });
    // Units shipped 10th–12th: A 2 + B 1 (11th), D 1 + E 1 (12th) = 5; none returned.
    expect(r.return_rate).toMatchObject({ value: 0, numerator: 0, denominator: 5 });
  });

  it('needs attention: review, past ship-by, exceptions, reorder point', async () => {
    // Past ship-by (placed + 2 days, still open or partly shipped): B, and the three KPI-S orders placed
    // 3, 6 and 9 days ago in the stockout test = 4.
    const n = await needsAttention();
    expect(n.past_ship_by).toBe(4);
    expect(n.held_for_review).toBe(0);
  });

  it('rollups maintained by the events equal the rebuild; compaction changes nothing', async () => {
    const before = await rollupFacts();
    expect(before).toEqual(await directFacts());
    await compactKpiFacts();
    expect(await db.kpiFactDelta.count()).toBe(0);
    expect(await rollupFacts()).toEqual(before);
    const periods = await db.stockoutPeriod.findMany({
      select: { variantId: true, endedAt: true },
      orderBy: { id: 'asc' },
    });
    await rebuildKpiRollups();
    expect(await rollupFacts()).toEqual(before);
    expect(
      await db.stockoutPeriod.findMany({
        select: { variantId: true, endedAt: true },
        orderBy: { id: 'asc' },
      }),
    ).toHaveLength(periods.length);
  });
});

describe('refunds, returns and support on a hand-built set', () => {
  const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
  const ticket = (created: string, subject: string) =>
    createTicket({
      input: { customer: { email: 'ticket@example.com', name: 'Tia Ket' }, subject, body: 'Help, please.' },
      actor,
      now: new Date(est(created)),
    });
  const reply = (id: string, at: string, status?: 'pending' | 'solved') =>
    addTicketMessage({
      ticketId: id,
      kind: 'reply',
      body: 'We are on it.',
      status,
      actor,
      now: new Date(est(at)),
    });
  const solve = (id: string, at: string) =>
    changeTicketStatus({ ticketId: id, status: 'solved', actor, now: new Date(est(at)) });
  const t: Record<string, string> = {};

  beforeAll(async () => {
    // P (web): placed 1 Nov (outside the ranges above), 1 × KPI-B at 3,000, paid, shipped 1 Nov.
    ids.P = (
      await createOrder({
        input: {
          channel: 'web',
          currency: 'USD',
          customer: { email: 'kpi@example.com', name: 'Kim Pi' },
          shipping_address: address,
          placed_at: est('2026-11-01T10:00:00'),
          lines: [{ sku: 'KPI-B', quantity: 1, unit_price: 3_000 }],
          payment: {
            method: 'card',
            amount: 3_000,
            status: 'captured',
            fee: 0,
            avs_result: 'Y',
            cvv_result: 'M',
          },
        } as never,
        actor,
      })
    ).id;
    await ship(ids.P, '2026-11-01T12:00:00', [['KPI-B', 1]]);
    // H (shopify): placed today, 2 × KPI-A at 2,500 = 5,000, paid, both shipped today.
    ids.H = (
      await createOrder({
        input: {
          channel: 'shopify',
          currency: 'USD',
          customer: { email: 'kpi@example.com', name: 'Kim Pi' },
          shipping_address: address,
          lines: [{ sku: 'KPI-A', quantity: 2, unit_price: 2_500 }],
          payment: {
            method: 'card',
            amount: 5_000,
            status: 'captured',
            fee: 0,
            avs_result: 'Y',
            cvv_result: 'M',
          },
        } as never,
        actor,
      })
    ).id;
    await recordShipment({
      orderId: ids.H,
      input: { lines: [{ sku: 'KPI-A', quantity: 2 }] },
      actor,
    });
    // P's unit comes back today (defective, no fee) and is refunded today: 3,000 — a refund in another period
    // than its order.
    const ret = await requestReturn({
      input: { order_id: ids.P, lines: [{ sku: 'KPI-B', quantity: 1, reason: 'defective' }] },
      actor,
    });
    await approveReturn({ returnId: ret.id, actor });
    await receiveReturn({ returnId: ret.id, input: { lines: [{ sku: 'KPI-B', quantity: 1 }] }, actor });
    await refundReturn({ returnId: ret.id, input: {}, actor });
    // A goodwill refund of 500 on H, today.
    await createGoodwillRefund({ input: { order_id: ids.H, amount: 500, reason: 'Late parcel' }, actor });

    // Support, round the clock (no business hours), normal priority: first response due 8 h after
    // arrival, resolution 40 h. Times are New York (UTC−5).
    await db.supportSettings.update({ where: { id: 1 }, data: { businessHoursOnly: false } });
    t.T1 = (await ticket('2026-11-10T09:00:00', 'T1')).id;
    await reply(t.T1, '2026-11-10T11:00:00'); // 2 h
    await solve(t.T1, '2026-11-11T09:00:00'); // 24 h
    t.T2 = (await ticket('2026-11-10T20:00:00', 'T2')).id;
    await reply(t.T2, '2026-11-11T07:30:00'); // 11.5 h: due 04:00 on the 11th → breached
    await solve(t.T2, '2026-11-12T10:00:00'); // 38 h: due 12:00 on the 12th → met
    t.T3 = (await ticket('2026-11-11T10:00:00', 'T3')).id;
    await reply(t.T3, '2026-11-11T15:00:00'); // 5 h; still open (resolution due 02:00 on the 13th)
    t.T4 = (await ticket('2026-11-12T08:00:00', 'T4')).id; // never answered: first response due 16:00 on the 12th
    t.T6 = (await ticket('2026-11-12T09:00:00', 'T6')).id;
    await reply(t.T6, '2026-11-12T10:00:00', 'pending'); // 1 h, pending
    // T5 arrived 7.5 h ago: its first response is due in 30 minutes (at risk).
    t.T5 = (
      await createTicket({
        input: { customer: { email: 'ticket@example.com', name: 'Tia Ket' }, subject: 'T5', body: 'Hello?' },
        actor,
        now: new Date(Date.now() - 7.5 * 3_600_000),
      })
    ).id;
  });

  it(
    'refunds: count and amount by issue day; rate = refunded ÷ gross sales of the orders placed in the ' +
      'range',
    async () => {
      const r = await kpiReport({ from: today(), to: today() });
      // Issued today: P's 3,000 (order placed 1 Nov) + H's goodwill 500 = 2 refunds, 3,500.
      // Gross sales of orders placed today: H 5,000 → rate 3,500 ÷ 5,000 = 0.7. Yesterday: nothing.
      expect(r.refunds).toMatchObject({
        count: 2,
        amount: 3_500,
        rate: 0.7,
        gross_sales: 5_000,
        previous: 0,
        change: 3_500,
      });
      expect(r.charts.refunds_over_time).toEqual([{ date: today(), count: 2, amount: 3_500 }]);
      // By channel: P is web (3,000), H shopify (500).
      expect((await kpiReport({ from: today(), to: today(), channel: 'web' })).refunds).toMatchObject({
        count: 1,
        amount: 3_000,
        rate: null,
        gross_sales: 0,
      });
      expect((await kpiReport({ from: today(), to: today(), channel: 'shopify' })).refunds).toMatchObject({
        count: 1,
        amount: 500,
        rate: 0.1,
      });
      // P's own period (1 Nov) shows its sale, not the refund.
      expect((await kpiReport({ from: '2026-11-01', to: '2026-11-01' })).refunds).toMatchObject({
        count: 0,
        amount: 0,
        gross_sales: 3_000,
        rate: 0,
      });
    },
  );

  it('return rate: units received back ÷ units shipped, and returns by reason', async () => {
    const r = await kpiReport({ from: today(), to: today() });
    // Received today: P's 1 unit; shipped today: H's 2 units → 1 ÷ 2 = 0.5 (the returned unit shipped on 1 Nov).
    expect(r.return_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(r.charts.returns_by_reason).toEqual([{ reason: 'defective', label: 'Defective', units: 1 }]);
    // The refund's ledger entry (Dr Sales returns 3,000) counts in its order's channel, not in "no channel".
    // Web sales posted today: F 1,000 + A 2,000 + B 4,000 + E 3,000 − E's cancelled 2,000 + the three KPI-S
    // orders 6,000 + P 3,000 − P's refund 3,000 = 14,000. Shopify: C 1,000 − 1,000 + D 1,000 + H 5,000 − 500 = 5,500.
    const net = async (channel?: 'web' | 'shopify') =>
      (await kpiReport({ from: today(), to: today(), channel })).net_sales.amount;
    expect(await net('web')).toBe(14_000);
    expect(await net('shopify')).toBe(5_500);
    expect(await net()).toBe(19_500);
  });

  it('support: median first response and resolution, SLA breaches in the range, the open backlog now', async () => {
    const r = await kpiReport(range);
    // First replies 10th–12th: T6 1 h, T1 2 h, T3 5 h, T2 11.5 h → bucket upper edges 2, 3, 6, 12;
    // median = rank ⌈0.5 × 4⌉ = 2 → 3 h. Solves: T1 24 h, T2 38 h → edges 25, 39; median rank 1 → 25 h.
    expect(r.support).toMatchObject({
      first_response_median_hours: 3,
      first_response_count: 4,
      resolution_median_hours: 25,
      resolution_count: 2,
    });
    // Clocks due 10th–12th: first response T1 17:00 10th met, T2 04:00 11th missed (replied 07:30), T3 18:00 11th met,
    // T4 16:00 12th missed (never answered), T6 17:00 12th met; resolution T1 01:00 12th met, T2 12:00 12th met
    // (T3, T4, T6 are due on the 13th/14th: outside). → 2 breaches, both first response; previous period 0.
    expect(r.sla_breaches).toMatchObject({
      count: 2,
      first_response: 2,
      resolution: 0,
      previous: 0,
      change: 2,
    });
    // Now: open T3, T4, T5, pending T6 = 4. At risk: T5 (first response due in 30 min). Breached now:
    // T3 (resolution due the 13th), T4, T6 (resolution due the 14th) = 3.
    expect(r.open_backlog).toMatchObject({ count: 4, open: 3, pending: 1, at_risk: 1 });
    expect(r.sla_breaches.breached_now).toBe(3);
    // Support ignores the sales channel.
    const shopify = await kpiReport({ ...range, channel: 'shopify' });
    expect(shopify.support).toMatchObject({ first_response_median_hours: 3, resolution_median_hours: 25 });
    // Reopening T1 takes its solve back; solving it again counts the new time (52 h → edge 54 on the 12th).
    await changeTicketStatus({
      ticketId: t.T1,
      status: 'open',
      actor,
      now: new Date(est('2026-11-12T12:00:00')),
    });
    expect((await kpiReport(range)).support).toMatchObject({
      resolution_median_hours: 39,
      resolution_count: 1,
    });
    await solve(t.T1, '2026-11-12T13:00:00');
    // T1 now took 52 h (edge 53), T2 38 h (edge 39): median rank 1 → 39. And T1's resolution (due 01:00
    // on the 12th) is now late: a third breach.
    const after = await kpiReport(range);
    expect(after.support).toMatchObject({ resolution_median_hours: 39, resolution_count: 2 });
    expect(after.sla_breaches).toMatchObject({ count: 3, first_response: 2, resolution: 1 });
  });

  it('needs attention: tickets about to breach and past their SLA', async () => {
    const n = await needsAttention();
    expect(n).toMatchObject({ tickets_at_risk: 1, tickets_breached: 3 });
  });

  it('cards show the values and drill into refunds, returns and the support views', async () => {
    const cards = Object.fromEntries(kpiCards(await kpiReport(range)).map((c) => [c.id, c]));
    // 2 first-response breaches + T1's late re-solve (support test above) = 3.
    expect(cards['sla-breaches']).toMatchObject({
      value: '3',
      detail: '2 first response · 1 resolution · 3 unsolved and breached now',
      href: '/support?view=breached',
    });
    expect(cards['open-backlog']).toMatchObject({
      value: '4',
      detail: '3 open · 1 pending · 1 at risk',
      href: '/support?view=open',
    });
    expect(cards['support-times']).toMatchObject({ value: '3 h first response' });
    const todayCards = Object.fromEntries(
      kpiCards(await kpiReport({ from: today(), to: today() })).map((c) => [c.id, c]),
    );
    expect(todayCards.refunds).toMatchObject({
      value: '$35.00',
      detail: '2 refunds · 70.0% of gross sales ($50.00)',
      href: '/returns/refunds?status=issued',
    });
    expect(todayCards['return-rate']).toMatchObject({
      value: '50.0%',
      detail: '1 units returned of 2 shipped',
      href: '/returns',
    });
  });

  it('rollups maintained by refunds, returns and tickets equal the rebuild', async () => {
    const before = await rollupFacts();
    expect(before).toEqual(await directFacts());
    await rebuildKpiRollups();
    expect(await rollupFacts()).toEqual(before);
  });
});

describe('GET /api/v1/kpis', () => {
  const get = async (query: string, scopes = ['reports:read']) => {
    const { key } = await makeApiKey(scopes);
    return kpisRoute.GET(apiRequest(`/api/v1/kpis?${query}`, { key }), routeContext());
  };

  it('returns the same numbers as the dashboard, snake_case, each rate with its parts', async () => {
    const res = await get('from=2026-11-10&to=2026-11-12');
    expect(res.status).toBe(200);
    const body = await res.json();
    const report = JSON.parse(JSON.stringify(await kpiReport(range)));
    // Stockout-days run to "now", which moves between the two calls.
    delete body.stockouts;
    delete report.stockouts;
    delete body.charts.top_stockouts;
    delete report.charts.top_stockouts;
    expect(body).toEqual(report);
    expect(body.fulfillment_rate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(body.refunds).toMatchObject({ count: 0, amount: 0, currency: 'USD' });
    // The cards are the same report, formatted.
    const cards = Object.fromEntries(kpiCards(await kpiReport(range)).map((c) => [c.id, c]));
    expect(cards['fulfillment-rate']).toMatchObject({
      value: '75.0%',
      detail: '3 of 4 orders shipped complete',
    });
    expect(cards['on-time-ship-rate']).toMatchObject({
      value: '66.7%',
      detail: '2 of 3 shipped by the promised date',
      href: '/orders?shipped_from=2026-11-10&shipped_to=2026-11-12&ship=late',
    });
    expect(cards['order-to-ship']).toMatchObject({ value: '12 h median', detail: 'p90 24 h · 3 orders' });
    expect(cards.orders).toMatchObject({ value: String(body.orders.count), detail: '1 cancelled' });
    expect(cards.refunds).toMatchObject({ value: '$0.00', href: '/returns/refunds?status=issued' });
    expect(cards['inventory-accuracy'].noData).toBe(body.inventory_accuracy.reason);
    const shopify = await (await get('from=2026-11-10&to=2026-11-12&channel=shopify')).json();
    expect(shopify.orders.count).toBe(2);
  });

  it('refuses bad input with 422 naming the field, and a key without reports:read with 403', async () => {
    const field = async (query: string) => {
      const res = await get(query);
      expect(res.status).toBe(422);
      return (await res.json()).error.details.map((d: { field: string }) => d.field);
    };
    expect(await field('from=2026-11-12&to=2026-11-10')).toEqual(['from']);
    expect(await field('from=2020-01-01&to=2026-11-10')).toEqual(['to']);
    expect(await field('from=2026-11-10&to=2026-11-12&channel=myspace')).toEqual(['channel']);
    expect(await field('from=2026-02-30&to=2026-11-12')).toEqual(['from']);
    expect(await field('from=11/10/2026&to=2026-11-12')).toEqual(['from']);
    expect(await field('to=2026-11-12')).toEqual(['from']);
    expect((await get('from=2026-11-10&to=2026-11-12', ['orders:read'])).status).toBe(403);
  });
});
