import 'server-only';
import { endOfDayIn, todayIn } from '@/lib/dates';
import { shopTimezone } from '@/lib/settings/queries';

/** "As of 2026-11-30" means up to the end of that day in the shop's time zone; default today. */
export async function resolveAsOf(asOf?: string): Promise<{ asOf: string; before: Date }> {
  const tz = await shopTimezone();
  const day = asOf ?? todayIn(tz);
  return { asOf: day, before: endOfDayIn(day, tz) };
}
