/**
 * The compute of a replenishment run over generated history, in its own process so its peak memory
 * is its own: `node --import tsx bench/replenishment-compute.ts SKUS DAYS` prints one JSON line
 * {skus, days, seconds, peak_rss_mb, methods, classes, mase, naive_mase}. The series hold all four
 * demand classes: weekly-seasonal smooth demand with a trend, erratic, intermittent and lumpy, with
 * stockout stretches censored (null). It runs exactly what a run computes per SKU (planPairs:
 * ABC, classification, the rolling-origin backtest of the class's methods, the forecast and the
 * policy figures); the database reads and writes of a run are measured by the page section.
 */
import { planPairs, type RunPair } from '@/lib/replenishment/execute-run';
import { overallAccuracy } from '@/lib/replenishment/plan';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth; λ small) and a demand series of one generated SKU. */
function generate(i: number, days: number): (number | null)[] {
  const r = rng(i + 1);
  const poisson = (lambda: number) => {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= r();
    } while (p > l && k < 200);
    return k - 1;
  };
  const kind = i % 20;
  const base = 1 + r() * 12;
  const week = [0.8, 0.9, 1, 1, 1.1, 1.4, 0.8];
  const out: (number | null)[] = new Array<number | null>(days);
  let outOfStock = 0;
  for (let t = 0; t < days; t++) {
    if (outOfStock > 0) {
      out[t] = null;
      outOfStock--;
      continue;
    }
    if (r() < 0.004) outOfStock = 2 + Math.floor(r() * 10);
    const trend = 1 + (0.3 * t) / days;
    if (kind < 8) out[t] = poisson(base * week[t % 7] * trend);
    else if (kind < 12) out[t] = r() < 0.9 ? poisson(base * week[t % 7]) * (r() < 0.2 ? 4 : 1) : 0;
    else if (kind < 17) out[t] = r() < 0.25 ? 1 + poisson(1) : 0;
    else out[t] = r() < 0.2 ? 1 + poisson(6) * (r() < 0.3 ? 3 : 1) : 0;
  }
  return out;
}

const skus = Number(process.argv[2] ?? 10_000);
const days = Number(process.argv[3] ?? 730);
const t0 = performance.now();
const series = new Map<string, (number | null)[]>();
const pairs: RunPair[] = [];
const values = new Map<string, number>();
for (let i = 0; i < skus; i++) {
  const id = `v${i}`;
  const s = generate(i, days);
  series.set(id, s);
  values.set(id, s.reduce<number>((a, y) => a + (y ?? 0), 0) * (500 + (i % 37) * 100));
  pairs.push({
    variantId: id,
    locationId: 'MAIN',
    supplierId: 's',
    leadTimeDays: 5 + (i % 10),
    leadTimeStddevDays: (i % 4) / 2,
    reviewPeriodDays: 7,
  });
}
const generated = (performance.now() - t0) / 1000;
const t1 = performance.now();
const planned = planPairs(pairs, (p) => series.get(p.variantId)!, values);
const secondsTaken = (performance.now() - t1) / 1000;
const count = <K extends string>(keys: K[]) =>
  keys.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});
const chosen = overallAccuracy(planned.map((p) => ({ score: p.plan.chosen_score })));
const naive = overallAccuracy(planned.map((p) => ({ score: p.plan.naive_score })));
process.stdout.write(
  `${JSON.stringify({
    skus,
    days,
    generate_s: Math.round(generated * 10) / 10,
    seconds: Math.round(secondsTaken * 10) / 10,
    // maxRSS is in kilobytes
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    classes: count(planned.map((p) => p.plan.demand_class)),
    methods: count(planned.map((p) => p.plan.method)),
    mase: chosen.mase,
    naive_mase: naive.mase,
    wape: chosen.wape,
    naive_wape: naive.wape,
  })}\n`,
);
