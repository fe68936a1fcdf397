import 'server-only';
import { endOfDayIn, isValidIsoDate, todayIn } from '@/lib/dates';
import { shopTimezone } from '@/lib/settings/queries';

/** "As of 2026-11-30" means up to the end of that day in the shop's time zone; default today. */
export async function resolveAsOf(asOf?: string): Promise<{ asOf: string; before: Date }> {
  const tz = await shopTimezone();
  const day = asOf ?? todayIn(tz);
  return { asOf: day, before: endOfDayIn(day, tz) };
}

/**
 * A page's `?as_of=` parameter: absent or empty → today in the shop's time zone; a real date → that
 * day; anything else → a message to show beside the date input (a typo in a URL is not a crash).
 */
export async function asOfFromSearchParam(
  value: string | string[] | undefined,
): Promise<
  { ok: true; asOf: string; before: Date; today: string } | { ok: false; error: string; today: string }
> {
  const tz = await shopTimezone();
  const today = todayIn(tz);
  if (value === undefined || value === '')
    return { ok: true, asOf: today, before: endOfDayIn(today, tz), today };
  if (typeof value !== 'string' || !isValidIsoDate(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : 'That';
    return {
      ok: false,
      error: `${shown} is not a date. Pick a date, or type it as YYYY-MM-DD (e.g. ${today}).`,
      today,
    };
  }
  return { ok: true, asOf: value, before: endOfDayIn(value, tz), today };
}
