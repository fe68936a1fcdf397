import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { daysInRange, endOfDayIn, startOfDayIn, todayIn } from '@/lib/dates';
import {
  previousPeriod,
  sparklineBuckets,
  sparklineStep,
  splitByWholeMonths,
  type SparklineStep,
} from '@/lib/kpi/rules';
import type { TKpiQuery } from '@/lib/kpi/schemas';
import { supportKpiCounts } from '@/lib/support/queries';
import { PAYMENT_DUE_HOLD_REASON } from '@/lib/orders/rules';
import { skuAtOrBelowReorderPointSql } from '@/lib/inventory/queries';
import { countAwaitingReviewSql } from '@/lib/inventory/cycle-counts/queries';
import { returnStageWhere } from '@/lib/returns/queries';
import { feedbackKpis, type FeedbackKpis } from '@/lib/feedback/kpis';
import {
  dailyByChannel,
  fulfillmentRate,
  grossMarginKpi,
  inventoryAccuracyKpi,
  kpiFacts,
  netSalesKpi,
  onTimeShipRate,
  openBacklogKpi,
  orderFunnel,
  ordersKpi,
  orderToShipHours,
  refundsKpi,
  refundsOverTime,
  returnRateKpi,
  returnsByReason,
  shipTimeDistribution,
  slaBreachesKpi,
  stockoutsKpi,
  supportTimesKpi,
  topStockouts,
  type ReportWindow,
  type StockoutPeriod,
} from '@/lib/kpi/report-kpis';

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
      : `channel = ANY(ARRAY[$7::text, '']) AND (channel = $7::text OR left(metric, 8) = 'tickets_' ` +
        `OR left(metric, 6) = 'count_')`;
  // LATERAL: one index range scan per month range and per day range (at most two and four).
  const rows = await tx.$queryRawUnsafe<
    { cur: boolean; spark: string | null; ch: string; metric: string; value: number }[]
  >(
    `WITH f AS (
       SELECT m.month AS day, m.channel, m.metric, m.value
       FROM unnest($1::date[], $2::date[]) AS r(lo, hi)
       CROSS JOIN LATERAL (SELECT month, channel, metric, value FROM kpi_monthly WHERE month BETWEEN
         r.lo AND r.hi AND ${channelFilter}) m
       UNION ALL
       SELECT d.day, d.channel, d.metric, d.value
       FROM unnest($3::date[], $4::date[]) AS r(lo, hi)
       CROSS JOIN LATERAL (SELECT day, channel, metric, value FROM kpi_daily WHERE day BETWEEN r.lo
         AND r.hi AND ${channelFilter}) d
       UNION ALL
       SELECT day, channel, metric, value FROM kpi_fact_deltas WHERE day BETWEEN $9::date AND
         $6::date AND ${channelFilter}
     )
     SELECT day >= $5::date AS cur,
            CASE WHEN day >= $5::date AND NOT (${isHistogramSql})
                 THEN (CASE WHEN $8::boolean THEN greatest($5::date, date_trunc('month', day)::date)
                   ELSE day END)::text END AS spark,
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

/** Active SKUs with no available units left across locations, now. */
async function stockoutsNow(tx: Tx): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM variants v
    WHERE v.status = 'active' AND coalesce((SELECT sum(on_hand - reserved) FROM stock_levels l WHERE
      l.variant_id = v.id), 0) <= 0`;
  return row.n;
}

/** Stockout periods of active SKUs that overlap [from, to) (the previous period's start to the range's end). */
async function stockoutPeriods(tx: Tx, from: Date, to: Date): Promise<StockoutPeriod[]> {
  return tx.$queryRaw<StockoutPeriod[]>`
    SELECT v.sku, pr.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name, v.price,
           p.started_at, p.ended_at, p.baseline_daily_units AS baseline
    FROM stockout_periods p JOIN variants v ON v.id = p.variant_id JOIN products pr ON pr.id = v.product_id
    WHERE v.status = 'active' AND p.started_at < ${to} AND (p.ended_at IS NULL OR p.ended_at > ${from})`;
}

/**
 * The dashboard's KPIs over [from, to] (shop-timezone days) and an optional channel, with the previous
 * equal period and sparklines (a point per day up to 92 days, else per calendar month). It only reads:
 * the rollups in one statement (kpiFactSums), the stockout periods and the ticket counts; each KPI is
 * one pure function of lib/kpi/report-kpis.ts. Compaction is the background job's (kpi.compact).
 * Definitions: docs/design.md "KPIs", docs/decisions/014-kpi-rollups.md.
 */
export async function kpiReport(query: TKpiQuery, tx: Tx = db, now = new Date()): Promise<KpiReport> {
  const { from, to } = query;
  const channel = query.channel ?? null;
  const prev = previousPeriod(from, to);
  const days = daysInRange(from, to);
  const step = sparklineStep(days);
  const [settings] = await tx.$queryRaw<
    { currency: string; timezone: string }[]
  >`SELECT currency, timezone FROM shop_settings WHERE id = 1`;
  const { currency, timezone } = settings;
  const w: ReportWindow = {
    rangeStart: startOfDayIn(from, timezone),
    rangeEnd: endOfDayIn(to, timezone),
    prevStart: startOfDayIn(prev.from, timezone),
    now,
    timezone,
  };
  const f = kpiFacts(
    await kpiFactSums({ from, to, channel, step }, tx),
    sparklineBuckets(from, to, step),
    currency,
  );
  const countNow = await stockoutsNow(tx);
  const periods = await stockoutPeriods(tx, w.prevStart, w.rangeEnd);
  // SLA breaches and the backlog: read from tickets directly (few rows, index probes; breaches of a
  // running clock happen without an event, so a rollup would need a job). Decision 014.
  const sup = await supportKpiCounts(
    [
      { from: w.rangeStart, to: w.rangeEnd },
      { from: w.prevStart, to: w.rangeStart },
    ],
    now,
    tx,
  );
  return {
    range: {
      from,
      to,
      channel,
      timezone,
      days,
      previous: prev,
      sparkline_step_days: step === 'day' ? 1 : 30,
      sparkline_step: step,
    },
    currency,
    fulfillment_rate: fulfillmentRate(f),
    on_time_ship_rate: onTimeShipRate(f),
    order_to_ship_hours: orderToShipHours(f),
    orders: ordersKpi(f),
    net_sales: netSalesKpi(f),
    gross_margin: grossMarginKpi(f),
    stockouts: stockoutsKpi(f, periods, countNow, w),
    refunds: refundsKpi(f),
    return_rate: returnRateKpi(f),
    support: supportTimesKpi(f),
    sla_breaches: slaBreachesKpi(sup),
    open_backlog: openBacklogKpi(sup),
    inventory_accuracy: inventoryAccuracyKpi(f),
    feedback: feedbackKpis(
      (m) => f.get('cur', m),
      (m) => f.get('prev', m),
      f.spark,
    ),
    charts: {
      daily_by_channel: dailyByChannel(f),
      funnel: orderFunnel(f),
      ship_time_distribution: shipTimeDistribution(f),
      top_stockouts: topStockouts(periods, w),
      returns_by_reason: returnsByReason(f),
      refunds_over_time: refundsOverTime(f),
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
  /** orders waiting in the payment-due hold (decision 031): the orders list's hold=payment_due */
  payment_due: number;
  /** refunds above the support limit waiting for a manager, and when the oldest was asked for */
  refunds_awaiting_approval: number;
  oldest_refund_awaiting_at: string | null;
  /** approved returns whose parcel has not (wholly) come back (lib/returns returnStageWhere) */
  returns_awaiting_receipt: number;
  /** counting sheets with every line counted (lib/inventory/cycle-counts countAwaitingReviewSql) */
  counts_awaiting_review: number;
};

/**
 * What needs someone now: orders waiting for fraud review or on hold, open orders past their ship-by
 * date, parcels in exception, active SKUs at or below their reorder point, tickets about to breach
 * (or past) their SLA. Small indexed counts.
 */
export async function needsAttention(tx: Tx = db, now = new Date()): Promise<NeedsAttention> {
  // Each count uses the definition its drill-down list filters with (decision 032): one home per figure.
  const [{ backlog }, returnsAwaiting, refunds] = await allOn(tx, [
    () => supportKpiCounts([], now, tx),
    () => tx.return.count({ where: returnStageWhere('awaiting_receipt') }),
    () =>
      tx.refund.aggregate({
        where: { status: 'pending_approval' },
        _count: { _all: true },
        _min: { createdAt: true },
      }),
  ]);
  const [row] = await tx.$queryRaw<
    Pick<
      NeedsAttention,
      | 'held_for_review'
      | 'on_hold'
      | 'past_ship_by'
      | 'shipment_exceptions'
      | 'below_reorder_point'
      | 'counts_awaiting_review'
      | 'payment_due'
    >[]
  >`
    SELECT
      (SELECT count(*)::int FROM orders WHERE status = 'pending_review') AS held_for_review,
      (SELECT count(*)::int FROM orders WHERE status = 'on_hold') AS on_hold,
      (SELECT count(*)::int FROM orders WHERE status IN ('open', 'partially_fulfilled') AND
        promised_ship_by < ${now}) AS past_ship_by,
      (SELECT count(*)::int FROM shipments WHERE status = 'exception') AS shipment_exceptions,
      (SELECT count(*)::int FROM variants v WHERE ${skuAtOrBelowReorderPointSql()}) AS below_reorder_point,
      (SELECT count(*)::int FROM cycle_counts c WHERE ${countAwaitingReviewSql()}) AS counts_awaiting_review,
      (SELECT count(*)::int FROM orders WHERE status = 'on_hold' AND hold_reason =
        ${PAYMENT_DUE_HOLD_REASON}) AS payment_due`;
  return {
    ...row,
    tickets_at_risk: backlog.at_risk,
    tickets_breached: backlog.breached,
    refunds_awaiting_approval: refunds._count._all,
    oldest_refund_awaiting_at: refunds._min.createdAt?.toISOString() ?? null,
    returns_awaiting_receipt: returnsAwaiting,
  };
}
