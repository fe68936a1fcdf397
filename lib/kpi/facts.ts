import 'server-only';
import type { Tx } from '@/lib/db';
import { hourBucket } from '@/lib/kpi/rules';

/**
 * The facts the KPI rollups hold, per (shop-timezone day, channel). Which day a fact belongs to:
 *
 * placed-day cohort (the order's placed_at):
 *   orders_placed, gross_sales (subtotal), orders_cancelled (fully cancelled), orders_packed (a first
 *   parcel left), orders_shipped_complete (fulfilled: every unit not cancelled has shipped), orders_delivered
 * day of the order's last shipment, once it is shipped complete:
 *   ship_complete, ship_on_time (last shipment ≤ promised ship-by; no promise counts as on time),
 *   ship_minutes_sum (placed → last shipment), ship_hours_b<k> (histogram, lib/kpi/rules.ts hourBucket)
 * shipment day: shipments, units_shipped
 * ledger posting day (any journal entry): net_sales (Σ credit − debit over Sales, Sales discounts,
 *   Sales returns), cogs (Σ debit − credit over COGS); channel from the entry's source, '' when none
 *
 * refund issue day (refunds.issued_at), the order's channel: refunds_count, refunds_amount
 * return receipt day (returns.received_at: the latest receipt), the order's channel: units_returned,
 *   units_returned_r_<reason> (lib/returns/rules.ts RETURN_REASONS)
 * ticket clocks, channel '' (support ignores the sales channel): tickets_first_response_b<k> on the
 *   first reply's day, tickets_resolution_b<k> on the (last) solve's day, k = hourBucket(elapsed since
 *   the ticket arrived). SLA breaches and the open backlog are read from tickets directly (decision 014).
 * cycle count completion day, channel '' (stock is shared by every channel): count_sheets (1 per
 *   completed count), count_expected (Σ expected, negative taken as 0, over its counted lines),
 *   count_abs_variance (Σ |counted − expected| over them). Inventory accuracy = 1 − abs_variance ÷
 *   expected (decision 017).
 */
export const KPI_METRICS = [
  'orders_placed',
  'gross_sales',
  'orders_cancelled',
  'orders_packed',
  'orders_shipped_complete',
  'orders_delivered',
  'ship_complete',
  'ship_on_time',
  'ship_minutes_sum',
  'shipments',
  'units_shipped',
  'net_sales',
  'cogs',
  'refunds_count',
  'refunds_amount',
  'units_returned',
  'count_sheets',
  'count_expected',
  'count_abs_variance',
] as const;
export type KpiMetric =
  | (typeof KPI_METRICS)[number]
  | `ship_hours_b${number}`
  | `units_returned_r_${string}`
  | `tickets_first_response_b${number}`
  | `tickets_resolution_b${number}`;

/** The per-reason twin of units_returned (reason codes of lib/returns/rules.ts). */
export const RETURN_REASON_METRIC_PREFIX = 'units_returned_r_';
export const returnReasonMetric = (reason: string): KpiMetric =>
  `${RETURN_REASON_METRIC_PREFIX}${reason}` as KpiMetric;

export type KpiFactGroup = {
  /** the instant the facts happened at; its day in the shop's timezone is the row's day */
  at: Date;
  /** the order's sales channel; '' when the fact belongs to no channel */
  channel: string;
  facts: Partial<Record<KpiMetric, number>>;
};

/** One row per non-zero fact of the groups (order intake hands these to take_order); facts are integers. */
export function kpiFactRows(
  groups: KpiFactGroup[],
): { at: Date; channel: string; metric: string; value: number }[] {
  const rows: { at: Date; channel: string; metric: string; value: number }[] = [];
  for (const g of groups) {
    for (const [metric, value] of Object.entries(g.facts)) {
      if (!value) continue;
      if (!Number.isSafeInteger(value))
        throw new Error(`KPI fact ${metric} must be an integer, got ${value}`);
      rows.push({ at: g.at, channel: g.channel, metric, value });
    }
  }
  return rows;
}

/**
 * Appends KPI facts in the caller's transaction: one INSERT for any number of groups, no row shared
 * with another transaction (so 16 concurrent order intakes never queue on a counter row). The day is
 * computed by the database in the shop's timezone, so a timezone change needs `npm run kpi:rebuild`.
 */
export async function recordKpiFacts(tx: Tx, groups: KpiFactGroup[]): Promise<void> {
  const rows = kpiFactRows(groups);
  if (!rows.length) return;
  const ats = rows.map((r) => r.at);
  const channels = rows.map((r) => r.channel);
  const metrics = rows.map((r) => r.metric);
  const values = rows.map((r) => String(r.value));
  await tx.$executeRaw`
    INSERT INTO kpi_fact_deltas (day, channel, metric, value)
    SELECT (f.at AT TIME ZONE s.timezone)::date, f.channel, f.metric, f.value
    FROM shop_settings s, unnest(${ats}::timestamptz[], ${channels}::text[], ${metrics}::text[],
      ${values}::bigint[]) AS f(at, channel, metric, value)
    WHERE s.id = 1`;
}

/**
 * The facts of an order becoming shipped complete (every unit not cancelled has shipped): its
 * placed-day cohort counts it, and the day of its last shipment gets the on-time and time-to-ship facts.
 */
export function shippedCompleteFacts(
  order: { channel: string; placedAt: Date; promisedShipBy: Date | null },
  lastShippedAt: Date,
): KpiFactGroup[] {
  const elapsed = lastShippedAt.getTime() - order.placedAt.getTime();
  const onTime = !order.promisedShipBy || lastShippedAt.getTime() <= order.promisedShipBy.getTime();
  return [
    { at: order.placedAt, channel: order.channel, facts: { orders_shipped_complete: 1 } },
    {
      at: lastShippedAt,
      channel: order.channel,
      facts: {
        ship_complete: 1,
        ship_on_time: onTime ? 1 : 0,
        ship_minutes_sum: Math.max(0, Math.floor(elapsed / 60_000)),
        [`ship_hours_b${hourBucket(elapsed)}`]: 1,
      },
    },
  ];
}

/**
 * A refund became issued (create-refund, decide-refund approve; return, goodwill and exchange refunds
 * alike): counted on its issue day in the order's channel. Called after issued_at is written.
 */
export async function recordRefundIssuedFacts(tx: Tx, refundId: string): Promise<void> {
  const [r] = await tx.$queryRaw<{ issued_at: Date; channel: string; amount: number }[]>`
    SELECT r.issued_at, o.channel::text AS channel, fx_base(r.amount, o.currency, o.fx_rate)::int AS amount
    FROM refunds r JOIN orders o ON o.id = r.order_id
    WHERE r.id = ${refundId}::uuid AND r.status = 'issued'`;
  if (!r) throw new Error(`Refund ${refundId} is not issued`);
  await recordKpiFacts(tx, [
    { at: r.issued_at, channel: r.channel, facts: { refunds_count: 1, refunds_amount: r.amount } },
  ]);
}

export type ReturnReceiptState = {
  receivedAt: Date | null;
  channel: string;
  byReason: Record<string, number>;
};

/** What a return has received so far (units per reason) and when it was last received. */
export async function returnReceiptState(tx: Tx, returnId: string): Promise<ReturnReceiptState> {
  const rows = await tx.$queryRaw<
    { received_at: Date | null; channel: string; reason: string | null; n: number }[]
  >`
    SELECT r.received_at, o.channel::text AS channel, l.reason, coalesce(sum(l.quantity_received), 0)::int AS n
    FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN return_lines l ON l.return_id = r.id
    WHERE r.id = ${returnId}::uuid GROUP BY r.received_at, o.channel, l.reason`;
  const byReason: Record<string, number> = {};
  for (const row of rows) if (row.reason && row.n) byReason[row.reason] = row.n;
  return { receivedAt: rows[0]?.received_at ?? null, channel: rows[0]?.channel ?? '', byReason };
}

/**
 * A receipt of returned units: the return's units count on the day of its latest receipt (the schema
 * keeps one received_at per return), so the state before the receipt is taken back and the state
 * after it counted again; for the first receipt that is just the new units.
 */
export async function recordReturnReceiptFacts(
  tx: Tx,
  before: ReturnReceiptState,
  after: ReturnReceiptState,
): Promise<void> {
  const group = (s: ReturnReceiptState, sign: 1 | -1): KpiFactGroup[] => {
    if (!s.receivedAt) return [];
    const facts: KpiFactGroup['facts'] = {};
    let total = 0;
    for (const [reason, n] of Object.entries(s.byReason)) {
      facts[returnReasonMetric(reason)] = sign * n;
      total += n;
    }
    facts.units_returned = sign * total;
    return [{ at: s.receivedAt, channel: s.channel, facts }];
  };
  await recordKpiFacts(tx, [...group(before, -1), ...group(after, 1)]);
}

type TicketClocks = { firstRespondedAt: Date | null; solvedAt: Date | null };

/**
 * The support facts a change of a ticket's clocks makes: a first reply adds one to the first-response
 * histogram on its day, a solve one to the resolution histogram; a reopen (solved_at cleared) takes
 * its solve back. Channel '' (support times ignore the sales channel).
 */
export function ticketClockFacts(createdAt: Date, before: TicketClocks, after: TicketClocks): KpiFactGroup[] {
  const out: KpiFactGroup[] = [];
  const clock = (
    prefix: 'tickets_first_response_b' | 'tickets_resolution_b',
    a: Date | null,
    b: Date | null,
  ) => {
    if ((a?.getTime() ?? null) === (b?.getTime() ?? null)) return;
    if (a)
      out.push({
        at: a,
        channel: '',
        facts: { [`${prefix}${hourBucket(a.getTime() - createdAt.getTime())}`]: -1 },
      });
    if (b)
      out.push({
        at: b,
        channel: '',
        facts: { [`${prefix}${hourBucket(b.getTime() - createdAt.getTime())}`]: 1 },
      });
  };
  clock('tickets_first_response_b', before.firstRespondedAt, after.firstRespondedAt);
  clock('tickets_resolution_b', before.solvedAt, after.solvedAt);
  return out;
}
