/**
 * Daily demand forecasters (decision 033). Each is an online state machine: `observe` takes the next
 * day's units ordered, or `null` for a censored day (out of stock: missing, not zero), and `forecast(h)`
 * returns the next h days from what it has seen. The backtest walks a series once per method and asks
 * for forecasts at each origin, so a rolling-origin backtest costs one pass, not one refit per origin.
 * Forecasts are never negative (demand cannot be).
 */
export type Observation = number | null;

export const METHODS = ['seasonal_naive', 'moving_average', 'holt_winters', 'croston_sba', 'tsb'] as const;
export type ForecastMethod = (typeof METHODS)[number];

export const METHOD_LABEL: Record<ForecastMethod, string> = {
  seasonal_naive: 'Seasonal naive (weekly)',
  moving_average: 'Moving average (28 days)',
  holt_winters: 'Holt-Winters (damped trend, weekly)',
  croston_sba: 'Croston-SBA',
  tsb: 'TSB',
};

export interface Forecaster {
  observe(y: Observation): void;
  forecast(h: number): number[];
}

/** The weekly season length of daily data. */
export const SEASON = 7;

/**
 * Seasonal naive: tomorrow is what the same weekday sold last week. A censored day looks one more
 * week back (t−7, t−14, …); with no observed value of that weekday, the last observed day; else 0.
 */
export function seasonalNaive(): Forecaster {
  const byWeekday: (number | null)[] = new Array<number | null>(SEASON).fill(null);
  let last: number | null = null;
  let t = 0;
  return {
    observe(y) {
      if (y !== null) {
        byWeekday[t % SEASON] = y;
        last = y;
      }
      t++;
    },
    forecast(h) {
      const out: number[] = [];
      for (let k = 0; k < h; k++) out.push(byWeekday[(t + k) % SEASON] ?? last ?? 0);
      return out;
    },
  };
}

/** Moving average of the last `window` observed days (censored days are skipped, not zeros). */
export function movingAverage(window = 28): Forecaster {
  const buffer: number[] = [];
  let sum = 0;
  return {
    observe(y) {
      if (y === null) return;
      buffer.push(y);
      sum += y;
      if (buffer.length > window) sum -= buffer.shift()!;
    },
    forecast(h) {
      const mean = buffer.length ? sum / buffer.length : 0;
      return new Array<number>(h).fill(Math.max(0, mean));
    },
  };
}

export type HoltWintersParams = { alpha: number; beta: number; gamma: number; phi: number };
export const HOLT_WINTERS_DEFAULTS: HoltWintersParams = { alpha: 0.1, beta: 0.01, gamma: 0.1, phi: 0.98 };

/**
 * Additive Holt-Winters with a damped trend and weekly seasonality — ETS(A,Ad,A) in Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice" §8.3–8.4:
 *   ℓₜ = α(yₜ − sₜ₋ₘ) + (1−α)(ℓₜ₋₁ + φbₜ₋₁)
 *   bₜ = β(ℓₜ − ℓₜ₋₁) + (1−β)φbₜ₋₁
 *   sₜ = γ(yₜ − ℓₜ) + (1−γ)sₜ₋ₘ
 *   ŷₜ₊ₕ = ℓₜ + (φ + φ² + … + φʰ)bₜ + sₜ₊ₕ₋ₘ₍ₖ₊₁₎
 * Initialised on the first two weeks (ℓ = their mean, b = (mean of week 2 − mean of week 1) / 7,
 * sᵢ = mean of weekday i − ℓ); until then it forecasts the running mean. A censored day carries the
 * state forward (ℓ ← ℓ + φb, s unchanged), as the state-space model does for a missing observation.
 * Fixed smoothing constants (no per-SKU optimisation) keep a 10,000-SKU run within its budget.
 */
export function holtWinters(params: HoltWintersParams = HOLT_WINTERS_DEFAULTS): Forecaster {
  const { alpha, beta, gamma, phi } = params;
  const warm: Observation[] = [];
  const season: number[] = new Array<number>(SEASON).fill(0);
  let level = 0;
  let trend = 0;
  let ready = false;
  let t = 0;
  let warmSum = 0;
  let warmCount = 0;

  const init = () => {
    const mean = (from: number) => {
      const ys = warm.slice(from, from + SEASON).filter((y): y is number => y !== null);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : null;
    };
    const m1 = mean(0);
    const m2 = mean(SEASON);
    level = m1 !== null && m2 !== null ? (m1 + m2) / 2 : (m1 ?? m2 ?? 0);
    trend = m1 !== null && m2 !== null ? (m2 - m1) / SEASON : 0;
    for (let i = 0; i < SEASON; i++) {
      const ys = [warm[i], warm[i + SEASON]].filter((y): y is number => y !== null);
      season[i] = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length - level : 0;
    }
    // The level estimated is the mean of days 0..13, i.e. centred at day 6.5; carry it to day 13.
    level += trend * (2 * SEASON - 1 - (2 * SEASON - 1) / 2);
    ready = true;
  };

  return {
    observe(y) {
      if (!ready) {
        warm.push(y);
        if (y !== null) {
          warmSum += y;
          warmCount++;
        }
        t++;
        if (warm.length === 2 * SEASON) init();
        return;
      }
      const i = t % SEASON;
      if (y === null) {
        level = level + phi * trend;
        trend = phi * trend;
      } else {
        const previous = level;
        level = alpha * (y - season[i]) + (1 - alpha) * (level + phi * trend);
        trend = beta * (level - previous) + (1 - beta) * phi * trend;
        season[i] = gamma * (y - level) + (1 - gamma) * season[i];
      }
      t++;
    },
    forecast(h) {
      if (!ready) return new Array<number>(h).fill(warmCount ? warmSum / warmCount : 0);
      const out: number[] = [];
      let damp = 0;
      let power = 1;
      for (let k = 1; k <= h; k++) {
        power *= phi;
        damp += power;
        out.push(Math.max(0, level + damp * trend + season[(t + k - 1) % SEASON]));
      }
      return out;
    },
  };
}

/**
 * Croston's method with the Syntetos–Boylan approximation (Syntetos & Boylan 2005): on each observed
 * day with demand, size z ← z + α(y − z) and interval p ← p + α(q − p), q = observed days since the
 * last demand (censored days are not counted: nobody could buy). Forecast per day (1 − α/2)·z/p.
 * Initialised on the first demand (z = y, p = its position among observed days).
 */
export function crostonSba(alpha = 0.1): Forecaster {
  let size = 0;
  let interval = 0;
  let sinceLast = 0;
  let started = false;
  return {
    observe(y) {
      if (y === null) return;
      sinceLast++;
      if (y <= 0) return;
      if (!started) {
        size = y;
        interval = sinceLast;
        started = true;
      } else {
        size += alpha * (y - size);
        interval += alpha * (sinceLast - interval);
      }
      sinceLast = 0;
    },
    forecast(h) {
      const f = started ? ((1 - alpha / 2) * size) / interval : 0;
      return new Array<number>(h).fill(f);
    },
  };
}

/**
 * Teunter–Syntetos–Babai (2011): the probability of demand is updated every observed day,
 * π ← π + β(1[y>0] − π), the size only on days with demand, z ← z + α(y − z). Forecast π·z per day,
 * which decays towards zero while no demand comes (Croston's stays put: obsolescence shows in TSB).
 * Initialised on the first demand (z = y, π = 1 / its position among observed days).
 */
export function tsb(alpha = 0.1, beta = 0.1): Forecaster {
  let size = 0;
  let probability = 0;
  let seen = 0;
  let started = false;
  return {
    observe(y) {
      if (y === null) return;
      seen++;
      if (!started) {
        if (y <= 0) return;
        size = y;
        probability = 1 / seen;
        started = true;
        return;
      }
      probability += beta * ((y > 0 ? 1 : 0) - probability);
      if (y > 0) size += alpha * (y - size);
    },
    forecast(h) {
      return new Array<number>(h).fill(started ? probability * size : 0);
    },
  };
}

export function forecaster(method: ForecastMethod): Forecaster {
  switch (method) {
    case 'seasonal_naive':
      return seasonalNaive();
    case 'moving_average':
      return movingAverage();
    case 'holt_winters':
      return holtWinters();
    case 'croston_sba':
      return crostonSba();
    case 'tsb':
      return tsb();
  }
}

/** Fits `method` on the whole series and forecasts the next h days. */
export function forecastSeries(method: ForecastMethod, series: readonly Observation[], h: number): number[] {
  const f = forecaster(method);
  for (const y of series) f.observe(y);
  return f.forecast(h);
}
