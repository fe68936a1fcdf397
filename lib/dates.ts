import { fromZonedTime, formatInTimeZone } from 'date-fns-tz';
import { isCalendarDate } from '@/lib/boundary';

/** 'YYYY-MM-DD' */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day within the app's date window (lib/boundary.ts: 2000-01-01 … 2100-12-31). */
export function isValidIsoDate(value: string): boolean {
  return isCalendarDate(value);
}

/** The instant a calendar day starts in a time zone: ('2026-03-08', 'America/New_York') → 05:00Z. */
export function startOfDayIn(isoDate: string, timeZone: string): Date {
  return fromZonedTime(`${isoDate}T00:00:00`, timeZone);
}

/** The instant the day after `isoDate` starts: "as of a date" includes that whole day. */
export function endOfDayIn(isoDate: string, timeZone: string): Date {
  return startOfDayIn(addDays(isoDate, 1), timeZone);
}

/** Today's date in a time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now = new Date()): string {
  return formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
}

const DAY_MS = 86_400_000;

/** A calendar date plus whole days (negative: before): ('2026-11-30', 30) → '2026-12-30'. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included: ('2026-12-01', '2026-12-31') → 31. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The date `days` after today in a time zone: what "in a week" means to the shop, not to UTC. */
export function daysFromTodayIn(timeZone: string, days: number, now = new Date()): string {
  return addDays(todayIn(timeZone, now), days);
}
