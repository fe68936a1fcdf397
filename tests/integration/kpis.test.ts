import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { kpiReport, needsAttention } from '@/lib/kpi/queries';
import { directFacts, rebuildKpiRollups, rollupFacts, compactKpiFacts } from '@/lib/kpi/rebuild';
import { apiRequest, makeApiKey, makeLocations, makeProduct, routeContext, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import * as kpisRoute from '@/app/api/v1/kpis/route';
import { kpiCards } from '@/components/dashboard/cards';
import { orderList } from '@/lib/orders/queries';
import { ZOrderListQuery } from '@/lib/orders/schemas';

const address = { name: 'Ann Lee', line1: '1 Main St', city: 'Springfield', region: 'IL', postal_code: '62701', country: 'US' };
// New York is UTC−5 in November: 23:30 EST on the 10th is 04:30Z on the 11th.
const est = (local: string) => new Date(`${local}-05:00`).toISOString();
const place = (o: { channel?: string; placed: string; shipBy?: string; lines: [string, number, number][] }) =>
  createOrder({
    input: {
      channel: o.channel ?? 'web', currency: 'USD', customer: { email: 'kpi@example.com', name: 'Kim Pi' }, shipping_address: address,
      lines: o.lines.map(([sku, quantity, unit_price]) => ({ sku, quantity, unit_price })), placed_at: est(o.placed), ...(o.shipBy ? { promised_ship_by: est(o.shipBy) } : {}),
    } as never,
    actor,
  });
const ship = (orderId: string, at: string, lines: [string, number][]) => recordShipment({ orderId, input: { lines: lines.map(([sku, quantity]) => ({ sku, quantity })), shipped_at: est(at) } as never, actor });

const ids: Record<string, string> = {};

beforeAll(async () => {
  await makeLocations();
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'America/New_York' } });
  await makeProduct(['KPI-A', 'KPI-B'], { price: 1_000 });
  await makeProduct(['KPI-S'], { price: 1_000, name: 'Scarce' });
  await receiveStock({ input: { location: 'MAIN', lines: [{ sku: 'KPI-A', quantity: 100, unit_cost: 400 }, { sku: 'KPI-B', quantity: 100, unit_cost: 1_000 }, { sku: 'KPI-S', quantity: 6, unit_cost: 300 }] }, actor });

  // F (previous period): placed 11-08 08:00, shipped complete 13:00 (5 h, on time).
  ids.F = (await place({ placed: '2026-11-08T08:00:00', lines: [['KPI-A', 1, 1_000]] })).id;
  await ship(ids.F, '2026-11-08T13:00:00', [['KPI-A', 1]]);
  // A: placed 23:30 on the 10th (the 11th in UTC: counts on the shop's 10th); complete 11 h later.
  ids.A = (await place({ placed: '2026-11-10T23:30:00', lines: [['KPI-A', 2, 1_000]] })).id;
  await ship(ids.A, '2026-11-11T10:30:00', [['KPI-A', 2]]);
  // B: placed 00:30 on the 11th; only part shipped.
  ids.B = (await place({ placed: '2026-11-11T00:30:00', lines: [['KPI-A', 1, 1_000], ['KPI-B', 1, 3_000]] })).id;
  await ship(ids.B, '2026-11-11T12:00:00', [['KPI-A', 1]]);
  // C: shopify, cancelled.
  ids.C = (await place({ channel: 'shopify', placed: '2026-11-11T09:00:00', lines: [['KPI-A', 1, 1_000]] })).id;
  await cancelOrder({ orderId: ids.C, reason: 'customer asked', actor });
  // D: shopify, promised 18:00 on the 11th, shipped 09:00 on the 12th (23 h, late), then delivered.
  ids.D = (await place({ channel: 'shopify', placed: '2026-11-11T10:00:00', shipBy: '2026-11-11T18:00:00', lines: [['KPI-A', 1, 1_000]] })).id;
  const d = await ship(ids.D, '2026-11-12T09:00:00', [['KPI-A', 1]]);
  await addTrackingEvent({ shipmentId: d.id, input: { status: 'delivered' } as never, actor });
  // E: 3 units, 1 shipped 2 h after placing, the rest cancelled: shipped complete as of that parcel.
  ids.E = (await place({ placed: '2026-11-12T08:00:00', lines: [['KPI-A', 3, 1_000]] })).id;
  await ship(ids.E, '2026-11-12T10:00:00', [['KPI-A', 1]]);
  await cancelOrder({ orderId: ids.E, reason: 'rest out of stock', actor });
});

const range = { from: '2026-11-10', to: '2026-11-12' };

describe('KPIs on a hand-built shop (America/New_York)', () => {
  it('fulfillment rate: shipped complete ÷ placed and not cancelled, by the shop day the order was placed', async () => {
    const r = await kpiReport(range);
    // Placed 10th–12th (shop days): A (10th, though 11th in UTC), B, C, D (11th), E (12th) = 5; C cancelled → 4.
    // Shipped complete: A, D, E (rest cancelled) = 3; B is partial. 3 ÷ 4 = 0.75.
    expect(r.fulfillment_rate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    // Previous equal period (7th–9th): F alone, shipped complete: 1 ÷ 1 = 1 → change −0.25.
    expect(r.fulfillment_rate).toMatchObject({ previous: 1, change: -0.25 });
    // Sparkline per day: 10th A 1/1; 11th B, D shipped? D yes, B no (C cancelled) → 1/2; 12th E 1/1.
    expect(r.fulfillment_rate.sparkline).toEqual([{ date: '2026-11-10', value: 1 }, { date: '2026-11-11', value: 0.5 }, { date: '2026-11-12', value: 1 }]);
    // The 10th alone in UTC would hold no order: the day boundary is the shop's.
    expect((await kpiReport({ from: '2026-11-10', to: '2026-11-10' })).orders.count).toBe(1);
  });

  it('on-time ship rate and order-to-ship time, by the day of the last shipment', async () => {
    const r = await kpiReport(range);
    // Completed in range: A (11th, 11 h, ship-by 48 h → on time), D (12th, 23 h, promised 18:00 on the 11th → late),
    // E (12th, 2 h, on time). 2 ÷ 3 = 0.6667.
    expect(r.on_time_ship_rate).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3 });
    // Hours 2, 11, 23 → buckets' upper edges 3, 12, 24. Median = rank ⌈0.5×3⌉ = 2 → 12; p90 = rank ⌈2.7⌉ = 3 → 24.
    expect(r.order_to_ship_hours).toMatchObject({ median: 12, p90: 24, count: 3, previous: { median: 6, p90: 6 } });
    // Sparkline: mean hours per day: 11th A 11 h; 12th (23 + 2) / 2 = 12.5 h.
    expect(r.order_to_ship_hours.sparkline.map((p) => p.value)).toEqual([null, 11, 12.5]);
    expect(r.charts.ship_time_distribution.filter((g) => g.count > 0)).toEqual([
      { label: 'Under 12 h', min_hours: 0, max_hours: 12, count: 2 },
      { label: '12–24 h', min_hours: 12, max_hours: 24, count: 1 },
    ]);
  });

  it('drills down: the late shipments behind the on-time rate, the complete ones behind order-to-ship time', async () => {
    const list = async (q: Record<string, string>) => (await orderList(ZOrderListQuery.parse(q), 'America/New_York')).data.map((o) => o.id).sort();
    // Last shipment 10th–12th and late: D only (the on-time card's 3 − 2 = 1).
    expect(await list({ ship: 'late', shipped_from: '2026-11-10', shipped_to: '2026-11-12' })).toEqual([ids.D]);
    expect(await list({ ship: 'complete', shipped_from: '2026-11-10', shipped_to: '2026-11-12' })).toEqual([ids.A, ids.D, ids.E].sort());
    // By shop day: A's last parcel left at 10:30 on the 11th, F's on the 8th.
    expect(await list({ ship: 'complete', shipped_from: '2026-11-11', shipped_to: '2026-11-11' })).toEqual([ids.A]);
    // Fulfillment rate's misses: placed in range, not shipped complete, not cancelled: B.
    expect(await list({ ship: 'incomplete', from: '2026-11-10', to: '2026-11-12' })).toEqual([ids.B]);
  });

  it('orders, funnel and channel filter', async () => {
    const r = await kpiReport(range);
    expect(r.orders).toMatchObject({ count: 5, cancelled: 1, previous: 1, change: 4 });
    // Not cancelled 4; packed (a parcel left) A, B, D, E = 4; shipped complete 3; delivered D = 1.
    expect(r.charts.funnel).toEqual([{ stage: 'placed', count: 4 }, { stage: 'packed', count: 4 }, { stage: 'shipped', count: 3 }, { stage: 'delivered', count: 1 }]);
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
    expect(r.gross_margin).toMatchObject({ net_sales: 9_000, cogs: 2_400, numerator: 6_600, denominator: 9_000, value: 0.7333 });
    const sums = await db.$queryRaw<{ code: string; net: number }[]>`
      SELECT a.code, sum(jl.credit - jl.debit)::int AS net FROM journal_lines jl JOIN accounts a ON a.id = jl.account_id WHERE a.code IN ('4000', '4200', '4300', '5000') GROUP BY a.code`;
    const ledger = Object.fromEntries(sums.map((s) => [s.code, s.net]));
    expect((ledger['4000'] ?? 0) + (ledger['4200'] ?? 0) + (ledger['4300'] ?? 0)).toBe(9_000);
    expect(-(ledger['5000'] ?? 0)).toBe(2_400);
  });

  it('stockouts: count now, stockout-days and lost revenue from the 28-day baseline', async () => {
    // Six units of KPI-S ordered over the last two weeks (placed_at in the past), the last order empties it.
    const now = new Date();
    for (let i = 0; i < 3; i++) {
      const placed = new Date(now.getTime() - (i + 1) * 3 * 86_400_000).toLocaleString('sv-SE', { timeZone: 'America/New_York' }).replace(' ', 'T');
      await place({ placed, lines: [['KPI-S', 2, 1_000]] });
    }
    const [period] = await db.stockoutPeriod.findMany({ where: { variant: { sku: 'KPI-S' } } });
    expect(period.endedAt).toBeNull();
    // Baseline: 6 units in the 28 days before ÷ 28 = 0.2143 a day.
    expect(period.baselineDailyUnits).toBeCloseTo(6 / 28, 6);
    // Move the period to a known time, as the seed moves history: out since 12:00 on the 10th.
    await db.stockoutPeriod.update({ where: { id: period.id }, data: { startedAt: new Date(est('2026-11-10T12:00:00')) } });
    const r = await kpiReport(range, db, new Date(est('2026-11-12T12:00:00')));
    // 12:00 on the 10th → "now" 12:00 on the 12th = 2.0 days; lost = 2.0 × 6/28 × 1,000 = 428.57 → 429.
    expect(r.stockouts).toMatchObject({ count_now: 1, stockout_days: 2, lost_revenue: 429 });
    expect(r.stockouts.sparkline).toEqual([{ date: '2026-11-10', value: 0.5 }, { date: '2026-11-11', value: 1 }, { date: '2026-11-12', value: 0.5 }]);
    expect(r.charts.top_stockouts).toEqual([{ sku: 'KPI-S', name: 'Scarce', stockout_days: 2, lost_revenue: 429, out_now: true }]);
    // Receiving stock ends it.
    await receiveStock({ input: { location: 'MAIN', lines: [{ sku: 'KPI-S', quantity: 5, unit_cost: 300 }] }, actor });
    expect((await db.stockoutPeriod.findUniqueOrThrow({ where: { id: period.id } })).endedAt).not.toBeNull();
    expect((await kpiReport(range)).stockouts.count_now).toBe(0);
  });

  it('says "No data yet" for refunds, returns, support and inventory accuracy instead of zeros', async () => {
    const r = await kpiReport(range);
    expect(r.refunds).toMatchObject({ count: null, amount: null, rate: null, currency: 'USD' });
    expect(r.refunds.reason).toMatch(/no data yet/i);
    expect(r.return_rate).toMatchObject({ value: null, reason: expect.stringMatching(/no data yet/i) });
    expect(r.support).toMatchObject({ first_response_median_hours: null, resolution_median_hours: null });
    expect(r.sla_breaches.count).toBeNull();
    expect(r.open_backlog.count).toBeNull();
    expect(r.inventory_accuracy.reason).toMatch(/cycle counts/i);
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
    const periods = await db.stockoutPeriod.findMany({ select: { variantId: true, endedAt: true }, orderBy: { id: 'asc' } });
    await rebuildKpiRollups();
    expect(await rollupFacts()).toEqual(before);
    expect(await db.stockoutPeriod.findMany({ select: { variantId: true, endedAt: true }, orderBy: { id: 'asc' } })).toHaveLength(periods.length);
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
    delete body.stockouts; delete report.stockouts; delete body.charts.top_stockouts; delete report.charts.top_stockouts;
    expect(body).toEqual(report);
    expect(body.fulfillment_rate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(body.refunds).toMatchObject({ count: null, amount: null, currency: 'USD' });
    // The cards are the same report, formatted.
    const cards = Object.fromEntries(kpiCards(await kpiReport(range)).map((c) => [c.id, c]));
    expect(cards['fulfillment-rate']).toMatchObject({ value: '75.0%', detail: '3 of 4 orders shipped complete' });
    expect(cards['on-time-ship-rate']).toMatchObject({ value: '66.7%', detail: '2 of 3 shipped by the promised date', href: '/orders?shipped_from=2026-11-10&shipped_to=2026-11-12&ship=late' });
    expect(cards['order-to-ship']).toMatchObject({ value: '12 h median', detail: 'p90 24 h · 3 orders' });
    expect(cards.orders).toMatchObject({ value: String(body.orders.count), detail: '1 cancelled' });
    expect(cards.refunds.noData).toBe(body.refunds.reason);
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
