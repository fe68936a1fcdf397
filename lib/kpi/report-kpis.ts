import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { bucketUpperHours, change, histogramPercentile, HOUR_BUCKETS, rate } from '@/lib/kpi/rules';
import { RETURN_REASON_METRIC_PREFIX } from '@/lib/kpi/facts';
import { RETURN_REASONS, type ReturnReason } from '@/lib/returns/rules';
import { inventoryAccuracy } from '@/lib/inventory/cycle-counts/rules';
import type { KpiFactSums, KpiReport, Point, RateKpi } from '@/lib/kpi/queries';
import type { supportKpiCounts } from '@/lib/support/queries';

/**
 * The dashboard's KPIs, one small pure function each, from the summed facts of a period and the
 * period before (kpiFactSums) and the few rows read beside them (stockout periods, ticket counts).
 * kpiReport (lib/kpi/queries.ts) reads and composes; definitions: docs/design.md "KPIs",
 * docs/decisions/014-kpi-rollups.md.
 */

/** The summed facts of a report, with the lookups every KPI uses. */
export type KpiFacts = {
  /** a metric's sum over the current ('cur') or previous ('prev') period */
  get: (period: 'cur' | 'prev', metric: string) => number;
  /** one point per sparkline bucket, from that bucket's sums */
  spark: (fn: (metric: (m: string) => number) => number | null) => Point[];
  /** an hour histogram's bucket counts (metrics `${prefix}0` … `${prefix}${HOUR_BUCKETS - 1}`) */
  hist: (period: 'cur' | 'prev', prefix: string) => number[];
  sums: KpiFactSums;
  buckets: { start: string; end: string }[];
  currency: string;
};

export function kpiFacts(
  sums: KpiFactSums,
  buckets: { start: string; end: string }[],
  currency: string,
): KpiFacts {
  const get = (p: 'cur' | 'prev', m: string) => sums[p].get(m) ?? 0;
  return {
    get,
    spark: (fn) =>
      buckets.map(({ start: date }) => ({
        date,
        value: fn((metric) => sums.series.get(date)?.get(metric) ?? 0),
      })),
    hist: (p, prefix) => Array.from({ length: HOUR_BUCKETS }, (_, k) => get(p, `${prefix}${k}`)),
    sums,
    buckets,
    currency,
  };
}

type Metric = (m: string) => number;

/** A ratio KPI: numerator ÷ denominator this period and the one before, with its sparkline. */
export function rateKpi(f: KpiFacts, num: (g: Metric) => number, den: (g: Metric) => number): RateKpi {
  const at = (p: 'cur' | 'prev') =>
    rate(
      num((m) => f.get(p, m)),
      den((m) => f.get(p, m)),
    );
  const cur = at('cur');
  const before = at('prev');
  return {
    ...cur,
    previous: before.value,
    change: change(cur.value, before.value),
    sparkline: f.spark((g) => rate(num(g), den(g)).value),
  };
}

/** Of the orders placed in range and not cancelled, the share shipped complete. */
export const fulfillmentRate = (f: KpiFacts) =>
  rateKpi(
    f,
    (g) => g('orders_shipped_complete'),
    (g) => g('orders_placed') - g('orders_cancelled'),
  );

/** Of the orders whose last shipment fell in range (shipped complete), the share by their ship-by. */
export const onTimeShipRate = (f: KpiFacts) =>
  rateKpi(
    f,
    (g) => g('ship_on_time'),
    (g) => g('ship_complete'),
  );

/** Median and p90 hours from placed to shipped complete (from the hour histogram). */
export function orderToShipHours(f: KpiFacts): KpiReport['order_to_ship_hours'] {
  const cur = f.hist('cur', 'ship_hours_b');
  const prev = f.hist('prev', 'ship_hours_b');
  const median = histogramPercentile(cur, 0.5);
  const prevMedian = histogramPercentile(prev, 0.5);
  return {
    median,
    p90: histogramPercentile(cur, 0.9),
    count: cur.reduce((a, b) => a + b, 0),
    previous: { median: prevMedian, p90: histogramPercentile(prev, 0.9) },
    change: change(median, prevMedian),
    // Sparkline: the mean hours of each day's completed orders (medians need the histogram per day).
    sparkline: f.spark((g) =>
      g('ship_complete') > 0 ? Math.round((g('ship_minutes_sum') / g('ship_complete') / 60) * 10) / 10 : null,
    ),
  };
}

export function ordersKpi(f: KpiFacts): KpiReport['orders'] {
  return {
    count: f.get('cur', 'orders_placed'),
    cancelled: f.get('cur', 'orders_cancelled'),
    previous: f.get('prev', 'orders_placed'),
    change: f.get('cur', 'orders_placed') - f.get('prev', 'orders_placed'),
    sparkline: f.spark((g) => g('orders_placed')),
  };
}

export function netSalesKpi(f: KpiFacts): KpiReport['net_sales'] {
  return {
    amount: f.get('cur', 'net_sales'),
    currency: f.currency,
    previous: f.get('prev', 'net_sales'),
    change: f.get('cur', 'net_sales') - f.get('prev', 'net_sales'),
    sparkline: f.spark((g) => g('net_sales')),
  };
}

/** (net sales − COGS) ÷ net sales (no margin without positive net sales). */
export function grossMarginKpi(f: KpiFacts): KpiReport['gross_margin'] {
  const margin = rateKpi(
    f,
    (g) => g('net_sales') - g('cogs'),
    (g) => (g('net_sales') > 0 ? g('net_sales') : 0),
  );
  return {
    ...margin,
    net_sales: f.get('cur', 'net_sales'),
    cogs: f.get('cur', 'cogs'),
    currency: f.currency,
  };
}

/**
 * Refunds issued in range (issue day, the order's channel); rate = refunded ÷ gross sales of the
 * orders placed in range (a refund may belong to an order of an earlier period).
 */
export function refundsKpi(f: KpiFacts): KpiReport['refunds'] {
  return {
    count: f.get('cur', 'refunds_count'),
    amount: f.get('cur', 'refunds_amount'),
    currency: f.currency,
    rate: rate(f.get('cur', 'refunds_amount'), f.get('cur', 'gross_sales')).value,
    gross_sales: f.get('cur', 'gross_sales'),
    previous: f.get('prev', 'refunds_amount'),
    change: f.get('cur', 'refunds_amount') - f.get('prev', 'refunds_amount'),
    sparkline: f.spark((g) => g('refunds_amount')),
  };
}

/** Units received back (day of the return's latest receipt) ÷ units shipped (shipment day). */
export const returnRateKpi = (f: KpiFacts) =>
  rateKpi(
    f,
    (g) => g('units_returned'),
    (g) => g('units_shipped'),
  );

/** Median hours to the first response and to resolution (hour histograms). */
export function supportTimesKpi(f: KpiFacts): KpiReport['support'] {
  const firstResponse = f.hist('cur', 'tickets_first_response_b');
  const resolution = f.hist('cur', 'tickets_resolution_b');
  return {
    first_response_median_hours: histogramPercentile(firstResponse, 0.5),
    first_response_count: firstResponse.reduce((a, b) => a + b, 0),
    resolution_median_hours: histogramPercentile(resolution, 0.5),
    resolution_count: resolution.reduce((a, b) => a + b, 0),
    previous: {
      first_response_median_hours: histogramPercentile(f.hist('prev', 'tickets_first_response_b'), 0.5),
      resolution_median_hours: histogramPercentile(f.hist('prev', 'tickets_resolution_b'), 0.5),
    },
    note: 'Support tickets belong to no sales channel: support figures ignore the channel filter.',
  };
}

type SupportCounts = Awaited<ReturnType<typeof supportKpiCounts>>;

/** SLA breaches in range and the period before (counted from tickets, decision 014). */
export function slaBreachesKpi(sup: SupportCounts): KpiReport['sla_breaches'] {
  const count = sup.breaches[0].first_response + sup.breaches[0].resolution;
  const previous = sup.breaches[1].first_response + sup.breaches[1].resolution;
  return {
    count,
    first_response: sup.breaches[0].first_response,
    resolution: sup.breaches[0].resolution,
    previous,
    change: count - previous,
    breached_now: sup.backlog.breached,
  };
}

export function openBacklogKpi(sup: SupportCounts): KpiReport['open_backlog'] {
  return {
    count: sup.backlog.open + sup.backlog.pending,
    open: sup.backlog.open,
    pending: sup.backlog.pending,
    at_risk: sup.backlog.at_risk,
  };
}

/**
 * Inventory accuracy: 1 − Σ|variance| ÷ Σ expected over the counts completed in range (completion
 * day, all channels: stock is shared). numerator = Σ expected − Σ|variance| (floored at 0), so
 * value = numerator ÷ denominator. No count completed in range → "No data yet", not a made-up 100 %.
 */
export function inventoryAccuracyKpi(f: KpiFacts): KpiReport['inventory_accuracy'] {
  const sheets = f.get('cur', 'count_sheets');
  const expected = f.get('cur', 'count_expected');
  const absVariance = f.get('cur', 'count_abs_variance');
  if (sheets <= 0)
    return {
      value: null,
      numerator: null,
      denominator: null,
      abs_variance: null,
      counts: 0,
      reason:
        'No data yet: no cycle count was completed in this range. Count a location under Inventory → Cycle counts.',
    };
  return {
    value: inventoryAccuracy(absVariance, expected),
    numerator: Math.max(0, expected - absVariance),
    denominator: expected,
    abs_variance: absVariance,
    counts: sheets,
    note: 'Stock is shared by every channel: inventory accuracy ignores the channel filter.',
  };
}

/** A SKU's stockout period as read (lib/kpi/queries.ts stockoutPeriods). */
export type StockoutPeriod = {
  sku: string;
  name: string;
  price: number;
  started_at: Date;
  ended_at: Date | null;
  baseline: number;
};

/** Days of a period inside [a, b], never past now. */
function overlapDays(p: StockoutPeriod, a: Date, b: Date, now: Date): number {
  const end = Math.min(b.getTime(), (p.ended_at ?? now).getTime(), now.getTime());
  return Math.max(0, end - Math.max(a.getTime(), p.started_at.getTime())) / 86_400_000;
}

const tenth = (n: number) => Math.round(n * 10) / 10;

/** Stockout days and lost revenue (days × baseline units a day × price) of the periods within [a, b]. */
function stockoutTotals(periods: StockoutPeriod[], a: Date, b: Date, now: Date) {
  let days = 0;
  let lost = 0;
  for (const p of periods) {
    const o = overlapDays(p, a, b, now);
    days += o;
    lost += o * p.baseline * p.price;
  }
  return { stockout_days: tenth(days), lost_revenue: Math.round(lost) };
}

/** The window a report covers, as instants: the range and the previous period's start. */
export type ReportWindow = { rangeStart: Date; rangeEnd: Date; prevStart: Date; now: Date; timezone: string };

/** Stockouts over all channels (stock is shared): now, in range, before, and per sparkline bucket. */
export function stockoutsKpi(
  f: KpiFacts,
  periods: StockoutPeriod[],
  countNow: number,
  w: ReportWindow,
): KpiReport['stockouts'] {
  const cur = stockoutTotals(periods, w.rangeStart, w.rangeEnd, w.now);
  const previous = stockoutTotals(periods, w.prevStart, w.rangeStart, w.now);
  return {
    count_now: countNow,
    ...cur,
    currency: f.currency,
    previous,
    change: tenth(cur.stockout_days - previous.stockout_days),
    sparkline: f.buckets.map(({ start: date, end }) => {
      const a = startOfDayIn(date, w.timezone);
      const b = endOfDayIn(end, w.timezone);
      return {
        date,
        value: a > w.now ? null : tenth(periods.reduce((s, p) => s + overlapDays(p, a, b, w.now), 0)),
      };
    }),
    note: 'Stock is shared by every channel: stockouts ignore the channel filter.',
  };
}

/** The ten SKUs that lost the most revenue to stockouts in range. */
export function topStockouts(
  periods: StockoutPeriod[],
  w: ReportWindow,
): KpiReport['charts']['top_stockouts'] {
  const bySku = new Map<string, KpiReport['charts']['top_stockouts'][number]>();
  for (const p of periods) {
    const o = overlapDays(p, w.rangeStart, w.rangeEnd, w.now);
    if (o <= 0) continue;
    const e = bySku.get(p.sku) ?? {
      sku: p.sku,
      name: p.name,
      stockout_days: 0,
      lost_revenue: 0,
      out_now: false,
    };
    e.stockout_days += o;
    e.lost_revenue += o * p.baseline * p.price;
    e.out_now ||= p.ended_at === null;
    bySku.set(p.sku, e);
  }
  return [...bySku.values()]
    .map((s) => ({ ...s, stockout_days: tenth(s.stockout_days), lost_revenue: Math.round(s.lost_revenue) }))
    .sort((a, b) => b.lost_revenue - a.lost_revenue || b.stockout_days - a.stockout_days)
    .slice(0, 10);
}

/** Ship-time groups the distribution chart shows (bucket upper edges in hours). */
const SHIP_TIME_GROUPS: { label: string; min: number; max: number | null }[] = [
  { label: 'Under 12 h', min: 0, max: 12 },
  { label: '12–24 h', min: 12, max: 24 },
  { label: '1–2 days', min: 24, max: 48 },
  { label: '2–3 days', min: 48, max: 72 },
  { label: '3–5 days', min: 72, max: 120 },
  { label: '5–7 days', min: 120, max: 168 },
  { label: '1–2 weeks', min: 168, max: 336 },
  { label: 'Over 2 weeks', min: 336, max: null },
];

/** The order-to-ship histogram folded into the chart's groups. */
export function shipTimeDistribution(f: KpiFacts): KpiReport['charts']['ship_time_distribution'] {
  const distribution = SHIP_TIME_GROUPS.map((g) => ({
    label: g.label,
    min_hours: g.min,
    max_hours: g.max,
    count: 0,
  }));
  f.hist('cur', 'ship_hours_b').forEach((n, k) => {
    const upper = bucketUpperHours(k);
    const group =
      distribution.find((g) => upper > g.min_hours && (g.max_hours === null || upper <= g.max_hours)) ??
      distribution[distribution.length - 1];
    group.count += n;
  });
  return distribution;
}

/** Units returned per reason in range, most first. */
export function returnsByReason(f: KpiFacts): KpiReport['charts']['returns_by_reason'] {
  return [...f.sums.cur.entries()]
    .filter(([m, v]) => m.startsWith(RETURN_REASON_METRIC_PREFIX) && v !== 0)
    .map(([m, units]) => {
      const reason = m.slice(RETURN_REASON_METRIC_PREFIX.length);
      return { reason, label: RETURN_REASONS[reason as ReturnReason]?.label ?? reason, units };
    })
    .sort((a, b) => b.units - a.units || a.label.localeCompare(b.label));
}

export function refundsOverTime(f: KpiFacts): KpiReport['charts']['refunds_over_time'] {
  return f.buckets.map(({ start: date }) => ({
    date,
    count: f.sums.series.get(date)?.get('refunds_count') ?? 0,
    amount: f.sums.series.get(date)?.get('refunds_amount') ?? 0,
  }));
}

/** Orders from placed (not cancelled) through packed and shipped to delivered. */
export function orderFunnel(f: KpiFacts): KpiReport['charts']['funnel'] {
  return [
    { stage: 'placed', count: f.get('cur', 'orders_placed') - f.get('cur', 'orders_cancelled') },
    { stage: 'packed', count: f.get('cur', 'orders_packed') },
    { stage: 'shipped', count: f.get('cur', 'orders_shipped_complete') },
    { stage: 'delivered', count: f.get('cur', 'orders_delivered') },
  ];
}

export function dailyByChannel(f: KpiFacts): KpiReport['charts']['daily_by_channel'] {
  return [...f.sums.byChannel.values()].sort((a, b) => (a.date + a.channel < b.date + b.channel ? -1 : 1));
}
