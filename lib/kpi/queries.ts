import 'server-only';
import { db, type Tx } from '@/lib/db';
import { endOfDayIn, startOfDayIn, todayIn } from '@/lib/dates';
import {
  bucketUpperHours,
  change,
  daysInRange,
  histogramPercentile,
  HOUR_BUCKETS,
  previousPeriod,
  rate,
  sparklineBuckets,
  sparklineStep,
  splitByWholeMonths,
  type SparklineStep,
} from '@/lib/kpi/rules';
import type { TKpiQuery } from '@/lib/kpi/schemas';
import { RETURN_REASON_METRIC_PREFIX } from '@/lib/kpi/facts';
import { RETURN_REASONS, type ReturnReason } from '@/lib/returns/rules';
import { supportKpiCounts } from '@/lib/support/queries';
import { inventoryAccuracy } from '@/lib/inventory/cycle-counts/rules';
import { feedbackKpis, type FeedbackKpis } from '@/lib/feedback/kpis';

export type Point = { date: string; value: number | null };
export type RateKpi = {
  value: number | null;
  numerator: number;
  denominator: number;
  previous: number | null;
  change: number | null;
  sparkline: Point[];
};
/** A KPI whose records are not kept yet: null values and the reason, never a made-up zero. */
export type NoData = { reason: string };

export type KpiReport = {
  range: {
    from: string;
    to: string;
    channel: string | null;
    timezone: string;
    days: number;
    previous: { from: string; to: string };
    sparkline_step_days: number;
    sparkline_step: SparklineStep;
  };
  currency: string;
  fulfillment_rate: RateKpi;
  on_time_ship_rate: RateKpi;
  order_to_ship_hours: {
    median: number | null;
    p90: number | null;
    count: number;
    previous: { median: number | null; p90: number | null };
    change: number | null;
    sparkline: Point[];
  };
  orders: { count: number; cancelled: number; previous: number; change: number | null; sparkline: Point[] };
  net_sales: {
    amount: number;
    currency: string;
    previous: number;
    change: number | null;
    sparkline: Point[];
  };
  gross_margin: RateKpi & { net_sales: number; cogs: number; currency: string };
  stockouts: {
    count_now: number;
    stockout_days: number;
    lost_revenue: number;
    currency: string;
    previous: { stockout_days: number; lost_revenue: number };
    change: number | null;
    sparkline: Point[];
    note: string;
  };
  refunds: {
    count: number;
    amount: number;
    currency: string;
    rate: number | null;
    gross_sales: number;
    previous: number;
    change: number;
    sparkline: Point[];
  };
  return_rate: RateKpi;
  support: {
    first_response_median_hours: number | null;
    first_response_count: number;
    resolution_median_hours: number | null;
    resolution_count: number;
    previous: { first_response_median_hours: number | null; resolution_median_hours: number | null };
    note: string;
  };
  sla_breaches: {
    count: number;
    first_response: number;
    resolution: number;
    previous: number;
    change: number;
    breached_now: number;
  };
  open_backlog: { count: number; open: number; pending: number; at_risk: number };
  inventory_accuracy: {
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    abs_variance: number | null;
    counts: number;
    note?: string;
  } & Partial<NoData>;
  /** CSAT, delivery rating, share of 4–5, response rate (lib/feedback/kpis.ts) */
  feedback: FeedbackKpis;
  charts: {
    /** per sparkline step (a day, or a calendar month over 92 days) and channel, dated by the step's first day */
    daily_by_channel: { date: string; channel: string; orders: number; net_sales: number }[];
    funnel: { stage: 'placed' | 'packed' | 'shipped' | 'delivered'; count: number }[];
    ship_time_distribution: { label: string; min_hours: number; max_hours: number | null; count: number }[];
    top_stockouts: {
      sku: string;
      name: string;
      stockout_days: number;
      lost_revenue: number;
      out_now: boolean;
    }[];
    returns_by_reason: { reason: string; label: string; units: number }[];
    refunds_over_time: { date: string; count: number; amount: number }[];
  };
};

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

/** Metrics summed per sparkline bucket too (histogram buckets, ending in a digit, only per period). */
const isHistogramSql = `right(metric, 1) BETWEEN '0' AND '9'`;

export type KpiFactSums = {
  /** Σ per metric over the range and over the previous equal period */
  cur: Map<string, number>;
  prev: Map<string, number>;
  /** Σ per sparkline bucket (by its first day) and metric, histogram buckets left out */
  series: Map<string, Map<string, number>>;
  /** orders_placed and net_sales per day and channel ('' = none); daily steps only */
  byChannel: Map<string, { date: string; channel: string; orders: number; net_sales: number }>;
};

/**
 * The rollup facts of [from, to] and of the previous equal period, in one statement (one snapshot):
 * whole calendar months from kpi_monthly, the edge days from kpi_daily, the pending deltas of every
 * day from kpi_fact_deltas. Compaction and the rebuild keep kpi_monthly = Σ kpi_daily per month in
 * every snapshot, so each fact counts once. With daily sparklines the range itself is read from
 * kpi_daily (a point per day); with monthly ones its whole months come from kpi_monthly as well.
 * Support facts carry channel '' and count under any channel filter. Decision 014.
 */
export async function kpiFactSums(
  options: { from: string; to: string; channel: string | null; step: SparklineStep },
  tx: Tx = db,
): Promise<KpiFactSums> {
  const { from, to, channel, step } = options;
  const prev = previousPeriod(from, to);
  const prevSplit = splitByWholeMonths(prev.from, prev.to);
  const curSplit =
    step === 'month'
      ? splitByWholeMonths(from, to)
      : { months: null, days: [[from, to] as [string, string]] };
  const months = [prevSplit.months, curSplit.months].filter((m): m is [string, string] => m !== null);
  const days = [...prevSplit.days, ...curSplit.days];
  // For one channel, `channel = ANY(…)` is an index condition (the key's second column): the rows of
  // other channels are skipped in the index, not fetched and filtered.
  // Support and cycle-count facts carry channel '' and count under any channel filter.
  const channelFilter =
    channel === null
      ? '$7::text IS NULL'
      : `channel = ANY(ARRAY[$7::text, '']) AND (channel = $7::text OR left(metric, 8) = 'tickets_' OR left(metric, 6) = 'count_')`;
  // LATERAL: one index range scan per month range and per day range (at most two and four).
  const rows = await tx.$queryRawUnsafe<
    { cur: boolean; spark: string | null; ch: string; metric: string; value: number }[]
  >(
    `WITH f AS (
       SELECT m.month AS day, m.channel, m.metric, m.value
       FROM unnest($1::date[], $2::date[]) AS r(lo, hi)
       CROSS JOIN LATERAL (SELECT month, channel, metric, value FROM kpi_monthly WHERE month BETWEEN r.lo AND r.hi AND ${channelFilter}) m
       UNION ALL
       SELECT d.day, d.channel, d.metric, d.value
       FROM unnest($3::date[], $4::date[]) AS r(lo, hi)
       CROSS JOIN LATERAL (SELECT day, channel, metric, value FROM kpi_daily WHERE day BETWEEN r.lo AND r.hi AND ${channelFilter}) d
       UNION ALL
       SELECT day, channel, metric, value FROM kpi_fact_deltas WHERE day BETWEEN $9::date AND $6::date AND ${channelFilter}
     )
     SELECT day >= $5::date AS cur,
            CASE WHEN day >= $5::date AND NOT (${isHistogramSql})
                 THEN (CASE WHEN $8::boolean THEN greatest($5::date, date_trunc('month', day)::date) ELSE day END)::text END AS spark,
            CASE WHEN day >= $5::date AND metric IN ('orders_placed', 'net_sales') THEN channel ELSE '*' END AS ch,
            metric, sum(value)::float8 AS value
     FROM f GROUP BY 1, 2, 3, 4`,
    months.map((m) => m[0]),
    months.map((m) => m[1]),
    days.map((d) => d[0]),
    days.map((d) => d[1]),
    from,
    to,
    channel,
    step === 'month',
    prev.from,
  );
  const sums: KpiFactSums = { cur: new Map(), prev: new Map(), series: new Map(), byChannel: new Map() };
  for (const r of rows) {
    const t = r.cur ? sums.cur : sums.prev;
    t.set(r.metric, (t.get(r.metric) ?? 0) + r.value);
    if (r.spark) {
      const s = sums.series.get(r.spark) ?? new Map<string, number>();
      s.set(r.metric, (s.get(r.metric) ?? 0) + r.value);
      sums.series.set(r.spark, s);
    }
    if (r.cur && r.spark && r.ch !== '*') {
      const key = `${r.spark}|${r.ch}`;
      const e = sums.byChannel.get(key) ?? {
        date: r.spark,
        channel: r.ch || 'none',
        orders: 0,
        net_sales: 0,
      };
      if (r.metric === 'orders_placed') e.orders += r.value;
      else e.net_sales += r.value;
      sums.byChannel.set(key, e);
    }
  }
  return sums;
}

/**
 * The dashboard's KPIs over [from, to] (shop-timezone days) and an optional channel, with the previous
 * equal period and sparklines (a point per day up to 92 days, else per calendar month), read from the
 * rollups in one statement (kpiFactSums), plus the small stockout table and the ticket counts. Definitions: docs/design.md "KPIs", docs/decisions/014-kpi-rollups.md.
 */
export async function kpiReport(query: TKpiQuery, tx: Tx = db, now = new Date()): Promise<KpiReport> {
  const { from, to } = query;
  const channel = query.channel ?? null;
  const prev = previousPeriod(from, to);
  const days = daysInRange(from, to);
  const step = sparklineStep(days);
  const buckets = sparklineBuckets(from, to, step);

  const [settings] = await tx.$queryRaw<
    { currency: string; timezone: string }[]
  >`SELECT currency, timezone FROM shop_settings WHERE id = 1`;
  const tz = settings.timezone;
  const currency = settings.currency;

  const { cur, prev: before, series, byChannel } = await kpiFactSums({ from, to, channel, step }, tx);
  const total = { cur, prev: before };
  const get = (p: 'cur' | 'prev', m: string) => total[p].get(m) ?? 0;
  const spark = (fn: (m: (metric: string) => number) => number | null): Point[] =>
    buckets.map(({ start: date }) => ({ date, value: fn((metric) => series.get(date)?.get(metric) ?? 0) }));
  const hist = (p: 'cur' | 'prev', prefix: string) =>
    Array.from({ length: HOUR_BUCKETS }, (_, k) => get(p, `${prefix}${k}`));

  const rateKpi = (
    num: (g: (m: string) => number) => number,
    den: (g: (m: string) => number) => number,
  ): RateKpi => {
    const cur = rate(
      num((m) => get('cur', m)),
      den((m) => get('cur', m)),
    );
    const before = rate(
      num((m) => get('prev', m)),
      den((m) => get('prev', m)),
    );
    return {
      ...cur,
      previous: before.value,
      change: change(cur.value, before.value),
      sparkline: spark((g) => rate(num(g), den(g)).value),
    };
  };

  // Fulfillment rate: of the orders placed in range and not cancelled, the share shipped complete.
  const fulfillment_rate = rateKpi(
    (g) => g('orders_shipped_complete'),
    (g) => g('orders_placed') - g('orders_cancelled'),
  );
  // On-time: of the orders whose last shipment fell in range (shipped complete), the share by ship-by.
  const on_time_ship_rate = rateKpi(
    (g) => g('ship_on_time'),
    (g) => g('ship_complete'),
  );

  const shipHist = hist('cur', 'ship_hours_b');
  const shipHistPrev = hist('prev', 'ship_hours_b');
  const median = histogramPercentile(shipHist, 0.5);
  const prevMedian = histogramPercentile(shipHistPrev, 0.5);
  const order_to_ship_hours = {
    median,
    p90: histogramPercentile(shipHist, 0.9),
    count: shipHist.reduce((a, b) => a + b, 0),
    previous: { median: prevMedian, p90: histogramPercentile(shipHistPrev, 0.9) },
    change: change(median, prevMedian),
    // Sparkline: the mean hours of each day's completed orders (medians need the histogram per day).
    sparkline: spark((g) =>
      g('ship_complete') > 0 ? Math.round((g('ship_minutes_sum') / g('ship_complete') / 60) * 10) / 10 : null,
    ),
  };

  const orders = {
    count: get('cur', 'orders_placed'),
    cancelled: get('cur', 'orders_cancelled'),
    previous: get('prev', 'orders_placed'),
    change: get('cur', 'orders_placed') - get('prev', 'orders_placed'),
    sparkline: spark((g) => g('orders_placed')),
  };
  const net_sales = {
    amount: get('cur', 'net_sales'),
    currency,
    previous: get('prev', 'net_sales'),
    change: get('cur', 'net_sales') - get('prev', 'net_sales'),
    sparkline: spark((g) => g('net_sales')),
  };
  const margin = rateKpi(
    (g) => g('net_sales') - g('cogs'),
    (g) => (g('net_sales') > 0 ? g('net_sales') : 0),
  );
  const gross_margin = { ...margin, net_sales: get('cur', 'net_sales'), cogs: get('cur', 'cogs'), currency };

  // Stockouts (all channels: stock is shared).
  const rangeStart = startOfDayIn(from, tz);
  const rangeEnd = endOfDayIn(to, tz);
  const prevStart = startOfDayIn(prev.from, tz);
  const [stockNow] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM variants v
    WHERE v.status = 'active' AND coalesce((SELECT sum(on_hand - reserved) FROM stock_levels l WHERE l.variant_id = v.id), 0) <= 0`;
  const periods = await tx.$queryRaw<
    {
      variant_id: string;
      sku: string;
      name: string;
      price: number;
      started_at: Date;
      ended_at: Date | null;
      baseline: number;
    }[]
  >`
    SELECT p.variant_id::text, v.sku, pr.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name, v.price, p.started_at, p.ended_at, p.baseline_daily_units AS baseline
    FROM stockout_periods p JOIN variants v ON v.id = p.variant_id JOIN products pr ON pr.id = v.product_id
    WHERE v.status = 'active' AND p.started_at < ${rangeEnd} AND (p.ended_at IS NULL OR p.ended_at > ${prevStart})`;
  const overlapDays = (p: { started_at: Date; ended_at: Date | null }, a: Date, b: Date) => {
    const end = Math.min(b.getTime(), (p.ended_at ?? now).getTime(), now.getTime());
    return Math.max(0, end - Math.max(a.getTime(), p.started_at.getTime())) / 86_400_000;
  };
  const stockoutTotals = (a: Date, b: Date) => {
    let d = 0;
    let lost = 0;
    for (const p of periods) {
      const o = overlapDays(p, a, b);
      d += o;
      lost += o * p.baseline * p.price;
    }
    return { stockout_days: Math.round(d * 10) / 10, lost_revenue: Math.round(lost) };
  };
  const curStock = stockoutTotals(rangeStart, rangeEnd);
  const prevStock = stockoutTotals(prevStart, rangeStart);
  const bySku = new Map<
    string,
    { sku: string; name: string; stockout_days: number; lost_revenue: number; out_now: boolean }
  >();
  for (const p of periods) {
    const o = overlapDays(p, rangeStart, rangeEnd);
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
  const stockouts = {
    count_now: stockNow.n,
    ...curStock,
    currency,
    previous: prevStock,
    change: Math.round((curStock.stockout_days - prevStock.stockout_days) * 10) / 10,
    sparkline: buckets.map(({ start: date, end }) => {
      const a = startOfDayIn(date, tz);
      const b = endOfDayIn(end, tz);
      return {
        date,
        value: a > now ? null : Math.round(periods.reduce((s, p) => s + overlapDays(p, a, b), 0) * 10) / 10,
      };
    }),
    note: 'Stock is shared by every channel: stockouts ignore the channel filter.',
  };

  // Refunds: issued in range (issue day, the order's channel); rate = refunded ÷ gross sales of the
  // orders placed in range (a refund may belong to an order of an earlier period).
  const refunds = {
    count: get('cur', 'refunds_count'),
    amount: get('cur', 'refunds_amount'),
    currency,
    rate: rate(get('cur', 'refunds_amount'), get('cur', 'gross_sales')).value,
    gross_sales: get('cur', 'gross_sales'),
    previous: get('prev', 'refunds_amount'),
    change: get('cur', 'refunds_amount') - get('prev', 'refunds_amount'),
    sparkline: spark((g) => g('refunds_amount')),
  };
  // Return rate: units received back (day of the return's latest receipt) ÷ units shipped (shipment day).
  const return_rate = rateKpi(
    (g) => g('units_returned'),
    (g) => g('units_shipped'),
  );
  const firstResponse = hist('cur', 'tickets_first_response_b');
  const resolution = hist('cur', 'tickets_resolution_b');
  const support = {
    first_response_median_hours: histogramPercentile(firstResponse, 0.5),
    first_response_count: firstResponse.reduce((a, b) => a + b, 0),
    resolution_median_hours: histogramPercentile(resolution, 0.5),
    resolution_count: resolution.reduce((a, b) => a + b, 0),
    previous: {
      first_response_median_hours: histogramPercentile(hist('prev', 'tickets_first_response_b'), 0.5),
      resolution_median_hours: histogramPercentile(hist('prev', 'tickets_resolution_b'), 0.5),
    },
    note: 'Support tickets belong to no sales channel: support figures ignore the channel filter.',
  };
  // SLA breaches and the backlog: read from tickets directly (few rows, index probes; breaches of a
  // running clock happen without an event, so a rollup would need a job). Decision 014.
  const sup = await supportKpiCounts(
    [
      { from: rangeStart, to: rangeEnd },
      { from: prevStart, to: rangeStart },
    ],
    now,
    tx,
  );
  const breachCount = sup.breaches[0].first_response + sup.breaches[0].resolution;
  const breachPrev = sup.breaches[1].first_response + sup.breaches[1].resolution;
  const sla_breaches = {
    count: breachCount,
    first_response: sup.breaches[0].first_response,
    resolution: sup.breaches[0].resolution,
    previous: breachPrev,
    change: breachCount - breachPrev,
    breached_now: sup.backlog.breached,
  };
  const open_backlog = {
    count: sup.backlog.open + sup.backlog.pending,
    open: sup.backlog.open,
    pending: sup.backlog.pending,
    at_risk: sup.backlog.at_risk,
  };
  // Inventory accuracy: 1 − Σ|variance| ÷ Σ expected over the counts completed in range (completion
  // day, all channels: stock is shared). numerator = Σ expected − Σ|variance| (floored at 0), so
  // value = numerator ÷ denominator. No count completed in range → "No data yet", not a made-up 100 %.
  const countSheets = get('cur', 'count_sheets');
  const countExpected = get('cur', 'count_expected');
  const countAbsVariance = get('cur', 'count_abs_variance');
  const inventory_accuracy =
    countSheets > 0
      ? {
          value: inventoryAccuracy(countAbsVariance, countExpected),
          numerator: Math.max(0, countExpected - countAbsVariance),
          denominator: countExpected,
          abs_variance: countAbsVariance,
          counts: countSheets,
          note: 'Stock is shared by every channel: inventory accuracy ignores the channel filter.',
        }
      : {
          value: null,
          numerator: null,
          denominator: null,
          abs_variance: null,
          counts: 0,
          reason:
            'No data yet: no cycle count was completed in this range. Count a location under Inventory → Cycle counts.',
        };

  const returns_by_reason = [...total.cur.entries()]
    .filter(([m, v]) => m.startsWith(RETURN_REASON_METRIC_PREFIX) && v !== 0)
    .map(([m, units]) => {
      const reason = m.slice(RETURN_REASON_METRIC_PREFIX.length);
      return { reason, label: RETURN_REASONS[reason as ReturnReason]?.label ?? reason, units };
    })
    .sort((a, b) => b.units - a.units || a.label.localeCompare(b.label));
  const refunds_over_time = buckets.map(({ start: date }) => ({
    date,
    count: series.get(date)?.get('refunds_count') ?? 0,
    amount: series.get(date)?.get('refunds_amount') ?? 0,
  }));

  const distribution = SHIP_TIME_GROUPS.map((g) => ({
    label: g.label,
    min_hours: g.min,
    max_hours: g.max,
    count: 0,
  }));
  shipHist.forEach((n, k) => {
    const upper = bucketUpperHours(k);
    const group =
      distribution.find((g) => upper > g.min_hours && (g.max_hours === null || upper <= g.max_hours)) ??
      distribution[distribution.length - 1];
    group.count += n;
  });

  return {
    range: {
      from,
      to,
      channel,
      timezone: tz,
      days,
      previous: prev,
      sparkline_step_days: step === 'day' ? 1 : 30,
      sparkline_step: step,
    },
    currency,
    fulfillment_rate,
    on_time_ship_rate,
    order_to_ship_hours,
    orders,
    net_sales,
    gross_margin,
    stockouts,
    refunds,
    return_rate,
    support,
    sla_breaches,
    open_backlog,
    inventory_accuracy,
    feedback: feedbackKpis(
      (m) => get('cur', m),
      (m) => get('prev', m),
      spark,
    ),
    charts: {
      daily_by_channel: [...byChannel.values()].sort((a, b) =>
        a.date + a.channel < b.date + b.channel ? -1 : 1,
      ),
      funnel: [
        { stage: 'placed', count: get('cur', 'orders_placed') - get('cur', 'orders_cancelled') },
        { stage: 'packed', count: get('cur', 'orders_packed') },
        { stage: 'shipped', count: get('cur', 'orders_shipped_complete') },
        { stage: 'delivered', count: get('cur', 'orders_delivered') },
      ],
      ship_time_distribution: distribution,
      top_stockouts: [...bySku.values()]
        .map((s) => ({
          ...s,
          stockout_days: Math.round(s.stockout_days * 10) / 10,
          lost_revenue: Math.round(s.lost_revenue),
        }))
        .sort((a, b) => b.lost_revenue - a.lost_revenue || b.stockout_days - a.stockout_days)
        .slice(0, 10),
      returns_by_reason,
      refunds_over_time,
    },
  };
}

/** Today in the shop's timezone (for presets). */
export async function shopToday(tx: Tx = db): Promise<{ today: string; timezone: string }> {
  const row = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  const timezone = row?.timezone ?? 'UTC';
  return { today: todayIn(timezone), timezone };
}

export type NeedsAttention = {
  held_for_review: number;
  on_hold: number;
  past_ship_by: number;
  shipment_exceptions: number;
  below_reorder_point: number;
  /** unsolved tickets whose running SLA clock is due within the hour (the inbox's "at risk" view) */
  tickets_at_risk: number;
  /** unsolved tickets past an SLA due time (the inbox's "breached" view) */
  tickets_breached: number;
};

/**
 * What needs someone now: orders waiting for fraud review or on hold, open orders past their ship-by
 * date, parcels in exception, active SKUs at or below their reorder point, tickets about to breach
 * (or past) their SLA. Small indexed counts.
 */
export async function needsAttention(tx: Tx = db, now = new Date()): Promise<NeedsAttention> {
  const { backlog } = await supportKpiCounts([], now, tx);
  const [row] = await tx.$queryRaw<Omit<NeedsAttention, 'tickets_at_risk' | 'tickets_breached'>[]>`
    SELECT
      (SELECT count(*)::int FROM orders WHERE status = 'pending_review') AS held_for_review,
      (SELECT count(*)::int FROM orders WHERE status = 'on_hold') AS on_hold,
      (SELECT count(*)::int FROM orders WHERE status IN ('open', 'partially_fulfilled') AND promised_ship_by < ${now}) AS past_ship_by,
      (SELECT count(*)::int FROM shipments WHERE status = 'exception') AS shipment_exceptions,
      (SELECT count(*)::int FROM variants v WHERE v.status = 'active' AND v.reorder_point > 0
         AND coalesce((SELECT sum(on_hand - reserved) FROM stock_levels l WHERE l.variant_id = v.id), 0) <= v.reorder_point) AS below_reorder_point`;
  return { ...row, tickets_at_risk: backlog.at_risk, tickets_breached: backlog.breached };
}
