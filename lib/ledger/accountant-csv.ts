import { stringify } from 'csv-stringify/sync';
import { formatInTimeZone } from 'date-fns-tz';
import { toDecimalString } from '@/lib/money';
import { csvText } from '@/lib/csv';
import type { JournalEntryDto } from '@/lib/ledger/queries';

/**
 * The journal in the two forms an accountant imports (decision 038): one row per journal line.
 *
 * `accountant`: Date, Entry number, Account code, Account name, Debit, Credit, Currency, Memo,
 * Source — base amounts in the shop's currency, plus the line's own amount and currency when it was
 * in another (Transaction debit / credit / currency; empty otherwise).
 *
 * `xero`: Xero's manual-journal import template (*Narration, *Date, Description, *AccountCode,
 * *TaxRate, *Amount, tracking columns): the date as dd/mm/yyyy, Amount positive for a debit and
 * negative for a credit, the narration "#<entry> <memo>" so every entry's lines group into one
 * journal, TaxRate "Tax Exempt" (the journal carries its tax on the tax accounts' own lines).
 */
export type JournalCsvFormat = 'accountant' | 'xero';

export const ACCOUNTANT_COLUMNS = [
  'Date',
  'Entry number',
  'Account code',
  'Account name',
  'Debit',
  'Credit',
  'Currency',
  'Memo',
  'Source',
  'Transaction debit',
  'Transaction credit',
  'Transaction currency',
] as const;

export const XERO_COLUMNS = [
  '*Narration',
  '*Date',
  'Description',
  '*AccountCode',
  '*TaxRate',
  '*Amount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
] as const;

export function accountantJournalCsvChunk(
  entries: JournalEntryDto[],
  options: { currency: string; timeZone: string; first: boolean; format: JournalCsvFormat },
): string {
  const { currency, timeZone, first, format } = options;
  const day = (iso: string, pattern: string) => formatInTimeZone(new Date(iso), timeZone, pattern);
  const money = (amount: number, cur = currency) => (amount ? toDecimalString(amount, cur) : '');
  const rows =
    format === 'accountant'
      ? entries.flatMap((e) =>
          e.lines.map((l) => [
            day(e.posted_at, 'yyyy-MM-dd'),
            String(e.number),
            l.account_code,
            csvText(l.account_name),
            money(l.debit),
            money(l.credit),
            currency,
            csvText(l.memo ?? e.memo),
            e.source_type,
            l.txn ? money(l.txn.debit, l.txn.currency) : '',
            l.txn ? money(l.txn.credit, l.txn.currency) : '',
            l.txn?.currency ?? '',
          ]),
        )
      : entries.flatMap((e) =>
          e.lines.map((l) => [
            csvText(`#${e.number} ${e.memo}`),
            day(e.posted_at, 'dd/MM/yyyy'),
            csvText(l.memo ?? ''),
            l.account_code,
            'Tax Exempt',
            toDecimalString(l.debit - l.credit, currency),
            '',
            '',
            '',
            '',
          ]),
        );
  return stringify(rows, {
    bom: first,
    header: first,
    columns: [...(format === 'accountant' ? ACCOUNTANT_COLUMNS : XERO_COLUMNS)],
    record_delimiter: 'windows',
  });
}
