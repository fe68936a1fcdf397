import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crostonSba,
  forecastSeries,
  holtWinters,
  movingAverage,
  seasonalNaive,
  tsb,
  type Observation,
} from '@/lib/replenishment/forecast';
import { abcClasses, demandShape } from '@/lib/replenishment/classify';
import { backtest, chooseMethod, naiveScale } from '@/lib/replenishment/backtest';
import {
  explainSuggestion,
  policyFigures,
  safetyStock,
  stockPosition,
  suggestedQuantity,
  zScore,
} from '@/lib/replenishment/policy';
import { planSku } from '@/lib/replenishment/plan';
import { censoredSeries } from '@/lib/replenishment/censor';

const feed = (f: { observe(y: Observation): void }, ys: Observation[]) => ys.forEach((y) => f.observe(y));

describe('forecast methods on short series (hand-computed)', () => {
  it('seasonal naive takes last week’s same weekday, a week further back over a censored day', () => {
    const f = seasonalNaive();
    feed(f, [1, 2, 3, 4, 5, 6, 7, 2, null, 4]);
    // t = 10; weekdays 3,4,5,6 → 4,5,6,7 (week 1); weekday 0 → 2 (day 7); weekday 1: day 8 censored → day 1 = 2.
    expect(f.forecast(6)).toEqual([4, 5, 6, 7, 2, 2]);
  });

  it('moving average skips censored days', () => {
    const f = movingAverage(3);
    feed(f, [4, null, 2, 6, 1]);
    // last three observed: (2 + 6 + 1) / 3 = 3
    expect(f.forecast(2)).toEqual([3, 3]);
  });

  it('Holt-Winters initialises on two weeks and updates', () => {
    const f = holtWinters();
    feed(f, [1, 2, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 8, 9]);
    // week means 4 and 6 → ℓ = 5, b = 2/7; s_i = (i+1 + i+3)/2 − 5 = i − 3;
    // ℓ carried to day 13: 5 + (2/7)·6.5 = 6.857142857.
    // ŷ₁ = 6.857142857 + 0.98·(2/7) + s₀ = 6.857142857 + 0.28 − 3 = 4.137142857
    // ŷ₂ = ℓ + (0.98 + 0.98²)·(2/7) + s₁ = 6.857142857 + 0.5544 − 2 = 5.411542857
    const [h1, h2] = f.forecast(2);
    expect(h1).toBeCloseTo(4.137142857, 8);
    expect(h2).toBeCloseTo(5.411542857, 8);
    f.observe(5);
    // ℓ = 0.1·(5 − (−3)) + 0.9·(6.857142857 + 0.28) = 0.8 + 6.423428571 = 7.223428571
    // b = 0.01·(7.223428571 − 6.857142857) + 0.99·0.98·(2/7) = 0.003662857 + 0.2772 = 0.280862857
    // ŷ₁ = 7.223428571 + 0.98·0.280862857 + s₁ (−2) = 5.498674171
    expect(f.forecast(1)[0]).toBeCloseTo(5.498674171, 8);
  });

  it('Croston-SBA', () => {
    const f = crostonSba(0.1);
    feed(f, [0, 3, 0, null, 0, 5]);
    // first demand on observed day 2: z = 3, p = 2; next after 3 observed days (the censored one not
    // counted): z = 3 + 0.1·(5 − 3) = 3.2, p = 2 + 0.1·(3 − 2) = 2.1; f = 0.95·3.2 / 2.1 = 1.447619
    expect(f.forecast(1)[0]).toBeCloseTo(1.447619048, 8);
  });

  it('TSB', () => {
    const f = tsb(0.1, 0.1);
    feed(f, [0, 4, 0, null, 2]);
    // first demand on observed day 2: z = 4, π = 1/2; a zero: π = 0.5 + 0.1·(0 − 0.5) = 0.45;
    // censored: nothing; demand 2: π = 0.45 + 0.1·0.55 = 0.505, z = 4 + 0.1·(2 − 4) = 3.8 → 1.919
    expect(f.forecast(1)[0]).toBeCloseTo(1.919, 10);
  });

  it('never forecasts negative demand', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }), { maxLength: 60 }),
        (ys) => {
          for (const m of ['seasonal_naive', 'moving_average', 'holt_winters', 'croston_sba', 'tsb'] as const)
            for (const f of forecastSeries(m, ys, 10)) expect(f).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('classification', () => {
  it('ADI and CV² (Syntetos–Boylan)', () => {
    // 6 observed days, 3 with demand (2, 6, 4): ADI = 6/3 = 2; mean 4, variance (4 + 4 + 0)/3 = 8/3,
    // CV² = (8/3)/16 = 0.1667 → ADI ≥ 1.32, CV² < 0.49: intermittent
    const s = demandShape([0, 2, 0, 0, 6, null, 4]);
    expect(s.adi).toBe(2);
    expect(s.cv2).toBeCloseTo(1 / 6, 10);
    expect(s.demand_class).toBe('intermittent');
    // every day: ADI 1; (3, 5, 4, 4): variance 0.5 / 16 = 0.03125 → smooth
    expect(demandShape([3, 5, 4, 4]).demand_class).toBe('smooth');
    // every day, (1, 9): mean 5, variance 16, CV² 0.64 → erratic
    expect(demandShape([1, 9]).demand_class).toBe('erratic');
    // (0, 1, 0, 9): ADI 2, CV² 0.64 → lumpy
    expect(demandShape([0, 1, 0, 9]).demand_class).toBe('lumpy');
    expect(demandShape([0, null, 0]).demand_class).toBe('none');
  });

  it('ABC by value: the SKU that crosses 80 % is still A', () => {
    // total 100: a (before 0) A, b (before 50) A, c (before 80) B, d (before 95) C, e (no value) C
    const abc = abcClasses(
      new Map([
        ['a', 50],
        ['b', 30],
        ['c', 15],
        ['d', 5],
        ['e', 0],
      ]),
    );
    expect(Object.fromEntries(abc)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C', e: 'C' });
  });
});

describe('backtest', () => {
  const w1 = [2, 4, 2, 4, 2, 4, 2];
  const w2 = [3, 4, 2, 4, 2, 4, 2];
  const w3 = [2, 4, 2, 4, 2, 4, null];
  const series = [...w1, ...w2, ...w3];

  it('scores each method over the rolling origins (one origin here: day 14)', () => {
    const bt = backtest(series, ['seasonal_naive', 'moving_average'])!;
    expect(bt.origins).toEqual([14]);
    // scale: |w2 − w1| over 7 pairs = 1/7
    expect(bt.scale).toBeCloseTo(1 / 7, 12);
    const [sn, ma] = bt.scores;
    // seasonal naive forecasts w2 for week 3: only day 0 misses, by 3 − 2 = 1, on 6 observed days
    // MAE 1/6, MASE (1/6)/(1/7) = 7/6; Σy = 18 → WAPE 1/18, bias +1/18
    expect(sn.mase).toBeCloseTo(7 / 6, 12);
    expect(sn.wape).toBeCloseTo(1 / 18, 12);
    expect(sn.bias).toBeCloseTo(1 / 18, 12);
    // moving average: all 14 days, 41/14 = 2.928571 flat; errors +0.928571 ×3, −1.071429 ×3
    // Σ|e| = 6, MAE 1, MASE 7; Σe = 3·(−0.142857) = −0.428571; WAPE 6/18, bias −0.428571/18
    expect(ma.mase).toBeCloseTo(7, 10);
    expect(ma.wape).toBeCloseTo(1 / 3, 12);
    expect(ma.bias).toBeCloseTo(-3 / 7 / 18, 12);
    expect(chooseMethod(bt).method).toBe('seasonal_naive');
  });

  it('has no MASE where the naive scale is 0 and the method errs, 0 where it does not', () => {
    const flat = [...w1, ...w1, ...w1];
    expect(naiveScale(flat, 14)).toBe(0);
    const [sn, ma] = backtest(flat, ['seasonal_naive', 'moving_average'])!.scores;
    expect(sn.mase).toBe(0);
    expect(ma.mase).toBeNull();
  });

  it('is null without two weeks of training before the first window', () => {
    expect(
      backtest([1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6], ['seasonal_naive']),
    ).toBeNull();
  });
});

/** A seeded generator (mulberry32) and Box–Muller normals, so the series is the same every run. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, normal };
}

function weeklySeries(days: number, seed: number, noise: number): number[] {
  const r = rng(seed);
  const pattern = [6, 8, 10, 12, 16, 22, 14];
  return Array.from({ length: days }, (_, t) => Math.max(0, Math.round(pattern[t % 7] + noise * r.normal())));
}

describe('backtest on a series with known weekly seasonality', () => {
  it('with noise, the chosen method beats seasonal naive in the backtest and on a held-out month', () => {
    // Seasonal naive carries one week's noise into its forecast (error variance 2σ²); Holt-Winters
    // averages the season over weeks, so its error variance tends to σ² — MASE ≈ 1/√2 of the naive's.
    const series = weeklySeries(400, 16, 3);
    const train = series.slice(0, 372);
    const plan = planSku({
      series: train,
      serviceLevel: 0.95,
      leadTimeDays: 7,
      leadTimeStddevDays: 0,
      reviewPeriodDays: 7,
    });
    expect(plan.demand_class).toBe('smooth');
    expect(plan.method).toBe('holt_winters');
    expect(plan.accuracy!.mase!).toBeLessThan(0.85 * plan.seasonal_naive!.mase!);
    // Out of sample: the next 28 days, forecast from day 372 without seeing them.
    const actual = series.slice(372);
    const mae = (f: number[]) => f.reduce((s, x, k) => s + Math.abs(x - actual[k]), 0) / actual.length;
    expect(mae(plan.path.slice(0, 28))).toBeLessThan(mae(forecastSeries('seasonal_naive', train, 28)));
  });

  it('without noise, seasonal naive is exact and stays chosen: both MASEs are 0', () => {
    const plan = planSku({
      series: weeklySeries(120, 1, 0),
      serviceLevel: 0.95,
      leadTimeDays: 7,
      leadTimeStddevDays: 0,
      reviewPeriodDays: 7,
    });
    expect(plan.method).toBe('seasonal_naive');
    expect(plan.accuracy).toEqual(plan.seasonal_naive);
    expect(plan.accuracy!.mase).toBe(0);
  });

  it('for any series the chosen method’s backtest MASE is at most seasonal naive’s', () => {
    // Seasonal naive is a candidate of every class and selection takes the lowest error: so the
    // chosen MASE can equal the naive's but never exceed it — whatever the series.
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 6 }), {
          minLength: 21,
          maxLength: 120,
        }),
        (series) => {
          const plan = planSku({
            series,
            serviceLevel: 0.9,
            leadTimeDays: 5,
            leadTimeStddevDays: 1,
            reviewPeriodDays: 7,
          });
          if (!plan.chosen_score || !plan.naive_score) return;
          expect(plan.chosen_score.abs_error).toBeLessThanOrEqual(plan.naive_score.abs_error);
          if (plan.accuracy!.mase !== null && plan.seasonal_naive!.mase !== null)
            expect(plan.accuracy!.mase).toBeLessThanOrEqual(plan.seasonal_naive!.mase);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('safety stock, reorder point, order-up-to and suggestion', () => {
  it('z is the exact normal quantile', () => {
    expect(zScore(0.95)).toBeCloseTo(1.644853627, 8);
    expect(zScore(0.98)).toBeCloseTo(2.053748911, 8);
    expect(() => zScore(1)).toThrow();
  });

  it('safety stock = z·√(LT·σd² + d̄²·σLT²)', () => {
    // LT 9, σd 2, d̄ 4, σLT 1.5: 9·4 + 16·2.25 = 72; √72 = 8.485281; × 1.644854 = 13.957 → 13.96
    expect(
      safetyStock({
        z: zScore(0.95),
        leadTimeDays: 9,
        leadTimeStddevDays: 1.5,
        demandDaily: 4,
        demandStddevDaily: 2,
      }),
    ).toBe(13.96);
  });

  it('figures and the suggestion, rounded to packs and at least the MOQ', () => {
    const f = policyFigures({
      path: new Array<number>(16).fill(4),
      serviceLevel: 0.95,
      leadTimeDays: 9,
      leadTimeStddevDays: 1.5,
      reviewPeriodDays: 7,
      demandStddevDaily: 2,
    });
    // over the lead time 9·4 = 36, over the review 7·4 = 28; ROP 36 + 13.96, up-to 49.96 + 28
    expect(f).toMatchObject({
      forecast_daily: 4,
      forecast_lead_time: 36,
      forecast_review: 28,
      safety_stock: 13.96,
      reorder_point: 49.96,
      order_up_to: 77.96,
    });
    // position 25 + 10 − 5 = 30 ≤ 49.96: 77.96 − 30 = 47.96 → ⌈max(47.96, 20)/12⌉·12 = 4·12 = 48
    const position = stockPosition({ on_hand: 25, on_order: 10, reserved: 5 });
    const row = { position, reorder_point: 49.96, order_up_to: 77.96, pack_size: 12, moq: 20 };
    expect(position).toBe(30);
    expect(suggestedQuantity(row)).toBe(48);
    expect(explainSuggestion({ ...row, suggested_quantity: 48 })).toBe(
      'Position 30 ≤ reorder point 49.96: order up to 77.96 − 30 = 47.96, at least MOQ 20, rounded up to ' +
        'packs of 12 → 48.',
    );
    // the MOQ wins when the gap is small: 77.96 − 49 = 28.96 → max(28.96, 60) = 60 → 5 packs of 12
    expect(suggestedQuantity({ ...row, position: 49, moq: 60 })).toBe(60);
    expect(suggestedQuantity({ ...row, position: 50 })).toBe(0);
  });

  it('ordering the suggestion leaves nothing more to suggest (idempotent rule)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 500 }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 0, max: 100 }),
        (position, rop, review, pack_size, moq) => {
          const r = { position, reorder_point: rop, order_up_to: rop + review, pack_size, moq };
          const q = suggestedQuantity(r);
          expect(q % pack_size).toBe(0);
          if (q > 0) expect(q).toBeGreaterThanOrEqual(moq);
          expect(suggestedQuantity({ ...r, position: position + q })).toBe(0);
        },
      ),
    );
  });
});

describe('censoring on stockout days', () => {
  it('a day that starts or ends with nothing available is missing, not zero', () => {
    // Closing available: 12-03 → 3, 12-04 → 0 (sold out), 12-06 → 5 (restocked). Before the first
    // movement (12-01, 12-02) nothing is known: observed. 12-04 ended at 0, 12-05 started and ended
    // at 0, 12-06 started at 0 → censored; 12-07 started at 5 → observed.
    const { start, series } = censoredSeries({
      from: '2026-11-01',
      asOf: '2026-12-07',
      demand: new Map([
        ['2026-12-01', 1],
        ['2026-12-03', 2],
        ['2026-12-04', 3],
        ['2026-12-07', 4],
      ]),
      stock: [
        { day: '2026-12-03', available: 3 },
        { day: '2026-12-04', available: 0 },
        { day: '2026-12-06', available: 5 },
      ],
    });
    expect(start).toBe('2026-12-01');
    expect(series).toEqual([1, 0, 2, null, null, null, 4]);
  });
});
