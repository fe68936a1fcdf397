import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * The (R, s, S) periodic-review policy of issue 16 (Silver, Pyke & Thomas, "Inventory and Production
 * Management in Supply Chains", 4th ed., §6–7), with lead-time demand uncertainty from both demand
 * and lead time:
 *   safety stock SS = z · √(LT · σd² + d̄² · σLT²)
 *   reorder point s = forecast over the lead time + SS
 *   order-up-to S = s + forecast over the review period
 *   position = on hand + on order − reserved
 *   when position ≤ s (and S − position > 0): suggest ⌈max(S − position, MOQ) ÷ pack⌉ · pack
 * z is the standard normal quantile of the cycle service level (@stdlib's, exact to double precision).
 * Figures are rounded to 2 decimals before the next step uses them, so the one-line explanation on
 * the screen reproduces the arithmetic from the numbers shown.
 */
export const round2 = (x: number) => Math.round(x * 100) / 100;

export function zScore(serviceLevel: number): number {
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new RangeError('service level must be in (0, 1)');
  return normalQuantile(serviceLevel, 0, 1);
}

export function safetyStock(o: {
  z: number;
  leadTimeDays: number;
  leadTimeStddevDays: number;
  demandDaily: number;
  demandStddevDaily: number;
}): number {
  const variance = o.leadTimeDays * o.demandStddevDaily ** 2 + o.demandDaily ** 2 * o.leadTimeStddevDays ** 2;
  return round2(Math.max(0, o.z) * Math.sqrt(variance));
}

/** Sum of a daily forecast path over [from, to) days (the path is extended with its last value). */
export function forecastOver(path: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let d = from; d < to; d++) sum += path[Math.min(d, path.length - 1)] ?? 0;
  return sum;
}

export type PolicyInput = {
  /** daily forecast from tomorrow, at least leadTimeDays + reviewPeriodDays long */
  path: readonly number[];
  serviceLevel: number;
  leadTimeDays: number;
  leadTimeStddevDays: number;
  reviewPeriodDays: number;
  demandStddevDaily: number;
};

export type PolicyFigures = {
  z: number;
  forecast_daily: number;
  forecast_lead_time: number;
  forecast_review: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
};

export function policyFigures(i: PolicyInput): PolicyFigures {
  const z = zScore(i.serviceLevel);
  const forecastLeadTime = round2(forecastOver(i.path, 0, i.leadTimeDays));
  const forecastReview = round2(forecastOver(i.path, i.leadTimeDays, i.leadTimeDays + i.reviewPeriodDays));
  // d̄: the mean daily forecast over the lead time (tomorrow's, with no lead time).
  const daily = round2(i.leadTimeDays > 0 ? forecastLeadTime / i.leadTimeDays : (i.path[0] ?? 0));
  const ss = safetyStock({
    z,
    leadTimeDays: i.leadTimeDays,
    leadTimeStddevDays: i.leadTimeStddevDays,
    demandDaily: daily,
    demandStddevDaily: i.demandStddevDaily,
  });
  const rop = round2(forecastLeadTime + ss);
  return {
    z: Math.round(z * 10_000) / 10_000,
    forecast_daily: daily,
    forecast_lead_time: forecastLeadTime,
    forecast_review: forecastReview,
    safety_stock: ss,
    reorder_point: rop,
    order_up_to: round2(rop + forecastReview),
  };
}

const GAP_EPSILON = 1e-6;

export type Stock = { on_hand: number; on_order: number; reserved: number };

/** position = on hand + on order − reserved */
export const stockPosition = (s: Stock) => s.on_hand + s.on_order - s.reserved;

/**
 * Units to order, 0 when none: only at or below the reorder point, and only what brings the position
 * up to the order-up-to level, rounded up to whole packs and at least the MOQ. After ordering it the
 * position is ≥ S, so the same rule applied again (with the new units counted) suggests nothing.
 */
export function suggestedQuantity(o: {
  position: number;
  reorder_point: number;
  order_up_to: number;
  pack_size: number;
  moq: number;
}): number {
  const gap = o.order_up_to - o.position;
  // Below a millionth of a unit a gap is float noise, not demand (a property test found S = 5e-324
  // above a position of 0 asking for one more unit after the first order).
  if (o.position > o.reorder_point || gap <= GAP_EPSILON) return 0;
  const pack = Math.max(1, o.pack_size);
  return Math.ceil(Math.max(gap - GAP_EPSILON, o.moq) / pack) * pack;
}

/** The screen's one-line account of a suggestion. */
export function explainSuggestion(r: {
  position: number;
  reorder_point: number;
  order_up_to: number;
  pack_size: number;
  moq: number;
  suggested_quantity: number;
}): string {
  if (r.suggested_quantity === 0)
    return r.position > r.reorder_point
      ? `Position ${r.position} is above the reorder point ${r.reorder_point}: nothing to order.`
      : `Position ${r.position} already reaches the order-up-to level ${r.order_up_to}: nothing to order.`;
  const gap = round2(r.order_up_to - r.position);
  const rounding =
    r.pack_size > 1 || r.moq > 1 ? `, at least MOQ ${r.moq}, rounded up to packs of ${r.pack_size}` : '';
  return (
    `Position ${r.position} ≤ reorder point ${r.reorder_point}: order up to ${r.order_up_to} ` +
    `− ${r.position} = ${gap}${rounding} → ${r.suggested_quantity}.`
  );
}

/**
 * A reorder point set by hand on the SKU (variants.reorder_point, with its safety stock) is a floor
 * under the forecast's: s = max(s_forecast, manual s), S = max(S_forecast, manual s + manual safety
 * stock, s). A SKU with no history (a forecast of 0) is then ordered as the manager set it, as the
 * low-stock automation always did (decision 033).
 */
export function withManualFloor(
  f: { reorder_point: number; order_up_to: number },
  manual: { reorder_point: number; safety_stock: number },
): { reorder_point: number; order_up_to: number; manual: boolean } {
  if (manual.reorder_point <= 0) return { ...f, manual: false };
  const reorderPoint = Math.max(f.reorder_point, manual.reorder_point);
  return {
    reorder_point: reorderPoint,
    order_up_to: Math.max(f.order_up_to, manual.reorder_point + manual.safety_stock, reorderPoint),
    manual: manual.reorder_point > f.reorder_point,
  };
}
