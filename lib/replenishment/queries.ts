import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import type { Accuracy } from './backtest';
import { addDays } from '@/lib/dates';
import { shopToday } from '@/lib/kpi/queries';
import { loadDemandHistory } from './demand-history';
import { explainSuggestion, round2, stockPosition, suggestedQuantity, withManualFloor } from './policy';
import type { RunStatus, RunTrigger } from './rules';
import { sortRows, sortSpec, type ListSort } from '@/lib/list/sort';

export type ReplenishmentRowDto = {
  sku: string;
  name: string;
  location: string;
  supplier_id: string | null;
  supplier: string | null;
  demand_class: string;
  abc_class: string;
  service_level: number;
  z: number;
  method: string;
  forecast_daily: number;
  forecast_lead_time: number;
  forecast_review: number;
  lead_time_days: number;
  lead_time_stddev_days: number;
  review_period_days: number;
  demand_stddev: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  /** the SKU's own reorder point (0: none), a floor under the forecast's */
  manual_reorder_point: number;
  on_hand: number;
  on_order: number;
  reserved: number;
  position: number;
  /** open units on draft POs to this location: not on order yet, but a suggestion nets them out */
  on_draft: number;
  suggested_quantity: number;
  pack_size: number;
  moq: number;
  censored_days: number;
  accuracy: Accuracy | null;
  seasonal_naive: Accuracy | null;
  explanation: string;
};

/**
 * The replenishment list's header sort: the largest suggestion first by default; or by SKU, class (ABC:
 * A, the most revenue, first), supplier (SKUs without one last either way), forecast or stock position,
 * either way. The list is read whole (replenishmentRows) and sorted with sortRows, the query's order
 * (supplier, location, SKU) breaking ties.
 */
export const REPLENISHMENT_SORT = sortSpec(
  ['sku', 'class', 'supplier', 'suggested', 'forecast', 'position'],
  {
    id: 'suggested',
    desc: true,
  },
);
export type ReplenishmentSort = ListSort<(typeof REPLENISHMENT_SORT.columns)[number]>;

export function sortReplenishmentRows(
  rows: readonly ReplenishmentRowDto[],
  sort: ReplenishmentSort,
): ReplenishmentRowDto[] {
  return sortRows(rows, sort, {
    sku: (r) => r.sku,
    class: (r) => r.abc_class,
    supplier: (r) => r.supplier,
    suggested: (r) => r.suggested_quantity,
    forecast: (r) => r.forecast_daily,
    position: (r) => r.position,
  });
}

export type ReplenishmentRunDto = {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  requested_by: string;
  as_of: string | null;
  sku_count: number;
  accuracy: Accuracy | null;
  seasonal_naive: Accuracy | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
};

export async function replenishmentRun(id: string, tx: Tx = db): Promise<ReplenishmentRunDto | null> {
  const r = await tx.replenishmentRun.findUnique({ where: { id } });
  if (!r) return null;
  return {
    id: r.id,
    status: r.status as RunStatus,
    trigger: r.trigger as RunTrigger,
    requested_by: r.requestedBy,
    as_of: r.asOf?.toISOString().slice(0, 10) ?? null,
    sku_count: r.skuCount,
    accuracy: (r.accuracy as Accuracy | null) ?? null,
    seasonal_naive: (r.naiveAccuracy as Accuracy | null) ?? null,
    error: r.error,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    completed_at: r.completedAt?.toISOString() ?? null,
  };
}

/** The latest completed run (the list shows its forecasts), and the newest run of any status. */
export async function latestRuns(tx: Tx = db) {
  const [completed, newest] = await allOn(tx, [
    () =>
      tx.replenishmentRun.findFirst({
        where: { status: 'completed' },
        orderBy: { completedAt: 'desc' },
        select: { id: true },
      }),
    () => tx.replenishmentRun.findFirst({ orderBy: { createdAt: 'desc' }, select: { id: true } }),
  ]);
  return {
    completed: completed ? await replenishmentRun(completed.id, tx) : null,
    newest: newest ? await replenishmentRun(newest.id, tx) : null,
  };
}

export type ReplenishmentFilter = { location?: string; supplier_id?: string; skus?: string[] };

/**
 * The replenishment list: the latest completed run's forecasts with live stock positions, and the
 * suggestion computed now (lib/replenishment/policy.ts) — position + what draft POs to the location
 * already hold, so a suggestion that was turned into a draft is not suggested again. Reads only.
 */
export async function replenishmentRows(
  filter: ReplenishmentFilter = {},
  tx: Tx = db,
): Promise<ReplenishmentRowDto[]> {
  const run = await tx.replenishmentRun.findFirst({
    where: { status: 'completed' },
    orderBy: { completedAt: 'desc' },
    select: { id: true },
  });
  if (!run) return [];
  const rows = await tx.$queryRaw<
    (Omit<
      ReplenishmentRowDto,
      'position' | 'suggested_quantity' | 'explanation' | 'accuracy' | 'seasonal_naive'
    > & { accuracy: Accuracy | null; naive_accuracy: Accuracy | null; manual_safety_stock: number })[]
  >`
    SELECT v.sku, trim(p.name || ' ' || v.title) AS name, loc.code AS location,
           f.supplier_id::text, s.name AS supplier, f.demand_class, f.abc_class, f.service_level, f.z,
           f.method, f.forecast_daily, f.forecast_lead_time, f.forecast_review, f.lead_time_days,
           f.lead_time_stddev_days, f.review_period_days, f.demand_stddev, f.safety_stock,
           f.reorder_point, f.order_up_to, v.reorder_point AS manual_reorder_point,
           v.safety_stock AS manual_safety_stock, coalesce(l.on_hand, 0)::int AS on_hand,
           coalesce(l.reserved, 0)::int AS reserved, coalesce(oo.on_order, 0)::int AS on_order,
           coalesce(oo.on_draft, 0)::int AS on_draft, coalesce(sp.pack_size, 1)::int AS pack_size,
           coalesce(sp.moq, 1)::int AS moq, f.censored_days, f.accuracy, f.naive_accuracy
      FROM replenishment_forecasts f
      JOIN variants v ON v.id = f.variant_id
      JOIN products p ON p.id = v.product_id
      JOIN locations loc ON loc.id = f.location_id
      LEFT JOIN suppliers s ON s.id = f.supplier_id
      LEFT JOIN supplier_products sp ON sp.supplier_id = f.supplier_id AND sp.variant_id = f.variant_id
      LEFT JOIN stock_levels l ON l.variant_id = f.variant_id AND l.location_id = f.location_id
      LEFT JOIN LATERAL (
        SELECT sum(pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received)
                 FILTER (WHERE po.status IN ('sent', 'partially_received')) AS on_order,
               sum(pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received)
                 FILTER (WHERE po.status = 'draft') AS on_draft
          FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
         WHERE pl.variant_id = f.variant_id AND po.location_id = f.location_id
           AND po.status IN ('draft', 'sent', 'partially_received')
           AND po.order_id IS NULL -- a dropship PO ships to a customer, not to our stock
      ) oo ON true
     WHERE f.run_id = ${run.id}::uuid
       AND (${filter.location ?? null}::text IS NULL OR loc.code = ${filter.location ?? null})
       AND (${filter.supplier_id ?? null}::uuid IS NULL OR f.supplier_id = ${filter.supplier_id ?? null}::uuid)
       AND (${filter.skus ?? null}::text[] IS NULL OR v.sku = ANY(${filter.skus ?? null}::text[]))
     ORDER BY s.name NULLS LAST, loc.code, v.sku`;
  return rows.map(({ naive_accuracy, manual_safety_stock, ...r }) => {
    const position = stockPosition(r);
    const floor = withManualFloor(r, {
      reorder_point: r.manual_reorder_point,
      safety_stock: manual_safety_stock,
    });
    const figures = {
      position: position + r.on_draft,
      reorder_point: floor.reorder_point,
      order_up_to: floor.order_up_to,
      pack_size: r.pack_size,
      moq: r.moq,
    };
    const suggested = r.supplier_id ? suggestedQuantity(figures) : 0;
    let explanation = explainSuggestion({ ...figures, suggested_quantity: suggested });
    if (floor.manual)
      explanation = `Manual reorder point ${r.manual_reorder_point} (forecast’s ${r.reorder_point}). ${explanation}`;
    if (r.on_draft) explanation = `With ${r.on_draft} on draft POs: ${explanation}`;
    if (!r.supplier_id)
      explanation = `No supplier lists this SKU: add it to a supplier’s catalog to order it.`;
    return {
      ...r,
      reorder_point: floor.reorder_point,
      order_up_to: floor.order_up_to,
      position,
      suggested_quantity: suggested,
      explanation,
      seasonal_naive: naive_accuracy,
    };
  });
}

export type DemandChartDto = {
  sku: string;
  location: string;
  method: string;
  history: { date: string; units: number | null; censored: boolean }[];
  forecast: { date: string; forecast: number; low: number; high: number }[];
};

/** Days of history the per-SKU chart shows. */
export const CHART_HISTORY_DAYS = 182;

/**
 * One SKU × location for the chart: its last 26 weeks of daily demand (censored days marked, their
 * units null) and the latest run's forecast with a 90 % per-day interval, forecast ± 1.645·σd.
 */
export async function demandChart(
  sku: string,
  location: string,
  tx: Tx = db,
): Promise<DemandChartDto | null> {
  const pair = await tx.$queryRaw<{ variant_id: string; location_id: string }[]>`
    SELECT v.id::text AS variant_id, l.id::text AS location_id
      FROM variants v, locations l WHERE v.sku = ${sku} AND l.code = ${location}`;
  if (!pair.length) return null;
  const { variant_id: variantId, location_id: locationId } = pair[0];
  const forecast = await tx.replenishmentForecast.findFirst({
    where: { variantId, locationId, run: { status: 'completed' } },
    orderBy: { run: { completedAt: 'desc' } },
    select: { method: true, path: true, demandStddev: true, run: { select: { asOf: true } } },
  });
  const { today, timezone } = await shopToday(tx);
  const asOf = forecast?.run.asOf?.toISOString().slice(0, 10) ?? addDays(today, -1);
  const history = await loadDemandHistory(tx, {
    asOf,
    days: CHART_HISTORY_DAYS,
    timezone,
    pairs: [{ variantId, locationId }],
  });
  const h = history.get(`${variantId}:${locationId}`)!;
  const half = 1.645 * (forecast?.demandStddev ?? 0);
  return {
    sku,
    location,
    method: forecast?.method ?? 'none',
    history: h.series.map((units, i) => ({ date: addDays(h.start, i), units, censored: units === null })),
    forecast: (forecast?.path ?? []).map((f, i) => ({
      date: addDays(asOf, i + 1),
      forecast: round2(f),
      low: round2(Math.max(0, f - half)),
      high: round2(f + half),
    })),
  };
}
