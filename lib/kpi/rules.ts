/**
 * Pure KPI rules: the order-to-ship histogram, percentiles, rates and periods. Shared by the event
 * hooks (lib/kpi/facts.ts), the rebuild (SQL mirrors hourBucket exactly) and the dashboard.
 */

import { addDays, daysInRange } from '@/lib/dates';

/**
 * Order-to-ship time is kept as a histogram of whole hours (placed → last shipment), so percentiles
 * over any range come from summed daily rows: bucket k covers
 *   k = 0..71    : [k, k+1) hours            (1 h resolution for the first three days)
 *   k = 72..87   : [72 + 6(k−72), +6) hours  (6 h up to one week)
 *   k = 88..110  : [168 + 24(k−88), +24) h   (1 day up to 30 days)
 *   k = 111      : 720 hours or more
 * A reported percentile is the upper edge of the bucket holding it (for k = 111: 720).
 */
export const HOUR_BUCKETS = 112;

export function hourBucket(elapsedMs: number): number {
  const h = Math.max(0, Math.floor(elapsedMs / 3_600_000));
  if (h < 72) return h;
  if (h < 168) return 72 + Math.floor((h - 72) / 6);
  if (h < 720) return 88 + Math.floor((h - 168) / 24);
  return 111;
}

/** The upper edge (hours) of bucket k. */
export function bucketUpperHours(k: number): number {
  if (k < 72) return k + 1;
  if (k < 88) return 72 + 6 * (k - 72 + 1);
  if (k < 111) return 168 + 24 * (k - 88 + 1);
  return 720;
}

/** The same bucket rule in SQL, over an integer number of whole hours `h` (h ≥ 0). */
export const HOUR_BUCKET_SQL = (h: string) =>
  `CASE WHEN ${h} < 72 THEN ${h} WHEN ${h} < 168 THEN 72 + (${h} - 72) / 6 WHEN ${h} < 720 THEN 88 ` +
  `+ (${h} - 168) / 24 ELSE 111 END`;

/**
 * Nearest-rank percentile over a histogram: the smallest bucket whose cumulative count reaches
 * ceil(p × n); reported as that bucket's upper edge in hours. null when the histogram is empty.
 */
export function histogramPercentile(counts: number[], p: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    seen += counts[k] ?? 0;
    if (seen >= rank) return bucketUpperHours(k);
  }
  return bucketUpperHours(counts.length - 1);
}

/** A rate with its parts; value null when the denominator is 0 (nothing to rate). */
export function rate(
  numerator: number,
  denominator: number,
): { value: number | null; numerator: number; denominator: number } {
  return { value: denominator > 0 ? round4(numerator / denominator) : null, numerator, denominator };
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  return round4(value - previous);
}

/** The equal-length period just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysInRange(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/**
 * Every ISO date in [from, to]. Bounded by construction: it counts days (never compares strings that
 * could stop sorting, as '+010000-01-01' does) and refuses more than MAX_RANGE_DAYS.
 */
export function eachDay(from: string, to: string): string[] {
  const days = daysInRange(from, to);
  if (!Number.isFinite(days) || days > MAX_RANGE_DAYS) throw new RangeError(`range ${from}..${to} too long`);
  return Array.from({ length: Math.max(0, days) }, (_, i) => addDays(from, i));
}

/** The first day of `isoDate`'s month. */
export function monthStart(isoDate: string): string {
  return `${isoDate.slice(0, 8)}01`;
}

/** The first day of the month `months` after the month of `isoDate` (negative: before). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * [from, to] as whole calendar months (read from kpi_monthly) and the edge days around them (read
 * from kpi_daily): `months` is [first month, last month] by their first days, or null when no whole
 * month fits; `days` are at most two inclusive day ranges, before and after the months.
 * E.g. 2026-10-30 … 2026-12-02 → months [2026-11-01, 2026-11-01], days [10-30…10-31], [12-01…12-02].
 */
export function splitByWholeMonths(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const firstWhole = from === monthStart(from) ? from : addMonths(from, 1);
  // The first day after the last whole month: to's month start, or the next one when `to` ends its month.
  const afterWhole = monthStart(addDays(to, 1));
  if (firstWhole >= afterWhole) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (afterWhole <= to) days.push([afterWhole, to]);
  return { months: [firstWhole, addMonths(afterWhole, -1)], days };
}

/** Longest range whose sparklines and charts have a point per day; longer ranges have one per month. */
export const DAILY_SPARKLINE_MAX_DAYS = 92;
export type SparklineStep = 'day' | 'month';

export function sparklineStep(days: number): SparklineStep {
  return days <= DAILY_SPARKLINE_MAX_DAYS ? 'day' : 'month';
}

/**
 * The sparkline buckets of [from, to]: each day, or each calendar month (the first starting at `from`,
 * the last ending at `to`, either possibly partial). A point's date is its bucket's first day.
 */
export function sparklineBuckets(
  from: string,
  to: string,
  step: SparklineStep,
): { start: string; end: string }[] {
  if (step === 'day') return eachDay(from, to).map((d) => ({ start: d, end: d }));
  const out: { start: string; end: string }[] = [];
  // At most one bucket per month of the longest range: bounded whatever the dates.
  for (
    let start = from, n = 0;
    start <= to && n <= MAX_RANGE_DAYS / 28 + 1;
    start = addMonths(start, 1), n++
  ) {
    const end = addDays(addMonths(start, 1), -1);
    out.push({ start, end: end < to ? end : to });
  }
  return out;
}

/** The longest range the dashboard and API accept. */
export const MAX_RANGE_DAYS = 5 * 366;

/** Preset ranges ending today (shop timezone): today, 7, 30 and 90 days. */
export const RANGE_PRESETS = { today: 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  return { from: addDays(today, -(RANGE_PRESETS[preset] - 1)), to: today };
}

/** How long something has waited, in words for the dashboard: "3 days", "5 hours", "under an hour". */
export function waitedFor(sinceIso: string, now: Date): string {
  const hours = Math.floor((now.getTime() - new Date(sinceIso).getTime()) / 3_600_000);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}
