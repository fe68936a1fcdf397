import { createHash } from 'node:crypto';
import { parse, type CsvError } from 'csv-parse/sync';
import { isMatch, parse as parseDate } from 'date-fns';
import { z } from 'zod';
import { AppError, type FieldIssue } from '@/lib/errors';
import { parseMoney } from '@/lib/money';
import { isCurrency } from '@/lib/boundary';

/**
 * Reading payment processors' payout reports and bank statements (docs/decisions/043-close-and-reconcile.md).
 * Pure: columns are found by name (case, spaces and punctuation ignored) from a list of the names each
 * export is known to use; amounts are read exactly in the file's currency; dates in one format per
 * column — ISO, day-first or month-first — found from the values or chosen for the import, and an
 * ambiguous column (every date reads both ways) is refused naming the column.
 */

export const PAYOUT_FORMATS = ['stripe', 'shopify'] as const;
export type PayoutFormat = (typeof PAYOUT_FORMATS)[number];
export const DATE_FORMATS = ['ymd', 'dmy', 'mdy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  ymd: 'Year-month-day (2026-11-30)',
  dmy: 'Day/month/year (30/11/2026)',
  mdy: 'Month/day/year (11/30/2026)',
};
const DATE_PATTERNS: Record<DateFormat, string> = { ymd: 'yyyy-MM-dd', dmy: 'dd/MM/yyyy', mdy: 'MM/dd/yyyy' };

/** Largest file accepted: a month of a busy shop's Stripe report is well under this. */
export const MAX_REPORT_BYTES = 5_000_000;
export const MAX_REPORT_ROWS = 20_000;

export const ZPayoutImportInput = z.object({
  format: z.enum(PAYOUT_FORMATS, { error: 'Choose stripe or shopify' }),
  csv: z
    .string({ error: 'Attach the payout report (CSV text)' })
    .min(1, 'Attach the payout report (CSV text)')
    .max(MAX_REPORT_BYTES, 'The file is larger than 5 MB; export one payout at a time'),
  date_format: z.enum(DATE_FORMATS, { error: 'Use ymd, dmy or mdy' }).optional(),
});
export type TPayoutImportInput = z.infer<typeof ZPayoutImportInput>;

export const ZBankStatementInput = z.object({
  csv: ZPayoutImportInput.shape.csv,
  date_format: ZPayoutImportInput.shape.date_format,
});
export type TBankStatementInput = z.infer<typeof ZBankStatementInput>;

export type LineKind = 'charge' | 'refund' | 'fee' | 'adjustment' | 'payout' | 'other';

/** One line of a payout report, amounts in minor units of the report's currency. */
export type ReportLine = {
  /** The spreadsheet row (header = 1). */
  row: number;
  kind: LineKind;
  /** The processor's type as written ('charge', 'stripe_fee', …). */
  type: string;
  date: string;
  reference: string | null;
  order_number: number | null;
  description: string;
  /** Gross amount, signed as the processor shows it (a refund is negative). */
  amount: number;
  /** The processor's fee on the line (positive = a cost). */
  fee: number;
  /** amount − fee: what the line adds to the payout. */
  net: number;
};

export type PayoutReport = {
  format: PayoutFormat;
  sha256: string;
  currency: string;
  /** The payout's id at the processor (the payout line's id or the payout id column). */
  reference: string;
  paid_on: string;
  /** The spreadsheet row paid_on was read from (a missing exchange rate names it). */
  paid_on_row: number;
  /** What reached the bank: the payout line's amount when the file has one, else Σ net. */
  net: number;
  lines: ReportLine[];
};

/** Header names as compared: lower case, letters and digits only ('Created (UTC)' → 'createdutc'). */
const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

type ColumnSpec = Record<string, readonly string[]>;
const STRIPE: ColumnSpec = {
  id: ['id', 'balance_transaction_id'],
  type: ['type', 'reporting_category'],
  amount: ['amount', 'gross'],
  fee: ['fee'],
  net: ['net'],
  currency: ['currency'],
  date: ['created (utc)', 'created_utc', 'created', 'created date (utc)'],
  description: ['description'],
  payout: ['transfer', 'automatic_payout_id', 'payout_id', 'payout'],
  order: ['order_number (metadata)', 'order_id (metadata)', 'payment_metadata[order_number]', 'order'],
};
const SHOPIFY: ColumnSpec = {
  type: ['type'],
  amount: ['amount'],
  fee: ['fee'],
  net: ['net'],
  currency: ['currency'],
  date: ['transaction date', 'date'],
  order: ['order'],
  payout: ['payout id'],
  payout_date: ['payout date'],
  id: ['checkout', 'id'],
  description: ['description', 'card brand'],
};
const REQUIRED: Record<PayoutFormat, string[]> = {
  stripe: ['type', 'amount', 'currency', 'date'],
  shopify: ['type', 'amount', 'currency', 'date'],
};

const KINDS: Record<string, LineKind> = {
  charge: 'charge',
  payment: 'charge',
  refund: 'refund',
  payment_refund: 'refund',
  payout: 'payout',
  stripe_fee: 'fee',
  fee: 'fee',
  network_cost: 'fee',
  application_fee: 'fee',
  adjustment: 'adjustment',
  dispute: 'adjustment',
  chargeback: 'adjustment',
  reserve: 'adjustment',
};

function invalid(message: string, issues: FieldIssue[]): never {
  throw new AppError('VALIDATION_FAILED', message, issues);
}

/** The CSV's records with their header, BOM and surrounding blanks stripped; a bad file is a 422 on `csv`. */
function records(csv: string): { header: string[]; rows: string[][] } {
  let all: string[][];
  try {
    all = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const e = error as CsvError;
    invalid('The file is not a readable CSV', [{ field: 'csv', message: e.message ?? 'Not a CSV file' }]);
  }
  if (all.length < 2)
    invalid('The file has no lines', [
      { field: 'csv', message: 'A header row and at least one line are needed' },
    ]);
  if (all.length - 1 > MAX_REPORT_ROWS)
    invalid('Too many lines', [{ field: 'csv', message: `At most ${MAX_REPORT_ROWS} lines per import` }]);
  return { header: all[0], rows: all.slice(1) };
}

/** Column index per field of the spec (the first alias present wins); names as written, for messages. */
function columns(header: string[], spec: ColumnSpec) {
  const at = new Map(header.map((h, i) => [norm(h), i] as const));
  const index: Record<string, number | undefined> = {};
  const name: Record<string, string> = {};
  for (const [field, aliases] of Object.entries(spec)) {
    const hit = aliases.find((a) => at.has(norm(a)));
    if (hit !== undefined) {
      index[field] = at.get(norm(hit));
      name[field] = header[index[field]!];
    }
  }
  return { index, name };
}

/** The day part of a date cell: '2026-11-30 14:05:00 -0500' → '2026-11-30'. */
const dayPart = (value: string) => value.trim().split(/[ T]/)[0];

/**
 * The date format of a column: the one asked for, else ISO when every value is ISO, else day-first
 * when some day is above 12, month-first when some month is; a column where every value reads both
 * ways is refused naming the column (choose `date_format`).
 */
export function columnDateFormat(values: string[], column: string, asked?: DateFormat): DateFormat {
  if (asked) return asked;
  const days = values.map(dayPart).filter(Boolean);
  if (days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) return 'ymd';
  const slashed = days.map((d) => /^(\d{1,2})\/(\d{1,2})\/\d{4}$/.exec(d));
  if (slashed.some((m) => m === null))
    invalid(`Column "${column}" mixes date formats`, [
      {
        field: 'date_format',
        message: `Column "${column}": use one of 2026-11-30, 30/11/2026 or 11/30/2026`,
      },
    ]);
  const firstOver12 = slashed.some((m) => Number(m![1]) > 12);
  const secondOver12 = slashed.some((m) => Number(m![2]) > 12);
  if (firstOver12 && !secondOver12) return 'dmy';
  if (secondOver12 && !firstOver12) return 'mdy';
  if (firstOver12 && secondOver12)
    invalid(`Column "${column}" mixes day-first and month-first dates`, [
      { field: 'date_format', message: `Column "${column}" has dates that fit neither format` },
    ]);
  invalid(`Column "${column}" has dates that read day-first or month-first`, [
    {
      field: 'date_format',
      message: `Column "${column}" is ambiguous (e.g. ${days[0]}): choose day/month/year or month/day/year`,
    },
  ]);
}

/** One date cell as YYYY-MM-DD in the column's format; a value that is not a date is refused by row. */
export function readDate(value: string, format: DateFormat, where: { column: string; row: number }): string {
  const day = dayPart(value);
  const pattern = DATE_PATTERNS[format];
  const loose = format === 'ymd' ? pattern : pattern.replace('dd', 'd').replace('MM', 'M');
  const ok = isMatch(day, pattern) || isMatch(day, loose);
  const parsed = ok ? parseDate(day, isMatch(day, pattern) ? pattern : loose, new Date(0)) : null;
  if (!parsed || Number.isNaN(parsed.getTime()))
    invalid(`Row ${where.row}: "${value}" is not a date`, [
      {
        field: 'csv',
        message: `Row ${where.row}, column "${where.column}": "${value}" is not a ${format} date`,
      },
    ]);
  const y = parsed.getFullYear();
  const m = parsed.getMonth() + 1;
  const d = parsed.getDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function readAmount(
  value: string | undefined,
  currency: string,
  where: { column: string; row: number },
): number {
  if (value === undefined || value.trim() === '') return 0;
  const minor = parseMoney(value.replace(/^\((.*)\)$/, '-$1'), currency);
  if (minor === null)
    invalid(`Row ${where.row}: "${value}" is not an amount`, [
      {
        field: 'csv',
        message: `Row ${where.row}, column "${where.column}": "${value}" is not an amount in ${currency}`,
      },
    ]);
  return minor;
}

/** '#1001', '1001', 'Order #1001', 'Payment for order 1001' → 1001; null when no order is named. */
export function orderNumberOf(text: string | undefined): number | null {
  if (!text) return null;
  const m =
    /^#?\s*(\d{1,9})$/.exec(text.trim()) ?? /(?:order|#)\s*(?:no\.?|number)?\s*#?\s*(\d{1,9})/i.exec(text);
  return m ? Number(m[1]) : null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n').trim()).digest('hex');
}

/**
 * A Stripe balance-transactions or Shopify Payments payout CSV read into lines. One file is one
 * payout: several payout ids, several currencies, or no lines are refused (422 naming the field).
 */
export function readPayoutReport(input: TPayoutImportInput): PayoutReport {
  const { header, rows } = records(input.csv);
  const spec = input.format === 'stripe' ? STRIPE : SHOPIFY;
  const { index, name } = columns(header, spec);
  const missing = REQUIRED[input.format].filter((f) => index[f] === undefined);
  if (missing.length)
    invalid(`The file is not a ${input.format} payout report`, [
      {
        field: 'csv',
        message: `Missing column(s): ${missing.map((f) => spec[f][0]).join(', ')}`,
      },
    ]);
  const cell = (r: string[], field: string) => (index[field] === undefined ? undefined : r[index[field]]);
  const currencies = [...new Set(rows.map((r) => (cell(r, 'currency') ?? '').trim().toUpperCase()))];
  if (currencies.length !== 1 || !isCurrency(currencies[0]))
    invalid('One payout is in one currency', [
      { field: 'csv', message: `Column "${name.currency}" holds ${currencies.join(', ') || 'nothing'}` },
    ]);
  const currency = currencies[0];
  const dateFormat = columnDateFormat(
    rows.map((r) => cell(r, 'date') ?? ''),
    name.date,
    input.date_format,
  );
  const lines: ReportLine[] = rows.map((r, i) => {
    const row = i + 2;
    const type = (cell(r, 'type') ?? '').trim().toLowerCase();
    const amount = readAmount(cell(r, 'amount'), currency, { column: name.amount, row });
    const fee = Math.abs(readAmount(cell(r, 'fee'), currency, { column: name.fee ?? 'Fee', row }));
    const netCell = cell(r, 'net');
    const net = netCell?.trim() ? readAmount(netCell, currency, { column: name.net, row }) : amount - fee;
    const description = (cell(r, 'description') ?? '').trim();
    return {
      row,
      kind: KINDS[type] ?? 'other',
      type,
      date: readDate(cell(r, 'date') ?? '', dateFormat, { column: name.date, row }),
      reference: cell(r, 'id')?.trim() || null,
      order_number: orderNumberOf(cell(r, 'order')) ?? orderNumberOf(description),
      description,
      amount,
      fee,
      net,
    };
  });
  const payoutLines = lines.filter((l) => l.kind === 'payout');
  const ids = [
    ...new Set([
      ...payoutLines.map((l) => l.reference).filter((v): v is string => Boolean(v)),
      ...rows.map((r) => cell(r, 'payout')?.trim()).filter((v): v is string => Boolean(v)),
    ]),
  ];
  if (ids.length > 1 || payoutLines.length > 1)
    invalid('The file holds more than one payout', [
      { field: 'csv', message: `Payouts ${ids.join(', ')}: export one payout per file` },
    ]);
  const items = lines.filter((l) => l.kind !== 'payout');
  if (items.length === 0)
    invalid('The file has no transactions', [{ field: 'csv', message: 'No charge, refund or fee lines' }]);
  const hash = sha256(input.csv);
  const payoutDates = rows.map((r) => cell(r, 'payout_date')?.trim()).filter((v): v is string => Boolean(v));
  const paidOn = payoutLines[0]
    ? payoutLines[0].date
    : payoutDates.length
      ? readDate(payoutDates[0], columnDateFormat(payoutDates, name.payout_date, input.date_format), {
          column: name.payout_date,
          row: 2,
        })
      : items.map((l) => l.date).sort()[items.length - 1];
  const net = payoutLines[0] ? -payoutLines[0].amount : items.reduce((s, l) => s + l.net, 0);
  const paidOnRow = payoutLines[0]
    ? payoutLines[0].row
    : payoutDates.length
      ? 2
      : items.find((l) => l.date === paidOn)!.row;
  return {
    format: input.format,
    sha256: hash,
    currency,
    reference: ids[0] ?? `${input.format}-${hash.slice(0, 16)}`,
    paid_on: paidOn,
    paid_on_row: paidOnRow,
    net,
    lines: items,
  };
}

/** One line of a bank statement: money in is positive, money out negative. */
export type BankLine = { row: number; date: string; description: string; amount: number };

const BANK: ColumnSpec = {
  date: ['date', 'transaction date', 'booking date', 'posted date', 'value date'],
  description: ['description', 'details', 'memo', 'narrative', 'payee', 'reference'],
  amount: ['amount', 'value'],
  in: ['in', 'money in', 'paid in', 'credit', 'credits', 'deposit', 'deposits'],
  out: ['out', 'money out', 'paid out', 'debit', 'debits', 'withdrawal', 'withdrawals'],
};

/**
 * A bank statement CSV in the shop's currency: a date column, a description, and either one signed
 * amount column or separate money-in and money-out columns (out read as positive or negative).
 */
export function readBankStatement(input: TBankStatementInput, currency: string): BankLine[] {
  const { header, rows } = records(input.csv);
  const { index, name } = columns(header, BANK);
  if (index.date === undefined)
    invalid('No date column', [{ field: 'csv', message: 'Add a column named Date' }]);
  const split = index.in !== undefined || index.out !== undefined;
  if (!split && index.amount === undefined)
    invalid('No amount column', [
      { field: 'csv', message: 'Add an Amount column, or separate In and Out (Credit and Debit) columns' },
    ]);
  const format = columnDateFormat(
    rows.map((r) => r[index.date!] ?? ''),
    name.date,
    input.date_format,
  );
  const at = (r: string[], f: string) => (index[f] === undefined ? undefined : r[index[f]]);
  return rows.map((r, i) => {
    const row = i + 2;
    const amount = split
      ? readAmount(at(r, 'in'), currency, { column: name.in ?? 'In', row }) -
        Math.abs(readAmount(at(r, 'out'), currency, { column: name.out ?? 'Out', row }))
      : readAmount(at(r, 'amount'), currency, { column: name.amount, row });
    return {
      row,
      date: readDate(r[index.date!] ?? '', format, { column: name.date, row }),
      description: (at(r, 'description') ?? '').trim(),
      amount,
    };
  });
}
