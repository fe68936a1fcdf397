import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { shopSettings } from '@/lib/settings/queries';
import { formatRate, parseRate } from '@/lib/ledger/fx';
import { parseEcbCsv } from '@/lib/ledger/ecb';
import { ZSaveFxRatesInput, type TSaveFxRatesInput } from '@/lib/ledger/fx-schemas';

export type SaveFxRatesResult = { saved: number; currencies: string[]; from: string; to: string };

/**
 * Stores exchange rates (docs/decisions/037-fx-rates-and-base-amounts.md): one upsert per batch, a
 * (currency, date) already held takes the new rate and source. A rate for the shop's own currency is
 * refused (it is 1 by definition). Audited as one row per batch.
 */
export async function saveFxRates(
  options: { input: TSaveFxRatesInput; actor: Actor; source: 'manual' | 'api' | 'ecb' },
  tx?: Tx,
): Promise<SaveFxRatesResult> {
  const input = ZSaveFxRatesInput.parse(options.input);
  const run = async (t: Tx) => {
    const { currency: base } = await shopSettings(t);
    const seen = new Map<string, number>();
    const rows = input.rates.map((r, i) => {
      if (r.currency === base)
        throw new AppError('VALIDATION_FAILED', `A rate for ${base}, the shop's currency`, [
          { field: `rates.${i}.currency`, message: `${base} is the shop's currency: its rate is always 1` },
        ]);
      const key = `${r.currency} ${r.date}`;
      if (seen.has(key))
        throw new AppError('VALIDATION_FAILED', `Two rates for ${key}`, [
          {
            field: `rates.${i}.date`,
            message: `${r.currency} on ${r.date} is already in rates.${seen.get(key)}`,
          },
        ]);
      seen.set(key, i);
      return { currency: r.currency, date: r.date, rate: formatRate(parseRate(r.rate)!) };
    });
    await t.$executeRaw`
      INSERT INTO fx_rates (currency, date, rate, source)
      SELECT r.currency, r.date::date, r.rate::numeric, ${options.source}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(currency text, date text, rate text)
      ORDER BY r.currency, r.date
      ON CONFLICT (currency, date) DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source`;
    const dates = rows.map((r) => r.date).sort();
    const result = {
      saved: rows.length,
      currencies: [...new Set(rows.map((r) => r.currency))].sort(),
      from: dates[0],
      to: dates[dates.length - 1],
    };
    await audit(t, {
      actor: options.actor,
      action: 'fx_rates.saved',
      entityType: 'fx_rates',
      entityId: `${result.from}..${result.to}`,
      after: { ...result, source: options.source, rates: rows.slice(0, 100) },
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}

/**
 * Imports an ECB reference-rate CSV (lib/ledger/ecb.ts), converted to the shop's currency. A file
 * with a bad row imports nothing: 422 naming each row.
 */
export async function importEcbRates(options: { csv: string; actor: Actor }): Promise<SaveFxRatesResult> {
  return db.$transaction(async (tx) => {
    const { currency } = await shopSettings(tx);
    const parsed = parseEcbCsv(options.csv, currency);
    if (parsed.problems.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `Nothing imported: ${parsed.problems
          .slice(0, 3)
          .map((p) => `row ${p.row}: ${p.message}`)
          .join('; ')}${parsed.problems.length > 3 ? ` (and ${parsed.problems.length - 3} more)` : ''}`,
        parsed.problems.slice(0, 50).map((p) => ({ field: 'file', message: `Row ${p.row}: ${p.message}` })),
      );
    if (!parsed.rates.length)
      throw new AppError('VALIDATION_FAILED', 'The file holds no rates', [
        { field: 'file', message: 'No rate rows below the Date header' },
      ]);
    return saveFxRates({ input: { rates: parsed.rates }, actor: options.actor, source: 'ecb' }, tx);
  });
}
