import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { kpiReport } from '@/lib/kpi/queries';
import { compactKpiFacts, monthlyRollupDrift, rebuildKpiRollups } from '@/lib/kpi/rebuild';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
// UTC shop: a placed_at's date is its shop day.
const place = (channel: string, day: string, unitPrice: number) =>
  createOrder({
    input: {
      channel,
      currency: 'USD',
      customer: { email: 'month@example.com', name: 'Mon Th' },
      shipping_address: address,
      lines: [{ sku: 'MON-A', quantity: 1, unit_price: unitPrice }],
      placed_at: `${day}T12:00:00.000Z`,
    } as never,
    actor,
  });

/*
 * The range 2026-07-30 … 2026-11-02 (96 days: sparklines per calendar month) has partial months at both
 * ends: whole months Aug, Sep, Oct from kpi_monthly, edge days Jul 30–31 and Nov 1–2 from kpi_daily.
 * Its previous period, 2026-04-25 … 2026-07-29 (96 days), has whole months May, Jun and edges
 * Apr 25–30, Jul 1–29. Orders (one unit each, subtotal = price):
 *
 *   day         channel  price  period / part read
 *   2026-04-24  web        100  before the previous period (not counted)
 *   2026-04-30  web        200  previous, head edge (daily)
 *   2026-06-10  shopify    400  previous, whole month June (monthly)
 *   2026-07-29  web        800  previous, tail edge (daily) — the same month as the next one
 *   2026-07-30  web      1_000  current, head edge (daily)
 *   2026-08-31  shopify  2_000  current, whole month August (monthly; its last day)
 *   2026-09-01  web      4_000  current, whole month September (monthly; its first day)
 *   2026-11-02  web      8_000  current, tail edge (daily) — placed after the compaction: still a delta
 *   2026-11-03  web     16_000  after the range (not counted)
 *
 * All channels: Jul 30, Aug 31, Sep 1, Nov 2 = 4 orders, gross sales 1_000 + 2_000 + 4_000 + 8_000 =
 *   15_000; previous: Apr 30, Jun 10, Jul 29 = 3 orders (200 + 400 + 800 = 1_400).
 * web only: 3 orders (Jul 30, Sep 1, Nov 2), 13_000; previous 2 orders (Apr 30, Jul 29), 1_000.
 * Monthly sparkline of orders: Jul 30 (Jul 30–31) 1, Aug 1 1, Sep 1 1, Oct 1 0, Nov 1 (Nov 1–2) 1.
 */
beforeAll(async () => {
  await makeLocations();
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'UTC' } });
  await makeProduct(['MON-A'], { price: 1_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'MON-A', quantity: 50, unit_cost: 10 }] },
    actor,
  });
  await place('web', '2026-04-24', 100);
  await place('web', '2026-04-30', 200);
  await place('shopify', '2026-06-10', 400);
  await place('web', '2026-07-29', 800);
  await place('web', '2026-07-30', 1_000);
  await place('shopify', '2026-08-31', 2_000);
  await place('web', '2026-09-01', 4_000);
  // Everything so far into kpi_daily and kpi_monthly; the last two stay pending deltas.
  await compactKpiFacts();
  await place('web', '2026-11-02', 8_000);
  await place('web', '2026-11-03', 16_000);
});

describe('monthly KPI rollups', () => {
  it(
    'read a range with partial months at both ends: whole months from kpi_monthly, edge days from ' +
      'kpi_daily, deltas pending',
    async () => {
      expect(await db.kpiMonthly.count()).toBeGreaterThan(0);
      expect(await db.kpiFactDelta.count()).toBeGreaterThan(0);
      const r = await kpiReport({ from: '2026-07-30', to: '2026-11-02' });
      expect(r.range).toMatchObject({
        days: 96,
        previous: { from: '2026-04-25', to: '2026-07-29' },
        sparkline_step: 'month',
        sparkline_step_days: 30,
      });
      expect(r.orders).toMatchObject({ count: 4, previous: 3, change: 1 });
      expect(r.refunds.gross_sales).toBe(15_000);
      expect(r.orders.sparkline).toEqual([
        { date: '2026-07-30', value: 1 },
        { date: '2026-08-01', value: 1 },
        { date: '2026-09-01', value: 1 },
        { date: '2026-10-01', value: 0 },
        { date: '2026-11-01', value: 1 },
      ]);
      // Long ranges chart orders per calendar month and channel (the sales were posted today, after the
      // range, so net sales are 0 here): Jul 30–31 web 1, Aug shopify 1, Sep web 1, Nov 1–2 web 1.
      expect(r.charts.daily_by_channel).toEqual([
        { date: '2026-07-30', channel: 'web', orders: 1, net_sales: 0 },
        { date: '2026-08-01', channel: 'shopify', orders: 1, net_sales: 0 },
        { date: '2026-09-01', channel: 'web', orders: 1, net_sales: 0 },
        { date: '2026-11-01', channel: 'web', orders: 1, net_sales: 0 },
      ]);

      const web = await kpiReport({ from: '2026-07-30', to: '2026-11-02', channel: 'web' });
      expect(web.orders).toMatchObject({ count: 3, previous: 2 });
      expect(web.refunds.gross_sales).toBe(13_000);
      expect(web.orders.sparkline.map((p) => p.value)).toEqual([1, 0, 1, 0, 1]);
    },
  );

  it(
    'give the same figures after compaction and after a ' +
      'rebuild, with kpi_monthly = Σ kpi_daily per month',
    async () => {
      const before = await kpiReport({ from: '2026-07-30', to: '2026-11-02' });
      await compactKpiFacts();
      expect(await db.kpiFactDelta.count()).toBe(0);
      expect(await monthlyRollupDrift()).toEqual([]);
      expect(await kpiReport({ from: '2026-07-30', to: '2026-11-02' })).toEqual(before);
      await rebuildKpiRollups();
      expect(await monthlyRollupDrift()).toEqual([]);
      expect(await kpiReport({ from: '2026-07-30', to: '2026-11-02' })).toEqual(before);
      // November 2026: 8_000 + 16_000 from the monthly row alone (a whole-month range, monthly sparkline).
      const year = await kpiReport({ from: '2026-01-01', to: '2026-12-31' });
      expect(year.orders.count).toBe(9);
      expect(year.orders.sparkline.find((p) => p.date === '2026-11-01')?.value).toBe(2);
      expect(year.refunds.gross_sales).toBe(100 + 200 + 400 + 800 + 1_000 + 2_000 + 4_000 + 8_000 + 16_000);
    },
  );
});
