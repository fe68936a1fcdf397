import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { startOfDayIn, todayIn } from '@/lib/dates';
import { shopTimezone } from '@/lib/settings/queries';

/**
 * The instant a journal entry dated `isoDate` (shop time zone) is posted at: now when the date is
 * today (or absent), else the start of that day. A date after today is refused (422 naming `field`):
 * the books record what happened. Lock dates are checked by the database when the entry is written
 * (docs/decisions/036-lock-dates-in-the-database.md).
 */
export async function entryInstant(
  tx: Tx,
  isoDate: string | undefined,
  field: string,
  now = new Date(),
): Promise<Date | undefined> {
  if (!isoDate) return undefined;
  const timeZone = await shopTimezone(tx);
  const today = todayIn(timeZone, now);
  if (isoDate > today)
    throw new AppError('VALIDATION_FAILED', `${field} is after today`, [
      { field, message: `Use a date on or before today (${today})` },
    ]);
  return isoDate === today ? now : startOfDayIn(isoDate, timeZone);
}
