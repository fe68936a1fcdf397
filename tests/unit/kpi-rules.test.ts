import { describe, expect, it } from 'vitest';
import { bucketUpperHours, histogramPercentile, hourBucket, previousPeriod, rate, HOUR_BUCKETS } from '@/lib/kpi/rules';
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
    counts[2] = 1; counts[11] = 1; counts[23] = 1; // 2 h, 11 h, 23 h
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
    expect(readDashboardParams({}, '2026-11-29')).toMatchObject({ range: '30d', query: { from: '2026-10-31', to: '2026-11-29' }, error: null });
    expect(readDashboardParams({ range: 'today', channel: 'web' }, '2026-11-29').query).toEqual({ from: '2026-11-29', to: '2026-11-29', channel: 'web' });
    expect(readDashboardParams({ range: 'custom', from: '2026-11-01', to: '2026-11-05' }, '2026-11-29').query).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    const bad = readDashboardParams({ range: 'custom', from: '2026-11-20', to: '2026-11-01', channel: 'myspace' }, '2026-11-29');
    expect(bad.query).toEqual({ from: '2026-10-31', to: '2026-11-29', channel: undefined });
    expect(bad.error).toMatch(/channel: Unknown channel/);
    expect(readDashboardParams({ range: 'custom', from: '2026-11-20', to: '2026-11-01' }, '2026-11-29').error).toMatch(/from: from must be on or before to/);
  });
});
