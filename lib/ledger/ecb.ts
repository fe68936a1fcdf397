import { parse } from 'csv-parse/sync';
import { isValidIsoDate } from '@/lib/dates';
import { divideRates, formatRate, parseRate, type Decimal } from '@/lib/ledger/fx';

/**
 * The ECB euro foreign exchange reference rates as CSV (eurofxref.csv, eurofxref-hist.csv): a
 * `Date` column then one column per currency, each cell that currency per 1 EUR ("N/A" or empty when
 * not quoted), dates as YYYY-MM-DD (history file) or "2 December 2026" (daily file); headers and
 * cells may carry spaces, rows a trailing comma.
 *
 * Turned into rates to the shop's currency C (docs/decisions/037-fx-rates-and-base-amounts.md):
 * C = EUR: rate(X) = 1 / X_per_EUR; else rate(EUR) = C_per_EUR and rate(X) = C_per_EUR / X_per_EUR
 * (a cross rate), at 10 decimals rounded half up. A row without a quote for C gives nothing.
 */
export type ParsedRate = { date: string; currency: string; rate: string };
export type EcbParse = { rates: ParsedRate[]; problems: { row: number; message: string }[] };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** '2026-12-02' or '2 December 2026' / '02 Dec 2026' → '2026-12-02'; null otherwise. */
export function ecbDate(text: string): string | null {
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t);
  if (!m) return null;
  const month = MONTHS.findIndex((name) => name.startsWith(m[2].toLowerCase()) && m[2].length >= 3);
  if (month < 0) return null;
  const iso = `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

const ONE: Decimal = { n: 1n, scale: 0 };

export function parseEcbCsv(text: string, shopCurrency: string): EcbParse {
  const problems: EcbParse['problems'] = [];
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    return { rates: [], problems: [{ row: 0, message: `Not a CSV file: ${(e as Error).message}` }] };
  }
  const [header, ...body] = rows;
  if (!header || header[0]?.toLowerCase() !== 'date')
    return {
      rates: [],
      problems: [{ row: 1, message: 'The first column must be "Date" (ECB eurofxref format)' }],
    };
  const currencies = header.map((h) => h.toUpperCase());
  const rates: ParsedRate[] = [];
  body.forEach((cells, i) => {
    const rowNumber = i + 2;
    const date = ecbDate(cells[0] ?? '');
    if (!date) {
      problems.push({ row: rowNumber, message: `"${cells[0]}" is not a date` });
      return;
    }
    const perEur = new Map<string, Decimal>([['EUR', ONE]]);
    for (let c = 1; c < currencies.length; c++) {
      const code = currencies[c];
      const cell = cells[c] ?? '';
      if (!/^[A-Z]{3}$/.test(code) || cell === '' || cell.toUpperCase() === 'N/A') continue;
      const rate = parseRate(cell);
      if (!rate) problems.push({ row: rowNumber, message: `${code}: "${cell}" is not a rate` });
      else perEur.set(code, rate);
    }
    const shopPerEur = perEur.get(shopCurrency);
    const alreadyNamed = problems.some(
      (p) => p.row === rowNumber && p.message.startsWith(`${shopCurrency}:`),
    );
    if (!shopPerEur && alreadyNamed) return;
    if (!shopPerEur) {
      problems.push({ row: rowNumber, message: `No ${shopCurrency} quote on ${date}` });
      return;
    }
    for (const [code, xPerEur] of perEur) {
      if (code === shopCurrency) continue;
      rates.push({ date, currency: code, rate: formatRate(divideRates(shopPerEur, xPerEur)) });
    }
  });
  return { rates, problems };
}
