import { forecaster, SEASON, type ForecastMethod, type Observation } from './forecast';

/**
 * Rolling-origin backtest (Tashman 2000): origins every `step` days over the last `origins` weeks of
 * the series; at each origin the method has seen only the days before it and forecasts the next
 * `horizon` days; errors are taken on the observed (uncensored) days of those windows. One pass per
 * method: the forecasters are online, so the state at an origin is the fit on the data before it.
 */
export type BacktestOptions = { horizon: number; step: number; origins: number; minTraining: number };
export const BACKTEST_DEFAULTS: BacktestOptions = { horizon: 7, step: 7, origins: 8, minTraining: 14 };

/** Accuracy of one method on one SKU; `mase` is null where the naive scale is 0 (no variation). */
export type Accuracy = { mase: number | null; wape: number | null; bias: number | null };

export type MethodScore = Accuracy & {
  method: ForecastMethod;
  /** sums over the backtest's observed days, so accuracies can be pooled across SKUs */
  abs_error: number;
  error: number;
  squared_error: number;
  actual: number;
  count: number;
};

export type Backtest = { scale: number; origins: number[]; scores: MethodScore[] };

/** Origins (day indices: the first forecast day) of the backtest of a series of length n. */
export function backtestOrigins(n: number, o: BacktestOptions = BACKTEST_DEFAULTS): number[] {
  const out: number[] = [];
  for (let k = o.origins; k >= 1; k--) {
    const origin = n - o.horizon - (k - 1) * o.step;
    if (origin >= o.minTraining) out.push(origin);
  }
  return out;
}

/**
 * MASE scale (Hyndman & Koehler 2006) with the weekly seasonal naive: mean |yₜ − yₜ₋₇| over pairs
 * of observed days before `end` (the first origin: in-sample only).
 */
export function naiveScale(series: readonly Observation[], end: number): number {
  let sum = 0;
  let count = 0;
  for (let t = SEASON; t < end; t++) {
    const a = series[t];
    const b = series[t - SEASON];
    if (a === null || b === null) continue;
    sum += Math.abs(a - b);
    count++;
  }
  return count ? sum / count : 0;
}

/**
 * Pooled accuracy: MASE = MAE ÷ scale; WAPE = Σ|f − y| ÷ Σy; bias = Σ(f − y) ÷ Σy (positive: the
 * method over-forecasts). WAPE and bias are null when nothing sold in the windows.
 */
export function accuracy(
  s: { abs_error: number; error: number; actual: number; count: number },
  scale: number,
) {
  const mae = s.count ? s.abs_error / s.count : 0;
  return {
    mase: scale > 0 ? mae / scale : mae === 0 && s.count ? 0 : null,
    wape: s.actual > 0 ? s.abs_error / s.actual : null,
    bias: s.actual > 0 ? s.error / s.actual : null,
  } satisfies Accuracy;
}

export function backtest(
  series: readonly Observation[],
  methods: readonly ForecastMethod[],
  options: BacktestOptions = BACKTEST_DEFAULTS,
): Backtest | null {
  const origins = backtestOrigins(series.length, options);
  if (!origins.length) return null;
  const scale = naiveScale(series, origins[0]);
  const scores = methods.map((method) => {
    const f = forecaster(method);
    const s = { abs_error: 0, error: 0, squared_error: 0, actual: 0, count: 0 };
    let next = 0;
    for (let t = 0; t < series.length; t++) {
      if (t === origins[next]) {
        const path = f.forecast(options.horizon);
        for (let k = 0; k < options.horizon && t + k < series.length; k++) {
          const y = series[t + k];
          if (y === null) continue;
          const e = path[k] - y;
          s.abs_error += Math.abs(e);
          s.error += e;
          s.squared_error += e * e;
          s.actual += y;
          s.count++;
        }
        next++;
      }
      f.observe(series[t]);
    }
    return { method, ...s, ...accuracy(s, scale) };
  });
  return { scale, origins, scores };
}

/**
 * The method with the lowest mean absolute error over the backtest — the same order as MASE, as all
 * of a SKU's methods share its scale, and defined even where the scale is 0. Ties go to the earlier
 * method in `methods` (seasonal naive first), so a method must be strictly better to be chosen.
 */
export function chooseMethod(bt: Backtest): MethodScore {
  let best = bt.scores[0];
  for (const s of bt.scores.slice(1)) {
    if (s.abs_error < best.abs_error - 1e-9 * Math.max(1, best.abs_error)) best = s;
  }
  return best;
}
