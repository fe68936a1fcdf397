import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { daysInRange } from '@/lib/dates';
import { MAX_RANGE_DAYS } from '@/lib/kpi/rules';

/**
 * The financial statements' rules (docs/decisions/025-financial-statements.md): which section each
 * account shows in, with which sign, and how the sections add up. Pure, shared by the queries, the
 * screens and the CSV exports.
 */

export const PL_SECTIONS = [
  'revenue',
  'contra_revenue',
  'cogs',
  'operating_expense',
  'other_income',
  'other_expense',
] as const;
export type PlSection = (typeof PL_SECTIONS)[number];
export type BsSection = 'assets' | 'liabilities' | 'equity';
export type AccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export const PL_SECTION_LABELS: Record<PlSection, string> = {
  revenue: 'Revenue',
  contra_revenue: 'Discounts, returns and refunds',
  cogs: 'Cost of goods sold',
  operating_expense: 'Operating expenses',
  other_income: 'Other income',
  other_expense: 'Other expenses',
};

/** The sections a revenue or an expense account may be placed in (the database CHECK agrees). */
export const SECTIONS_FOR_TYPE: Record<'revenue' | 'expense', readonly PlSection[]> = {
  revenue: ['revenue', 'contra_revenue', 'other_income'],
  expense: ['cogs', 'operating_expense', 'other_expense'],
};

/** A new revenue account is revenue and a new expense account an operating expense unless told. */
export function defaultSection(type: AccountType): PlSection | null {
  return type === 'revenue' ? 'revenue' : type === 'expense' ? 'operating_expense' : null;
}

/** Where an account shows: a P&L section for revenue and expense accounts, else its balance-sheet side. */
export function statementPlace(
  type: AccountType,
  section: PlSection | null,
): { statement: 'pl'; section: PlSection } | { statement: 'bs'; section: BsSection } {
  if (type === 'asset') return { statement: 'bs', section: 'assets' };
  if (type === 'liability') return { statement: 'bs', section: 'liabilities' };
  if (type === 'equity') return { statement: 'bs', section: 'equity' };
  return { statement: 'pl', section: section ?? defaultSection(type)! };
}

/**
 * An account's figure as its statement shows it, from Σdebit − Σcredit: debit-natured sections
 * (assets, COGS, expenses, contra revenue) show it as it is; credit-natured ones (liabilities, equity,
 * revenue, other income) negated. So a normal balance is positive in its section.
 */
export function statementAmount(section: PlSection | BsSection, debitMinusCredit: bigint): bigint {
  const debitNatured =
    section === 'assets' ||
    section === 'cogs' ||
    section === 'operating_expense' ||
    section === 'other_expense' ||
    section === 'contra_revenue';
  return debitNatured ? debitMinusCredit : -debitMinusCredit;
}

/** A sum read as bigint, handed out as a number of minor units only when it is exact. */
export function safeMinor(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} is beyond exact integer range`);
  return n;
}

export type AccountMovement = {
  code: string;
  name: string;
  type: AccountType;
  section: PlSection | null;
  /** Σdebit − Σcredit over the period (or up to the date). */
  net: bigint;
};
export type StatementLine = { code: string; name: string; amount: number };
export type PlSectionDto = { type: PlSection; accounts: StatementLine[]; total: number };
export type ProfitAndLoss = {
  currency: string;
  from: string;
  to: string;
  sections: PlSectionDto[];
  gross_profit: number;
  net_income: number;
};

/** Net income's sign per section: + revenue − contra revenue − COGS − operating expenses + other income −
 * other expenses. */
const NET_SIGN: Record<PlSection, 1n | -1n> = {
  revenue: 1n,
  contra_revenue: -1n,
  cogs: -1n,
  operating_expense: -1n,
  other_income: 1n,
  other_expense: -1n,
};

/**
 * The P&L from each account's movement over the range: every section listed (empty ones with total
 * 0), accounts with no movement left out. gross profit = revenue − contra revenue − COGS;
 * net income = gross profit − operating expenses + other income − other expenses.
 */
export function buildProfitAndLoss(
  movements: AccountMovement[],
  meta: { currency: string; from: string; to: string },
): ProfitAndLoss {
  const totals = new Map<PlSection, bigint>();
  const sections = PL_SECTIONS.map((type) => {
    const accounts = movements
      .map((m) => ({ m, place: statementPlace(m.type, m.section) }))
      .filter(({ m, place }) => place.statement === 'pl' && place.section === type && m.net !== 0n)
      .map(({ m }) => ({ code: m.code, name: m.name, amount: statementAmount(type, m.net) }));
    const total = accounts.reduce((s, a) => s + a.amount, 0n);
    totals.set(type, total);
    return {
      type,
      accounts: accounts.map((a) => ({ ...a, amount: safeMinor(a.amount) })),
      total: safeMinor(total),
    };
  });
  const t = (s: PlSection) => totals.get(s)!;
  const gross = t('revenue') - t('contra_revenue') - t('cogs');
  const net = PL_SECTIONS.reduce((s, sec) => s + NET_SIGN[sec] * t(sec), 0n);
  return { ...meta, sections, gross_profit: safeMinor(gross), net_income: safeMinor(net) };
}

/** Net income straight from movements: −Σ(debit − credit) over every P&L account. */
export function netIncomeOf(movements: AccountMovement[]): bigint {
  return movements
    .filter((m) => m.type === 'revenue' || m.type === 'expense')
    .reduce((s, m) => s - m.net, 0n);
}

export type BsSectionDto = { accounts: StatementLine[]; total: number };
export type BalanceSheet = {
  currency: string;
  as_of: string;
  /** The first day of the fiscal (calendar) year of as_of. */
  fiscal_year_start: string;
  assets: BsSectionDto;
  liabilities: BsSectionDto;
  /** Equity accounts; the total includes retained and current-year earnings. */
  equity: BsSectionDto;
  /** Net income of earlier fiscal years, never closed by an entry. */
  retained_earnings: number;
  /** Net income from the fiscal year's start to as_of. */
  current_year_earnings: number;
  /** assets − (liabilities + equity): 0 whenever every entry balanced. */
  difference: number;
};

/**
 * The balance sheet from balances up to the date (`balances`) and the P&L accounts' movement before
 * the fiscal year (`beforeYear`): retained earnings = net income before the year, current-year
 * earnings = net income of all P&L balances − retained earnings. No closing entry is needed.
 */
export function buildBalanceSheet(
  balances: AccountMovement[],
  beforeYear: AccountMovement[],
  meta: { currency: string; as_of: string; fiscal_year_start: string },
): BalanceSheet {
  const side = (section: BsSection) => {
    const accounts = balances
      .filter((m) => m.net !== 0n && statementPlace(m.type, m.section).section === section)
      .map((m) => ({ code: m.code, name: m.name, amount: statementAmount(section, m.net) }));
    return { accounts, total: accounts.reduce((s, a) => s + a.amount, 0n) };
  };
  const assets = side('assets');
  const liabilities = side('liabilities');
  const equity = side('equity');
  const retained = netIncomeOf(beforeYear);
  const current = netIncomeOf(balances) - retained;
  const equityTotal = equity.total + retained + current;
  const dto = (s: { accounts: { code: string; name: string; amount: bigint }[] }, total: bigint) => ({
    accounts: s.accounts.map((a) => ({ ...a, amount: safeMinor(a.amount) })),
    total: safeMinor(total),
  });
  return {
    ...meta,
    assets: dto(assets, assets.total),
    liabilities: dto(liabilities, liabilities.total),
    equity: dto(equity, equityTotal),
    retained_earnings: safeMinor(retained),
    current_year_earnings: safeMinor(current),
    difference: safeMinor(assets.total - liabilities.total - equityTotal),
  };
}

/**
 * The first day of the fiscal year holding a date. The fiscal year starts on the first day of
 * `startMonth` (shop setting `fiscal_year_start_month`, 1 = the calendar year): with 7, 2026-03-10 is
 * in the year from 2025-07-01.
 */
export function fiscalYearStart(isoDate: string, startMonth = 1): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const startYear = month >= startMonth ? year : year - 1;
  return `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
}

/** The last day of the fiscal year that starts on `yearStart`. */
export function fiscalYearEnd(yearStart: string): string {
  const next = new Date(Date.UTC(Number(yearStart.slice(0, 4)) + 1, Number(yearStart.slice(5, 7)) - 1, 1));
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** The first and last day of the fiscal year that ends in `fiscalYear`. */
export function fiscalYearBounds(fiscalYear: number, startMonth: number): { start: string; end: string } {
  const startYear = startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const start = `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { start, end: fiscalYearEnd(start) };
}

export type ColumnStep = 'month' | 'quarter';

/** One column of a P&L: its heading counts quarters from the fiscal year's start (decision 047). */
export type PlColumn = ProfitAndLoss & { label: string };

/**
 * The columns of a P&L over [from, to]: calendar months, or quarters of the fiscal year (three months
 * from the fiscal year's start month); the first and last may be partial. Each column is inclusive.
 */
export function statementColumns(
  from: string,
  to: string,
  step: ColumnStep,
  fiscalStartMonth = 1,
): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let start = from;
  for (let n = 0; start <= to && n < 80; n++) {
    const y = Number(start.slice(0, 4));
    const m = Number(start.slice(5, 7));
    // Months until the next column boundary: 1 for months; for quarters, to the next fiscal quarter.
    const span = step === 'month' ? 1 : 3 - ((((m - fiscalStartMonth) % 3) + 3) % 3);
    const next = new Date(Date.UTC(y, m - 1 + span, 1));
    const nextIso = next.toISOString().slice(0, 10);
    const end = addDaysIso(nextIso, -1);
    out.push({ from: start, to: end < to ? end : to });
    start = nextIso;
  }
  return out;
}

/**
 * A column's heading (decision 047): a month ('Mar 2026') or a quarter counted from the fiscal year's
 * start. In a calendar fiscal year 'Q1 2026'; otherwise the quarter of the fiscal year named by the
 * calendar year it ends in, with its months, since 'Q1' alone reads as January–March: with an April
 * start, 'Q1 FY2027 (Apr–Jun 2026)', 'Q4 FY2027 (Jan–Mar 2027)'. A partial column shows its days.
 */
export function columnLabel(from: string, to: string, step: ColumnStep, fiscalStartMonth = 1): string {
  if (step === 'month') return monthColumnLabel(from, to);
  const yearStart = fiscalYearStart(from, fiscalStartMonth);
  const q = Math.floor(((Number(from.slice(5, 7)) - fiscalStartMonth + 12) % 12) / 3) + 1;
  const fy = fiscalStartMonth === 1 ? yearStart.slice(0, 4) : `FY${fiscalYearEnd(yearStart).slice(0, 4)}`;
  const quarterStart = (d: string) =>
    d.endsWith('-01') && (Number(d.slice(5, 7)) - fiscalStartMonth + 12) % 3 === 0;
  const whole = quarterStart(from) && quarterStart(addDaysIso(to, 1));
  if (!whole) return `Q${q} ${fy} (${from} – ${to})`;
  if (fiscalStartMonth === 1) return `Q${q} ${fy}`;
  const month = (iso: string, withYear: boolean) =>
    new Intl.DateTimeFormat('en-US', {
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    }).format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `Q${q} ${fy} (${month(from, !sameYear)}–${month(to, true)})`;
}

const isoDate = (field: string) =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD)` })
    .refine(isValidIsoDate, { message: 'Must be a calendar date as YYYY-MM-DD' });

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (!isValidIsoDate(q.from) || !isValidIsoDate(q.to)) return;
  if (q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be on or before to' });
  else if (daysInRange(q.from, q.to) > MAX_RANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range may span at most five years' });
}

/** `?from=&to=`: both inclusive shop-timezone days, from ≤ to, at most five years. */
export const ZStatementRangeQuery = z
  .object({ from: isoDate('from'), to: isoDate('to') })
  .superRefine(checkRange);

/**
 * `?from=&to=` of the P&L (as ZStatementRangeQuery). Optional `columns=month|quarter` adds a P&L per
 * column; `compare=previous_period|previous_year` adds the P&L of the equal period just before, or
 * of the same days a year earlier.
 */
export const ZProfitAndLossQuery = z
  .object({
    from: isoDate('from'),
    to: isoDate('to'),
    columns: z.enum(['month', 'quarter'], { error: 'Use month or quarter' }).optional(),
    compare: z
      .enum(['previous_period', 'previous_year'], { error: 'Use previous_period or previous_year' })
      .optional(),
  })
  .superRefine(checkRange);
export type TProfitAndLossQuery = z.infer<typeof ZProfitAndLossQuery>;

/** `?as_of=` of the balance sheet: a calendar date, today when absent. */
export const ZBalanceSheetQuery = z.object({ as_of: isoDate('as_of').optional() });

const exportFormat = z.enum(['csv', 'xlsx', 'pdf'], { error: 'Use csv, xlsx or pdf' }).default('csv');
/** The statements' downloads: the query of the statement and `format` (csv when absent). */
export const ZProfitAndLossExportQuery = ZProfitAndLossQuery.and(z.object({ format: exportFormat }));
export const ZBalanceSheetExportQuery = ZBalanceSheetQuery.extend({ format: exportFormat });
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One row of the P&L as a table: an account, a section total, gross profit or net income. */
export type PlTableRow = {
  kind: 'account' | 'section_total' | 'gross_profit' | 'net_income';
  section: PlSection | null;
  code: string | null;
  label: string;
  /** One figure per month column, then the range's figure and the previous period's. */
  months: number[];
  total: number;
  previous: number;
};

/**
 * The P&L laid out as the screen and the CSV show it: per section its accounts (any account that
 * moved in the range or the previous period) and its total; gross profit after COGS, net income last.
 */
export function profitAndLossTable(
  total: ProfitAndLoss,
  months: ProfitAndLoss[],
  previous: ProfitAndLoss,
): PlTableRow[] {
  const amountOf = (pl: ProfitAndLoss, section: PlSection, code: string) =>
    pl.sections.find((s) => s.type === section)?.accounts.find((a) => a.code === code)?.amount ?? 0;
  const totalOf = (pl: ProfitAndLoss, section: PlSection) =>
    pl.sections.find((s) => s.type === section)?.total ?? 0;
  const rows: PlTableRow[] = [];
  for (const section of PL_SECTIONS) {
    const names = new Map<string, string>();
    for (const pl of [total, previous])
      for (const a of pl.sections.find((s) => s.type === section)?.accounts ?? []) names.set(a.code, a.name);
    for (const [code, name] of [...names].sort(([a], [b]) => a.localeCompare(b)))
      rows.push({
        kind: 'account',
        section,
        code,
        label: name,
        months: months.map((m) => amountOf(m, section, code)),
        total: amountOf(total, section, code),
        previous: amountOf(previous, section, code),
      });
    rows.push({
      kind: 'section_total',
      section,
      code: null,
      label: `Total ${PL_SECTION_LABELS[section].toLowerCase()}`,
      months: months.map((m) => totalOf(m, section)),
      total: totalOf(total, section),
      previous: totalOf(previous, section),
    });
    if (section === 'cogs')
      rows.push({
        kind: 'gross_profit',
        section: null,
        code: null,
        label: 'Gross profit',
        months: months.map((m) => m.gross_profit),
        total: total.gross_profit,
        previous: previous.gross_profit,
      });
  }
  rows.push({
    kind: 'net_income',
    section: null,
    code: null,
    label: 'Net income',
    months: months.map((m) => m.net_income),
    total: total.net_income,
    previous: previous.net_income,
  });
  return rows;
}

/** A month column's heading: '2026-03-01'…'2026-03-31' → 'Mar 2026' (partial months show their days). */
export function monthColumnLabel(from: string, to: string): string {
  const name = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${from}T00:00:00Z`),
  );
  const lastDay = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 0)).getUTCDate();
  const whole = from.endsWith('-01') && Number(to.slice(8, 10)) === lastDay;
  return whole ? name : `${name} (${Number(from.slice(8, 10))}–${Number(to.slice(8, 10))})`;
}

/** The day after an ISO date. */
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
/** The first day of the month after an ISO date's month. */
function nextMonth(iso: string): string {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 1));
  return d.toISOString().slice(0, 10);
}

export type MonthSplit = {
  /** Whole calendar months [from, to) by their first days; from null = every month before `to`. */
  months: { from: string | null; to: string } | null;
  /** The days outside whole months (inclusive), at most a head and a tail. */
  partial: { from: string; to: string }[];
};

/**
 * Splits inclusive days [from, to] (from null = since the beginning) into the whole months the
 * monthly balances answer and the partial months the journal lines answer
 * (docs/decisions/038-monthly-account-balances.md). 2026-01-15…2026-03-31 → months 2026-02-01…
 * 2026-04-01 and the days 2026-01-15…2026-01-31.
 */
export function monthSplit(from: string | null, to: string): MonthSplit {
  const firstWhole = from === null ? null : from.endsWith('-01') ? from : nextMonth(from);
  const afterLastWhole = nextDay(to).endsWith('-01') ? nextDay(to) : `${to.slice(0, 7)}-01`;
  if (firstWhole !== null && firstWhole >= afterLastWhole)
    return { months: null, partial: [{ from: from!, to }] };
  const partial: MonthSplit['partial'] = [];
  if (from !== null && from < firstWhole!) partial.push({ from, to: addDaysIso(firstWhole!, -1) });
  if (afterLastWhole <= to) partial.push({ from: afterLastWhole, to });
  return { months: { from: firstWhole, to: afterLastWhole }, partial };
}

function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
