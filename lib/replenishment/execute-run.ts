import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { addDays } from '@/lib/dates';
import { shopToday } from '@/lib/kpi/queries';
import { abcClasses, SERVICE_LEVEL, type AbcClass } from './classify';
import { loadDemandHistory } from './demand-history';
import { overallAccuracy, planSku, type SkuPlan } from './plan';
import { ABC_DAYS, HISTORY_DAYS, runMachine, type RunStatus } from './rules';
import { sendLowStockAlerts } from './low-stock-alerts';

/** What a run needs to know of one SKU × location besides its history. */
export type RunPair = {
  variantId: string;
  locationId: string;
  supplierId: string | null;
  leadTimeDays: number;
  leadTimeStddevDays: number;
  reviewPeriodDays: number;
};

/**
 * The SKUs a run plans: every stock level of an active variant at an active location. The supplier is
 * the variant's preferred one when it lists the variant, else the cheapest that does; lead time is the
 * supplier product's override, else the supplier's, else the variant's own; no supplier → review 7 days.
 */
async function runPairs(tx: Tx): Promise<RunPair[]> {
  const rows = await tx.$queryRaw<
    {
      variant_id: string;
      location_id: string;
      supplier_id: string | null;
      lead_time_days: number;
      lead_time_stddev_days: number;
      review_period_days: number;
    }[]
  >`
    SELECT l.variant_id::text, l.location_id::text, sp.supplier_id::text,
           coalesce(sp.lead_time_days, sp.supplier_lead_time, v.lead_time_days)::int AS lead_time_days,
           coalesce(sp.lead_time_stddev_days, 0)::float8 AS lead_time_stddev_days,
           coalesce(sp.review_period_days, 7)::int AS review_period_days
      FROM stock_levels l
      JOIN variants v ON v.id = l.variant_id AND v.status = 'active'
      JOIN locations loc ON loc.id = l.location_id AND loc.active
      LEFT JOIN LATERAL (
        SELECT p.supplier_id, p.lead_time_days, s.lead_time_days AS supplier_lead_time,
               s.lead_time_stddev_days, s.review_period_days
          FROM supplier_products p JOIN suppliers s ON s.id = p.supplier_id AND s.active
         WHERE p.variant_id = v.id
         ORDER BY (p.supplier_id = v.preferred_supplier_id) DESC NULLS LAST, p.unit_cost, s.name
         LIMIT 1
      ) sp ON true
     ORDER BY l.variant_id, l.location_id`;
  return rows.map((r) => ({
    variantId: r.variant_id,
    locationId: r.location_id,
    supplierId: r.supplier_id,
    leadTimeDays: r.lead_time_days,
    leadTimeStddevDays: r.lead_time_stddev_days,
    reviewPeriodDays: r.review_period_days,
  }));
}

/** Sales value per variant over the ABC window (units not cancelled × unit price, minor units). */
async function salesValues(tx: Tx, o: { asOf: string; timezone: string }): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ variant_id: string; value: number }[]>`
    SELECT ol.variant_id::text, sum((ol.quantity - ol.quantity_cancelled)::float8 * ol.unit_price) AS value
      FROM order_lines ol JOIN orders o ON o.id = ol.order_id
     WHERE o.status <> 'cancelled'
       AND (o.placed_at AT TIME ZONE ${o.timezone})::date BETWEEN
         ${addDays(o.asOf, -(ABC_DAYS - 1))}::date AND ${o.asOf}::date
     GROUP BY 1`;
  return new Map(rows.map((r) => [r.variant_id, Number(r.value)]));
}

export type PlannedPair = RunPair & { abc: AbcClass; serviceLevel: number; plan: SkuPlan };

/**
 * The pure core of a run: ABC over the variants, then planSku per pair. Separate so the benchmark
 * measures exactly what a run computes.
 */
export function planPairs(
  pairs: readonly RunPair[],
  series: (pair: RunPair) => readonly (number | null)[],
  values: ReadonlyMap<string, number>,
): PlannedPair[] {
  const abc = abcClasses(
    new Map([...new Set(pairs.map((p) => p.variantId))].map((v) => [v, values.get(v) ?? 0])),
  );
  return pairs.map((p) => {
    const cls = abc.get(p.variantId) ?? 'C';
    const serviceLevel = SERVICE_LEVEL[cls];
    return {
      ...p,
      abc: cls,
      serviceLevel,
      plan: planSku({
        series: series(p),
        serviceLevel,
        leadTimeDays: p.leadTimeDays,
        leadTimeStddevDays: p.leadTimeStddevDays,
        reviewPeriodDays: p.reviewPeriodDays,
      }),
    };
  });
}

async function move(runId: string, to: RunStatus, data: Record<string, unknown>, tx: Tx) {
  const rows = await tx.$queryRaw<{ status: RunStatus }[]>`
    SELECT status FROM replenishment_runs WHERE id = ${runId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', 'No such replenishment run');
  const moveName = to === 'running' ? 'start' : to === 'completed' ? 'complete' : 'fail';
  runMachine.assert(rows[0].status, moveName);
  await tx.replenishmentRun.update({ where: { id: runId }, data: { status: to, ...data } });
}

/**
 * Runs a queued replenishment run (the `replenishment.run` job, the CLI): reads the order history and
 * stock movements, plans every SKU × location and stores the forecasts, then mails the low-stock
 * digest through the outbox. A failure marks the run failed with its message (and rethrows).
 */
export async function executeReplenishmentRun(runId: string, now = new Date()): Promise<void> {
  await db.$transaction((tx) => move(runId, 'running', { startedAt: now }, tx));
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '10min'`);
        const { today, timezone } = await shopToday(tx);
        const asOf = addDays(today, -1);
        const pairs = await runPairs(tx);
        const history = await loadDemandHistory(tx, { asOf, days: HISTORY_DAYS, timezone, pairs });
        const values = await salesValues(tx, { asOf, timezone });
        const planned = planPairs(
          pairs,
          (p) => history.get(`${p.variantId}:${p.locationId}`)!.series,
          values,
        );
        for (let i = 0; i < planned.length; i += 1000) {
          await tx.replenishmentForecast.createMany({
            data: planned.slice(i, i + 1000).map((p) => ({
              runId,
              variantId: p.variantId,
              locationId: p.locationId,
              supplierId: p.supplierId,
              demandClass: p.plan.demand_class,
              adi: p.plan.adi,
              cv2: p.plan.cv2,
              abcClass: p.abc,
              serviceLevel: p.serviceLevel,
              z: p.plan.z,
              method: p.plan.method,
              forecastDaily: p.plan.forecast_daily,
              forecastLeadTime: p.plan.forecast_lead_time,
              forecastReview: p.plan.forecast_review,
              leadTimeDays: p.leadTimeDays,
              leadTimeStddevDays: p.leadTimeStddevDays,
              reviewPeriodDays: p.reviewPeriodDays,
              demandStddev: p.plan.demand_stddev,
              safetyStock: p.plan.safety_stock,
              reorderPoint: p.plan.reorder_point,
              orderUpTo: p.plan.order_up_to,
              censoredDays: p.plan.censored_days,
              accuracy: p.plan.accuracy ?? undefined,
              naiveAccuracy: p.plan.seasonal_naive ?? undefined,
              path: p.plan.path,
            })),
          });
        }
        const accuracy = overallAccuracy(planned.map((p) => ({ score: p.plan.chosen_score })));
        const naiveAccuracy = overallAccuracy(planned.map((p) => ({ score: p.plan.naive_score })));
        await move(
          runId,
          'completed',
          {
            completedAt: new Date(),
            asOf: new Date(`${asOf}T00:00:00Z`),
            skuCount: planned.length,
            accuracy,
            naiveAccuracy,
          },
          tx,
        );
        await audit(tx, {
          actor: SYSTEM_ACTOR,
          action: 'replenishment_run.completed',
          entityType: 'replenishment_run',
          entityId: runId,
          after: { as_of: asOf, sku_count: planned.length, accuracy, seasonal_naive: naiveAccuracy },
        });
        await sendLowStockAlerts(runId, tx);
      },
      { timeout: 15 * 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.$transaction(async (tx) => {
      await move(runId, 'failed', { error: message.slice(0, 2000), completedAt: new Date() }, tx);
      await audit(tx, {
        actor: SYSTEM_ACTOR,
        action: 'replenishment_run.failed',
        entityType: 'replenishment_run',
        entityId: runId,
        after: { error: message.slice(0, 500) },
      });
    });
    throw error;
  }
}
