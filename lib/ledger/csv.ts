import { stringify } from 'csv-stringify/sync';
import { toDecimalString } from '@/lib/money';
import type { TrialBalance } from '@/lib/ledger/queries';
import type { Valuation } from '@/lib/inventory/queries';
import { csvText } from '@/lib/csv';

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
    { bom: true, header: true, columns: ['Code', 'Account', 'Type', `Debit (${currency})`, `Credit (${currency})`], record_delimiter: 'windows' },
  );
}

/** The inventory valuation as CSV: one row per SKU, then the total. */
export function valuationCsv(valuation: Valuation): string {
  const money = (amount: number) => toDecimalString(amount, valuation.currency);
  return stringify(
    [
      ...valuation.lines.map((l) => [csvText(l.sku), csvText(l.name), String(l.quantity), money(l.value)]),
      ['Total', `${valuation.method === 'fifo' ? 'FIFO' : 'Moving average'} cost, as of ${valuation.as_of}`, '', money(valuation.total_value)],
    ],
    { bom: true, header: true, columns: ['SKU', 'Item', 'Quantity', `Value (${valuation.currency})`], record_delimiter: 'windows' },
  );
}
