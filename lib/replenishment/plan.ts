import { backtest, chooseMethod, accuracy, type Accuracy, type MethodScore } from './backtest';
import { demandShape, type DemandClass } from './classify';
import { forecastSeries, type ForecastMethod, type Observation } from './forecast';
import { policyFigures, round2, type PolicyFigures } from './policy';

/** The candidates of each demand class (decision 033): seasonal naive is always one, and wins ties. */
export function candidateMethods(c: DemandClass): ForecastMethod[] {
  switch (c) {
    case 'smooth':
    case 'erratic':
      return ['seasonal_naive', 'moving_average', 'holt_winters'];
    case 'intermittent':
    case 'lumpy':
      return ['seasonal_naive', 'moving_average', 'croston_sba', 'tsb'];
    case 'none':
      return ['seasonal_naive'];
  }
}

/** Days of forecast kept per SKU for the chart (and at least the lead time + review period). */
export const CHART_HORIZON = 28;

export type SkuPlanInput = {
  /** units ordered per day, oldest first, ending yesterday; null = censored (out of stock) */
  series: readonly Observation[];
  serviceLevel: number;
  leadTimeDays: number;
  leadTimeStddevDays: number;
  reviewPeriodDays: number;
};

export type SkuPlan = PolicyFigures & {
  demand_class: DemandClass;
  adi: number | null;
  cv2: number | null;
  method: ForecastMethod;
  accuracy: Accuracy | null;
  seasonal_naive: Accuracy | null;
  /** σd: the RMSE of the chosen method's backtest errors per day (the standard deviation of demand where
   * there was no backtest) */
  demand_stddev: number;
  censored_days: number;
  path: number[];
  /** the chosen method's and seasonal naive's backtest sums, for pooled accuracy */
  chosen_score: MethodScore | null;
  naive_score: MethodScore | null;
};

function observedStddev(series: readonly Observation[]): number {
  const ys = series.filter((y): y is number => y !== null);
  if (ys.length < 2) return 0;
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  return Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / (ys.length - 1));
}

/** Classify, backtest the class's candidates, forecast with the winner and size the policy. Pure. */
export function planSku(i: SkuPlanInput): SkuPlan {
  const shape = demandShape(i.series);
  const methods = candidateMethods(shape.demand_class);
  const bt = backtest(i.series, methods);
  const chosen = bt ? chooseMethod(bt) : null;
  const naive = bt ? bt.scores[0] : null;
  // Without a backtest (under three weeks of history) the moving average is the least fragile.
  const method: ForecastMethod =
    chosen?.method ?? (shape.demand_class === 'none' ? 'seasonal_naive' : 'moving_average');
  const horizon = Math.max(CHART_HORIZON, i.leadTimeDays + i.reviewPeriodDays);
  const path = forecastSeries(method, i.series, horizon);
  const demandStddev =
    chosen && chosen.count ? Math.sqrt(chosen.squared_error / chosen.count) : observedStddev(i.series);
  const figures = policyFigures({
    path,
    serviceLevel: i.serviceLevel,
    leadTimeDays: i.leadTimeDays,
    leadTimeStddevDays: i.leadTimeStddevDays,
    reviewPeriodDays: i.reviewPeriodDays,
    demandStddevDaily: demandStddev,
  });
  const pick = (s: MethodScore | null): Accuracy | null =>
    s ? { mase: s.mase, wape: s.wape, bias: s.bias } : null;
  return {
    ...shape,
    ...figures,
    method,
    accuracy: pick(chosen),
    seasonal_naive: pick(naive),
    demand_stddev: round2(demandStddev),
    censored_days: i.series.filter((y) => y === null).length,
    path: path.map((x) => Math.round(x * 1000) / 1000),
    chosen_score: chosen,
    naive_score: naive,
  };
}

/**
 * Overall accuracy of a run: MASE as the mean of the SKUs' MASEs (each SKU scaled by its own naive
 * error, as in M5), WAPE and bias pooled over all units (Σ|e| ÷ Σy, Σe ÷ Σy).
 */
export function overallAccuracy(scores: readonly { score: MethodScore | null }[]): Accuracy {
  const mases = scores.map((s) => s.score?.mase).filter((m): m is number => m !== null && m !== undefined);
  const pooled = { abs_error: 0, error: 0, actual: 0, count: 0 };
  for (const { score } of scores) {
    if (!score) continue;
    pooled.abs_error += score.abs_error;
    pooled.error += score.error;
    pooled.actual += score.actual;
    pooled.count += score.count;
  }
  const a = accuracy(pooled, 0);
  return {
    mase: mases.length ? mases.reduce((x, y) => x + y, 0) / mases.length : null,
    wape: a.wape,
    bias: a.bias,
  };
}
