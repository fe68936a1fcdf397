import 'server-only';
import { db, type Tx } from '@/lib/db';
import { daysInRange } from '@/lib/dates';

/**
 * The purchasing KPIs of the dashboard (issue 16; definitions in docs/design.md), one small read
 * each. A KPI with nothing to measure is null, never a made-up zero.
 */

/**
 * Days of cover = units available now (on hand − reserved, active SKUs with a forecast) ÷ their
 * forecast demand per day, from the latest completed replenishment run. Null without a run or demand.
 */
export async function daysOfCover(tx: Tx = db): Promise<number | null> {
  const [r] = await tx.$queryRaw<{ available: number | null; daily: number | null }[]>`
    SELECT sum(coalesce(l.on_hand - l.reserved, 0))::float8 AS available, sum(f.forecast_daily)::float8 AS daily
      FROM replenishment_forecasts f
      LEFT JOIN stock_levels l ON l.variant_id = f.variant_id AND l.location_id = f.location_id
     WHERE f.run_id = (SELECT id FROM replenishment_runs WHERE status = 'completed' ORDER BY
       completed_at DESC LIMIT 1)`;
  return r?.daily ? Math.round(((r.available ?? 0) / r.daily) * 10) / 10 : null;
}

/**
 * Inventory turnover (annualised) = COGS in [from, to] × 365 ÷ days ÷ average inventory value, the
 * mean of the value at the start and at the end of the range (Σ stock_movements.value_delta up to
 * each: the valuation that equals the inventory account).
 */
export async function inventoryTurnover(
  range: { from: string; to: string; timezone: string },
  tx: Tx = db,
): Promise<number | null> {
  const [r] = await tx.$queryRaw<
    { cogs: number | null; start_value: number | null; end_value: number | null }[]
  >`
    SELECT (SELECT sum(value)::float8 FROM kpi_daily WHERE metric = 'cogs' AND day BETWEEN
      ${range.from}::date AND ${range.to}::date) AS cogs,
           (SELECT sum(value_delta)::float8 FROM stock_movements WHERE (created_at AT TIME ZONE
             ${range.timezone})::date < ${range.from}::date) AS start_value,
           (SELECT sum(value_delta)::float8 FROM stock_movements WHERE (created_at AT TIME ZONE
             ${range.timezone})::date <= ${range.to}::date) AS end_value`;
  const average = ((r?.start_value ?? 0) + (r?.end_value ?? 0)) / 2;
  if (!r?.cogs || average <= 0) return null;
  return Math.round(((r.cogs * 365) / daysInRange(range.from, range.to) / average) * 100) / 100;
}

/** Open PO value = Σ open quantity × unit cost of the lines of sent and partially received POs (minor units). */
export async function openPurchaseOrderValue(tx: Tx = db): Promise<number> {
  const [r] = await tx.$queryRaw<{ value: number | null }[]>`
    SELECT sum(greatest(0, pl.quantity_ordered - pl.quantity_cancelled -
      pl.quantity_received)::bigint * pl.unit_cost)::float8 AS value
      FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
     WHERE po.status IN ('sent', 'partially_received')`;
  return Math.round(r?.value ?? 0);
}

/**
 * Supplier on-time rate = POs whose last receipt fell in [from, to], nothing left open, and came on
 * or before the expected date ÷ those POs that had an expected date. Null when none did.
 */
export async function supplierOnTimeRate(
  range: { from: string; to: string; timezone: string },
  tx: Tx = db,
): Promise<{ rate: number | null; on_time: number; received: number }> {
  const [r] = await tx.$queryRaw<{ on_time: number; received: number }[]>`
    SELECT count(*) FILTER (WHERE last_day <= expected_at)::int AS on_time, count(*)::int AS received FROM (
      SELECT po.expected_at, max((rc.created_at AT TIME ZONE ${range.timezone})::date) AS last_day
        FROM purchase_orders po JOIN receipts rc ON rc.purchase_order_id = po.id
       WHERE po.status IN ('received', 'closed') AND po.expected_at IS NOT NULL
       GROUP BY po.id, po.expected_at
    ) x WHERE last_day BETWEEN ${range.from}::date AND ${range.to}::date`;
  return {
    rate: r?.received ? Math.round((r.on_time / r.received) * 10_000) / 10_000 : null,
    on_time: r?.on_time ?? 0,
    received: r?.received ?? 0,
  };
}
