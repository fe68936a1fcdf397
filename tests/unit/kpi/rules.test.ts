import { describe, expect, it } from 'vitest';
import {
  addMonths,
  bucketUpperHours,
  histogramPercentile,
  hourBucket,
  previousPeriod,
  rate,
  sparklineBuckets,
  sparklineStep,
  splitByWholeMonths,
  HOUR_BUCKETS,
} from '@/lib/kpi/rules';
import { readDashboardParams } from '@/lib/kpi/schemas';

const H = 3_600_000;

describe('order-to-ship histogram', () => {
  it('buckets whole hours: 1 h to 72 h, 6 h to a week, a day to 30 days, then one overflow bucket', () => {
    expect(hourBucket(0)).toBe(0);
    expect(hourBucket(59 * 60_000)).toBe(0); // 59 min → [0, 1)
    expect(hourBucket(71.9 * H)).toBe(71);
    expect(hourBucket(72 * H)).toBe(72); // [72, 78)
    expect(hourBucket(167 * H)).toBe(87); // 72 + (167 − 72) / 6 = 87.8 → 87
    expect(hourBucket(168 * H)).toBe(88);
    expect(hourBucket(719 * H)).toBe(110); // 88 + (719 − 168) / 24 = 110.9 → 110
    expect(hourBucket(5_000 * H)).toBe(HOUR_BUCKETS - 1);
    expect(hourBucket(-5 * H)).toBe(0); // shipped "before" it was placed (clock skew): 0 h
    expect([0, 71, 72, 87, 88, 110, 111].map(bucketUpperHours)).toEqual([1, 72, 78, 168, 192, 720, 720]);
  });

  it('takes nearest-rank percentiles, reported as the bucket upper edge', () => {
    const counts = Array<number>(HOUR_BUCKETS).fill(0);
    counts[2] = 1;
    counts[11] = 1;
    counts[23] = 1; // 2 h, 11 h, 23 h
    expect(histogramPercentile(counts, 0.5)).toBe(12); // rank ⌈1.5⌉ = 2 → bucket 11 → 12
    expect(histogramPercentile(counts, 0.9)).toBe(24); // rank ⌈2.7⌉ = 3 → bucket 23 → 24
    expect(histogramPercentile(Array<number>(HOUR_BUCKETS).fill(0), 0.5)).toBeNull();
  });
});

describe('periods and rates', () => {
  it('compares with the equal period just before', () => {
    expect(previousPeriod('2026-11-10', '2026-11-12')).toEqual({ from: '2026-11-07', to: '2026-11-09' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
  it('a rate keeps its parts and is null with nothing to rate', () => {
    expect(rate(3, 4)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(rate(0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
  });
});

describe('dashboard URL', () => {
  it('reads presets, custom ranges and channels, and falls back with a reason', () => {
    expect(readDashboardParams({}, '2026-11-29')).toMatchObject({
      range: '30d',
      query: { from: '2026-10-31', to: '2026-11-29' },
      error: null,
    });
    expect(readDashboardParams({ range: 'today', channel: 'web' }, '2026-11-29').query).toEqual({
      from: '2026-11-29',
      to: '2026-11-29',
      channel: 'web',
    });
    // 365 days ending today: 2026-11-29 − 364 days = 2025-11-30
    expect(readDashboardParams({ range: '365d' }, '2026-11-29')).toMatchObject({
      range: '365d',
      query: { from: '2025-11-30', to: '2026-11-29' },
    });
    expect(
      readDashboardParams({ range: 'custom', from: '2026-11-01', to: '2026-11-05' }, '2026-11-29').query,
    ).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    const bad = readDashboardParams(
      { range: 'custom', from: '2026-11-20', to: '2026-11-01', channel: 'myspace' },
      '2026-11-29',
    );
    expect(bad.query).toEqual({ from: '2026-10-31', to: '2026-11-29', channel: undefined });
    expect(bad.error).toMatch(/channel: Unknown channel/);
    expect(
      readDashboardParams({ range: 'custom', from: '2026-11-20', to: '2026-11-01' }, '2026-11-29').error,
    ).toMatch(/from: from must be on or before to/);
  });
});

describe('whole months and sparkline buckets', () => {
  it('splits a range into whole calendar months and the edge days around them', () => {
    // Partial months at both ends: Oct 30–31 and Dec 1–2 by day, November whole.
    expect(splitByWholeMonths('2026-10-30', '2026-12-02')).toEqual({
      months: ['2026-11-01', '2026-11-01'],
      days: [
        ['2026-10-30', '2026-10-31'],
        ['2026-12-01', '2026-12-02'],
      ],
    });
    // Exactly whole months (a leap February among them): no edge days.
    expect(splitByWholeMonths('2028-01-01', '2028-03-31')).toEqual({
      months: ['2028-01-01', '2028-03-01'],
      days: [],
    });
    // Starts on a month's first day, ends mid-month.
    expect(splitByWholeMonths('2026-09-01', '2026-11-29')).toEqual({
      months: ['2026-09-01', '2026-10-01'],
      days: [['2026-11-01', '2026-11-29']],
    });
    // Across a year end.
    expect(splitByWholeMonths('2025-11-30', '2026-11-29')).toEqual({
      months: ['2025-12-01', '2026-10-01'],
      days: [
        ['2025-11-30', '2025-11-30'],
        ['2026-11-01', '2026-11-29'],
      ],
    });
    // No whole month inside (within one month, or across a boundary): all by day.
    expect(splitByWholeMonths('2026-11-05', '2026-11-20')).toEqual({
      months: null,
      days: [['2026-11-05', '2026-11-20']],
    });
    expect(splitByWholeMonths('2026-10-15', '2026-11-14')).toEqual({
      months: null,
      days: [['2026-10-15', '2026-11-14']],
    });
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
  });

  it('has a point per day up to 92 days, else per calendar month (first and last possibly partial)', () => {
    expect(sparklineStep(92)).toBe('day');
    expect(sparklineStep(93)).toBe('month');
    expect(sparklineBuckets('2026-11-28', '2026-11-29', 'day')).toEqual([
      { start: '2026-11-28', end: '2026-11-28' },
      { start: '2026-11-29', end: '2026-11-29' },
    ]);
    expect(sparklineBuckets('2026-07-30', '2026-11-02', 'month')).toEqual([
      { start: '2026-07-30', end: '2026-07-31' },
      { start: '2026-08-01', end: '2026-08-31' },
      { start: '2026-09-01', end: '2026-09-30' },
      { start: '2026-10-01', end: '2026-10-31' },
      { start: '2026-11-01', end: '2026-11-02' },
    ]);
  });
});

describe('rates on the cards', () => {
  it('never shows a rate below 1 as 100.0 %: two decimals, rounded down, when one would round up', async () => {
    const { pctFine } = await import('@/components/dashboard/cards');
    expect(pctFine(0.95)).toBe('95.0%');
    // 1 − 16 ÷ 34,128 = 0.999531… → 99.95 % (not 100.0 %)
    expect(pctFine(1 - 16 / 34_128)).toBe('99.95%');
    expect(pctFine(0.99999)).toBe('99.99%');
    expect(pctFine(1)).toBe('100.0%');
    expect(pctFine(null)).toBe('—');
  });
});
