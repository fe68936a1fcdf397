import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { parseRate, type Decimal } from '@/lib/ledger/fx';
import type { FxRateDto, TFxRatesQuery } from '@/lib/ledger/fx-schemas';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { sortSpec, sqlOrderBy, type ListSort } from '@/lib/list/sort';

/** The exchange rates list's header sort: the newest day first by default. */
export const FX_RATE_SORT = sortSpec(['date', 'currency', 'rate', 'source'], { id: 'date', desc: true });

/** Stored rates, newest first (at most 1,000), filtered by currency and date range. */
export async function fxRates(
  query: TFxRatesQuery,
  tx: Tx = db,
  sort: ListSort<(typeof FX_RATE_SORT.columns)[number]> = FX_RATE_SORT.default,
): Promise<{ rates: FxRateDto[] }> {
  const order = sqlOrderBy(sort, { date: 'date', currency: 'currency', rate: 'rate', source: 'source' });
  const rows = await tx.$queryRaw<{ date: string; currency: string; rate: string; source: string }[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date, currency, trim_scale(rate)::text AS rate, source
    FROM fx_rates
    WHERE (${query.currency ?? null}::text IS NULL OR currency = ${query.currency ?? null}::text)
      AND (${query.from ?? null}::date IS NULL OR date >= ${query.from ?? null}::date)
      AND (${query.to ?? null}::date IS NULL OR date <= ${query.to ?? null}::date)
    ORDER BY ${Prisma.raw(order)}, date DESC, currency
    LIMIT 1000`;
  return { rates: rows };
}

/**
 * The rate of `currency` for a day: that day's or the last before it. 1 for the shop's own currency;
 * no rate on or before the day → 422 naming `field`.
 */
export async function rateOn(
  input: { currency: string; base: string; date: string; field?: string },
  tx: Tx = db,
): Promise<{ rate: Decimal; date: string | null }> {
  if (input.currency === input.base) return { rate: { n: 1n, scale: 0 }, date: null };
  const [row] = await tx.$queryRaw<{ rate: string; date: string }[]>`
    SELECT trim_scale(rate)::text AS rate, to_char(date, 'YYYY-MM-DD') AS date FROM fx_rates
    WHERE currency = ${input.currency} AND date <= ${input.date}::date
    ORDER BY date DESC LIMIT 1`;
  if (!row)
    throw new AppError('VALIDATION_FAILED', `No ${input.currency} rate on or before ${input.date}`, [
      {
        field: input.field ?? 'currency',
        message: `Enter a ${input.currency} rate for ${input.date} or earlier (Ledger → Exchange rates)`,
      },
    ]);
  return { rate: parseRate(row.rate)!, date: row.date };
}
