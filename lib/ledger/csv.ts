import { stringify } from 'csv-stringify/sync';
import { toDecimalString } from '@/lib/money';
import { formatInTimeZone } from 'date-fns-tz';
import type { JournalEntryDto, TrialBalance } from '@/lib/ledger/queries';
import type { Valuation } from '@/lib/inventory/queries';
import { csvText } from '@/lib/csv';
import {
  PL_SECTION_LABELS,
  type PlColumn,
  profitAndLossTable,
  type BalanceSheet,
  type ProfitAndLoss,
} from '@/lib/ledger/statements';

/**
 * The trial balance as CSV: one row per account, amounts as plain decimals, then the totals. With a
 * UTF-8 byte-order mark so Excel reads names with accents and dashes correctly.
 */
export function trialBalanceCsv(tb: TrialBalance, currency: string): string {
  const money = (amount: number) => toDecimalString(amount, currency);
  return stringify(
    [
      ...tb.accounts.map((a) => [a.code, csvText(a.name), a.type, money(a.debit), money(a.credit)]),
      ['', 'Total', '', money(tb.total_debit), money(tb.total_credit)],
    ],
    {
      bom: true,
      header: true,
      columns: ['Code', 'Account', 'Type', `Debit (${currency})`, `Credit (${currency})`],
      record_delimiter: 'windows',
    },
  );
}

/** The inventory valuation as CSV: one row per SKU, then the total. */
export function valuationCsv(valuation: Valuation): string {
  const money = (amount: number) => toDecimalString(amount, valuation.currency);
  return stringify(
    [
      ...valuation.lines.map((l) => [csvText(l.sku), csvText(l.name), String(l.quantity), money(l.value)]),
      [
        'Total',
        `${valuation.method === 'fifo' ? 'FIFO' : 'Moving average'} cost, as of ${valuation.as_of}`,
        '',
        money(valuation.total_value),
      ],
    ],
    {
      bom: true,
      header: true,
      columns: ['SKU', 'Item', 'Quantity', `Value (${valuation.currency})`],
      record_delimiter: 'windows',
    },
  );
}

export const JOURNAL_CSV_COLUMNS = [
  'Entry',
  'Posted at',
  'Source',
  'Memo',
  'Account code',
  'Account',
  'Debit',
  'Credit',
  'Line memo',
  'Reverses entry',
] as const;

/**
 * One chunk of the journal export: one row per journal line (the form accountants import), the
 * entry's number, time (shop's local time with its offset) and memo repeated on each of its lines.
 * The first chunk carries the byte-order mark and the header, later chunks only rows.
 */
export function journalCsvChunk(
  entries: JournalEntryDto[],
  currency: string,
  timeZone: string,
  first: boolean,
): string {
  const money = (amount: number) => (amount ? toDecimalString(amount, currency) : '');
  return stringify(
    entries.flatMap((e) =>
      e.lines.map((l) => [
        String(e.number),
        formatInTimeZone(new Date(e.posted_at), timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX"),
        e.source_type,
        csvText(e.memo ?? ''),
        l.account_code,
        csvText(l.account_name),
        money(l.debit),
        money(l.credit),
        csvText(l.memo ?? ''),
        e.reverses_number ? String(e.reverses_number) : '',
      ]),
    ),
    {
      bom: first,
      header: first,
      columns: [...JOURNAL_CSV_COLUMNS].map((c) =>
        c === 'Debit' || c === 'Credit' ? `${c} (${currency})` : c,
      ),
      record_delimiter: 'windows',
    },
  );
}

/**
 * The P&L as CSV: one row per account and section total, a column per month, the range and the
 * previous period of equal length; amounts as plain decimals, positive in their section.
 */
export function profitAndLossCsv(total: ProfitAndLoss, months: PlColumn[], previous: ProfitAndLoss): string {
  const money = (amount: number) => toDecimalString(amount, total.currency);
  return stringify(
    profitAndLossTable(total, months, previous).map((r) => [
      r.section ? PL_SECTION_LABELS[r.section] : '',
      r.code ?? '',
      csvText(r.label),
      ...r.months.map(money),
      money(r.total),
      money(r.previous),
    ]),
    {
      bom: true,
      header: true,
      columns: [
        'Section',
        'Code',
        'Account',
        ...months.map((m) => m.label),
        `${total.from} to ${total.to} (${total.currency})`,
        `${previous.from} to ${previous.to} (${total.currency})`,
      ],
      record_delimiter: 'windows',
    },
  );
}

/** The balance sheet as CSV: assets, liabilities, equity (with retained and current-year earnings). */
export function balanceSheetCsv(bs: BalanceSheet): string {
  const money = (amount: number) => toDecimalString(amount, bs.currency);
  const side = (label: string, s: { accounts: { code: string; name: string; amount: number }[] }) =>
    s.accounts.map((a) => [label, a.code, csvText(a.name), money(a.amount)]);
  return stringify(
    [
      ...side('Assets', bs.assets),
      ['Assets', '', 'Total assets', money(bs.assets.total)],
      ...side('Liabilities', bs.liabilities),
      ['Liabilities', '', 'Total liabilities', money(bs.liabilities.total)],
      ...side('Equity', bs.equity),
      ['Equity', '', 'Retained earnings', money(bs.retained_earnings)],
      [
        'Equity',
        '',
        `Current-year earnings (since ${bs.fiscal_year_start})`,
        money(bs.current_year_earnings),
      ],
      ['Equity', '', 'Total equity', money(bs.equity.total)],
      ['', '', 'Total liabilities and equity', money(bs.liabilities.total + bs.equity.total)],
    ],
    {
      bom: true,
      header: true,
      columns: ['Section', 'Code', 'Account', `As of ${bs.as_of} (${bs.currency})`],
      record_delimiter: 'windows',
    },
  );
}
