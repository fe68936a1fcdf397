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
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfDayIn(next.toISOString().slice(0, 10), timeZone);
}

/** Today's date in a time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now = new Date()): string {
  return formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
}
