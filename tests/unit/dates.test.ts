import { describe, expect, it } from 'vitest';
import { addDays, daysFromTodayIn, daysInRange, endOfDayIn, todayIn } from '@/lib/dates';

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 30)).toBe('2026-12-30'); // 30 Nov + 30 = 30 Dec
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29'); // 2028 is a leap year
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts a range with both ends', () => {
    expect(daysInRange('2026-12-01', '2026-12-31')).toBe(31);
    expect(daysInRange('2026-12-04', '2026-12-04')).toBe(1);
    // 8 Mar 2026 is a 23-hour day in New York; calendar days do not care: 7, 8, 9 → 3
    expect(daysInRange('2026-03-07', '2026-03-09')).toBe(3);
  });

  it("takes today from the shop's time zone, not UTC", () => {
    // 01:30 UTC on 4 Dec is 20:30 on 3 Dec in New York (UTC−5): today there is the 3rd
    const evening = new Date('2026-12-04T01:30:00Z');
    expect(todayIn('America/New_York', evening)).toBe('2026-12-03');
    expect(daysFromTodayIn('America/New_York', 0, evening)).toBe('2026-12-03');
    expect(daysFromTodayIn('America/New_York', -1, evening)).toBe('2026-12-02');
    expect(daysFromTodayIn('UTC', 0, evening)).toBe('2026-12-04');
    // Tokyo (UTC+9) is already at 10:30 on the 4th
    expect(daysFromTodayIn('Asia/Tokyo', 7, evening)).toBe('2026-12-11');
  });

  it('ends a day at the next midnight of the zone', () => {
    // 3 Dec ends at 4 Dec 00:00 New York = 05:00 UTC
    expect(endOfDayIn('2026-12-03', 'America/New_York').toISOString()).toBe('2026-12-04T05:00:00.000Z');
  });
});
