import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { daysFromTodayIn } from '@/lib/dates';

/**
 * The demo data's calendar dates, in the shop's time zone: `day(0)` is the shop's today, `day(-1)`
 * yesterday. A UTC date would be tomorrow for a New York shop every evening after 19:00, and the books
 * refuse a date after today (lib/ledger/entry-date.ts), so the first start would fail at that hour.
 */
export async function seedDays(db: PrismaClient, now: Date = new Date()): Promise<(days: number) => string> {
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  const timeZone = settings?.timezone ?? 'UTC';
  return (days) => daysFromTodayIn(timeZone, days, now);
}
