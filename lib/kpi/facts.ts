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
 * Facts for features that land later (returns, refunds, support) use the same call:
 *   refunds_count, refunds_amount (refund day), units_returned (return receipt day),
 *   tickets_first_response_b<k> / tickets_resolution_b<k> (same hour buckets), sla_breaches.
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
  'sla_breaches',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number] | `ship_hours_b${number}` | `tickets_first_response_b${number}` | `tickets_resolution_b${number}`;

export type KpiFactGroup = {
  /** the instant the facts happened at; its day in the shop's timezone is the row's day */
  at: Date;
  /** the order's sales channel; '' when the fact belongs to no channel */
  channel: string;
  facts: Partial<Record<KpiMetric, number>>;
};

/**
 * Appends KPI facts in the caller's transaction: one INSERT for any number of groups, no row shared
 * with another transaction (so 16 concurrent order intakes never queue on a counter row). The day is
 * computed by the database in the shop's timezone, so a timezone change needs `npm run kpi:rebuild`.
 */
export async function recordKpiFacts(tx: Tx, groups: KpiFactGroup[]): Promise<void> {
  const ats: Date[] = [];
  const channels: string[] = [];
  const metrics: string[] = [];
  const values: string[] = [];
  for (const g of groups) {
    for (const [metric, value] of Object.entries(g.facts)) {
      if (!value) continue;
      if (!Number.isSafeInteger(value)) throw new Error(`KPI fact ${metric} must be an integer, got ${value}`);
      ats.push(g.at);
      channels.push(g.channel);
      metrics.push(metric);
      values.push(String(value));
    }
  }
  if (!metrics.length) return;
  await tx.$executeRaw`
    INSERT INTO kpi_fact_deltas (day, channel, metric, value)
    SELECT (f.at AT TIME ZONE s.timezone)::date, f.channel, f.metric, f.value
    FROM shop_settings s, unnest(${ats}::timestamptz[], ${channels}::text[], ${metrics}::text[], ${values}::bigint[]) AS f(at, channel, metric, value)
    WHERE s.id = 1`;
}

/**
 * The facts of an order becoming shipped complete (every unit not cancelled has shipped): its
 * placed-day cohort counts it, and the day of its last shipment gets the on-time and time-to-ship facts.
 */
export function shippedCompleteFacts(order: { channel: string; placedAt: Date; promisedShipBy: Date | null }, lastShippedAt: Date): KpiFactGroup[] {
  const elapsed = lastShippedAt.getTime() - order.placedAt.getTime();
  const onTime = !order.promisedShipBy || lastShippedAt.getTime() <= order.promisedShipBy.getTime();
  return [
    { at: order.placedAt, channel: order.channel, facts: { orders_shipped_complete: 1 } },
    {
      at: lastShippedAt,
      channel: order.channel,
      facts: { ship_complete: 1, ship_on_time: onTime ? 1 : 0, ship_minutes_sum: Math.max(0, Math.floor(elapsed / 60_000)), [`ship_hours_b${hourBucket(elapsed)}`]: 1 },
    },
  ];
}
