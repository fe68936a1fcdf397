import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { trialBalanceColumns } from '@/lib/ledger/rules';
import { ENTRY_LINE_AMOUNTS_SELECT } from '@/lib/ledger/post-entry';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { addDays } from '@/lib/dates';
import { previousPeriod } from '@/lib/kpi/rules';
import { shopSettings, shopTimezone } from '@/lib/settings/queries';
import { sortRows, sortSpec, type ListSort } from '@/lib/list/sort';
import {
  buildBalanceSheet,
  buildProfitAndLoss,
  fiscalYearStart,
  monthSplit,
  statementColumns,
  columnLabel,
  type ColumnStep,
  type MonthSplit,
  type AccountMovement,
  type AccountType,
  type BalanceSheet,
  type PlSection,
  type PlColumn,
  type ProfitAndLoss,
} from '@/lib/ledger/statements';

export type TrialBalance = {
  as_of: string;
  accounts: { code: string; name: string; type: string; debit: number; credit: number }[];
  total_debit: number;
  total_credit: number;
};

/**
 * Every account's balance from the entries posted before `before` (the end of the as-of day in the
 * shop's time zone), shown in the debit or credit column.
 */
export async function trialBalance(
  input: { asOf: string; before: Date },
  tx: Tx = db,
): Promise<TrialBalance> {
  const rows = await tx.$queryRaw<
    { code: string; name: string; type: string; debit: bigint; credit: bigint }[]
  >`
    SELECT a.code, a.name, a.type::text AS type,
           coalesce(sum(l.debit), 0)::bigint AS debit, coalesce(sum(l.credit), 0)::bigint AS credit
    FROM accounts a
    LEFT JOIN journal_lines l ON l.account_id = a.id
      AND l.entry_id IN (SELECT id FROM journal_entries WHERE posted_at < ${input.before})
    GROUP BY a.id
    ORDER BY a.code`;
  const accounts = rows.map((r) => ({
    code: r.code,
    name: r.name,
    type: r.type,
    ...trialBalanceColumns(Number(r.debit), Number(r.credit)),
  }));
  return {
    as_of: input.asOf,
    accounts,
    total_debit: accounts.reduce((s, a) => s + a.debit, 0),
    total_credit: accounts.reduce((s, a) => s + a.credit, 0),
  };
}

/** The balance (debits − credits) of one account from entries posted before `before`. */
export async function accountBalance(code: string, before: Date, tx: Tx = db): Promise<number> {
  const [row] = await tx.$queryRaw<{ balance: bigint }[]>`
    SELECT coalesce(sum(l.debit - l.credit), 0)::bigint AS balance
    FROM journal_lines l JOIN accounts a ON a.id = l.account_id JOIN journal_entries e ON e.id = l.entry_id
    WHERE a.code = ${code} AND e.posted_at < ${before}`;
  return Number(row.balance);
}

export type JournalEntryDto = {
  id: string;
  number: number;
  posted_at: string;
  memo: string;
  source_type: string;
  source_id: string | null;
  actor: string;
  reverses_entry_id: string | null;
  /** The number of the entry this one reverses, and of the entry that reversed this one. */
  reverses_number: number | null;
  reversed_by_number: number | null;
  lines: {
    account_code: string;
    account_name: string;
    debit: number;
    credit: number;
    memo: string | null;
    /** The line's own amount when in another currency than the shop's (decision 037), else null. */
    txn: { currency: string; debit: number; credit: number } | null;
  }[];
};

/** The journal's header sort: by entry number, newest first; `before`/`after` are its keyset cursors. */
export const JOURNAL_SORT = sortSpec(['number'], { id: 'number', desc: true });

export async function journalEntries(
  input: {
    limit: number;
    beforeNumber?: number;
    /** oldest first, from this entry number on (the ascending sort's cursor) */
    afterNumber?: number;
    ascending?: boolean;
    sourceType?: string;
    /** Only entries with a line on this account code. */
    accountCode?: string;
    /** Only entries posted in [postedFrom, postedBefore). */
    postedFrom?: Date;
    postedBefore?: Date;
  },
  tx: Tx = db,
): Promise<JournalEntryDto[]> {
  const rows = await tx.journalEntry.findMany({
    where: {
      ...(input.beforeNumber ? { number: { lt: input.beforeNumber } } : {}),
      ...(input.afterNumber ? { number: { gt: input.afterNumber } } : {}),
      ...(input.sourceType ? { sourceType: input.sourceType } : {}),
      ...(input.accountCode ? { lines: { some: { account: { code: input.accountCode } } } } : {}),
      ...(input.postedFrom || input.postedBefore
        ? {
            postedAt: {
              ...(input.postedFrom ? { gte: input.postedFrom } : {}),
              ...(input.postedBefore ? { lt: input.postedBefore } : {}),
            },
          }
        : {}),
    },
    orderBy: { number: input.ascending ? 'asc' : 'desc' },
    take: input.limit,
    select: {
      id: true,
      number: true,
      postedAt: true,
      memo: true,
      sourceType: true,
      sourceId: true,
      actorLabel: true,
      reversesEntryId: true,
      reverses: { select: { number: true } },
      reversedBy: { select: { number: true } },
      lines: {
        select: { ...ENTRY_LINE_AMOUNTS_SELECT, account: { select: { code: true, name: true } } },
        orderBy: { id: 'asc' },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    posted_at: r.postedAt.toISOString(),
    memo: r.memo,
    source_type: r.sourceType,
    source_id: r.sourceId,
    actor: r.actorLabel,
    reverses_entry_id: r.reversesEntryId,
    reverses_number: r.reverses?.number ?? null,
    reversed_by_number: r.reversedBy?.number ?? null,
    lines: r.lines.map((l) => ({
      account_code: l.account.code,
      account_name: l.account.name,
      debit: l.debit,
      credit: l.credit,
      memo: l.memo,
      txn: l.txnCurrency
        ? { currency: l.txnCurrency, debit: Number(l.txnDebit), credit: Number(l.txnCredit) }
        : null,
    })),
  }));
}

export async function accountList(tx: Tx = db) {
  return tx.account.findMany({
    select: { id: true, code: true, name: true, type: true, system: true, active: true },
    orderBy: { code: 'asc' },
  });
}

/**
 * The source types the journal holds ('adjustment', 'manual', 'receipt', …), for the journal's filter.
 * A loose index scan over journal_entries(source_type, source_id): one index probe per distinct type,
 * so it stays fast with millions of entries.
 */
export async function journalSourceTypes(tx: Tx = db): Promise<string[]> {
  const rows = await tx.$queryRaw<{ source_type: string }[]>`
    WITH RECURSIVE t AS (
      (SELECT source_type FROM journal_entries ORDER BY source_type LIMIT 1)
      UNION ALL
      SELECT (SELECT e.source_type FROM journal_entries e WHERE e.source_type > t.source_type ORDER
        BY e.source_type LIMIT 1)
      FROM t WHERE t.source_type IS NOT NULL
    )
    SELECT source_type FROM t WHERE source_type IS NOT NULL`;
  return rows.map((r) => r.source_type);
}

export type ChartAccountDto = {
  code: string;
  name: string;
  type: string;
  system: boolean;
  active: boolean;
  balance: number;
};

/**
 * The chart of accounts with each account's balance (Σ debits − Σ credits, so positive = debit
 * balance) from the entries posted before `before`.
 */
/** The chart of accounts' header sort (a bounded list, sorted after the balances are summed). */
export const ACCOUNT_SORT = sortSpec(['code', 'name', 'type', 'balance'], { id: 'code', desc: false });

export async function chartOfAccounts(
  before: Date,
  sort: ListSort<(typeof ACCOUNT_SORT.columns)[number]> = ACCOUNT_SORT.default,
  tx: Tx = db,
): Promise<ChartAccountDto[]> {
  const rows = await tx.$queryRaw<
    { code: string; name: string; type: string; system: boolean; active: boolean; balance: bigint }[]
  >`
    SELECT a.code, a.name, a.type::text AS type, a.system, a.active,
           coalesce(sum(l.debit - l.credit), 0)::bigint AS balance
    FROM accounts a
    LEFT JOIN journal_lines l ON l.account_id = a.id
      AND l.entry_id IN (SELECT id FROM journal_entries WHERE posted_at < ${before})
    GROUP BY a.id
    ORDER BY a.code`;
  return sortRows(
    rows.map((r) => ({ ...r, balance: Number(r.balance) })),
    sort,
    { code: (a) => a.code, name: (a) => a.name, type: (a) => a.type, balance: (a) => a.balance },
  );
}

/** The source type of year-end closing entries, which the statements skip (decision 043). */
export const YEAR_END_CLOSE_SOURCE = 'year_end_close';

/** The day-balance part of a split: up to two inclusive day ranges; unused ones are empty. */
function partialDays(split: MonthSplit) {
  const empty = { from: '1970-01-02', to: '1970-01-01' };
  const [a, b] = split.partial;
  return [a ?? empty, b ?? empty] as const;
}

/**
 * Every account with its movement (Σdebit − Σcredit, summed as bigint) over shop-timezone days
 * [from, to] (`from` null = since the beginning): whole months from account_month_balances, the
 * partial months' days from account_day_balances (decisions 038, 043), less the lines of year-end
 * closing entries in the range, so a close never changes a statement. Accounts without movement
 * come back with 0.
 */
export async function accountMovements(
  range: { from: string | null; to: string },
  tx: Tx = db,
): Promise<AccountMovement[]> {
  const timezone = await shopTimezone(tx);
  const split = monthSplit(range.from, range.to);
  const [p1, p2] = partialDays(split);
  const useMonths = split.months !== null;
  const monthFrom = split.months?.from ?? null;
  const monthTo = split.months?.to ?? '1970-01-01';
  const closeFrom = range.from === null ? new Date(0) : startOfDayIn(range.from, timezone);
  const closeBefore = endOfDayIn(range.to, timezone);
  const rows = await tx.$queryRaw<
    { code: string; name: string; type: AccountType; section: PlSection | null; net: bigint }[]
  >`
    SELECT a.code, a.name, a.type::text AS type, a.statement_section::text AS section,
           (coalesce(m.net, 0) + coalesce(d.net, 0) - coalesce(c.net, 0))::bigint AS net
    FROM accounts a
    LEFT JOIN (
      SELECT account_id, sum(debit - credit) AS net FROM account_month_balances
      WHERE ${useMonths} AND (${monthFrom}::date IS NULL OR month >= ${monthFrom}::date) AND month < ${monthTo}::date
      GROUP BY account_id
    ) m ON m.account_id = a.id
    LEFT JOIN (
      SELECT account_id, sum(debit - credit) AS net FROM account_day_balances
      WHERE (day BETWEEN ${p1.from}::date AND ${p1.to}::date) OR (day BETWEEN ${p2.from}::date AND ${p2.to}::date)
      GROUP BY account_id
    ) d ON d.account_id = a.id
    LEFT JOIN (
      SELECT l.account_id, sum(l.debit::bigint - l.credit::bigint) AS net
      FROM journal_lines l
      WHERE l.entry_id = ANY(ARRAY(
        SELECT id FROM journal_entries
        WHERE source_type = ${YEAR_END_CLOSE_SOURCE} AND posted_at >= ${closeFrom} AND posted_at < ${closeBefore}))
      GROUP BY l.account_id
    ) c ON c.account_id = a.id
    ORDER BY a.code`;
  return rows;
}

/**
 * The profit and loss over shop-timezone days [from, to] (ZProfitAndLossQuery has checked them),
 * in the shop's currency.
 */
export async function profitAndLoss(
  input: { from: string; to: string },
  tx: Tx = db,
): Promise<ProfitAndLoss> {
  const { currency } = await shopSettings(tx);
  const movements = await accountMovements({ from: input.from, to: input.to }, tx);
  return buildProfitAndLoss(movements, { currency, from: input.from, to: input.to });
}

/**
 * The balance sheet at the end of `asOf` (shop time zone): balances up to then, with retained
 * earnings (P&L before the fiscal year of asOf) and current-year earnings derived; year-end closing
 * entries are skipped, so it reads the same before and after a close (decision 043).
 */
export async function balanceSheet(input: { asOf: string }, tx: Tx = db): Promise<BalanceSheet> {
  const { currency, fiscal_year_start_month } = await shopSettings(tx);
  const yearStart = fiscalYearStart(input.asOf, fiscal_year_start_month);
  const [balances, beforeYear] = await allOn(tx, [
    () => accountMovements({ from: null, to: input.asOf }, tx),
    () => accountMovements({ from: null, to: addDays(yearStart, -1) }, tx),
  ]);
  return buildBalanceSheet(balances, beforeYear, {
    currency,
    as_of: input.asOf,
    fiscal_year_start: yearStart,
  });
}

type MonthRow = {
  month: string;
  code: string;
  name: string;
  type: AccountType;
  section: PlSection | null;
  net: bigint;
};

/**
 * The P&L accounts' movement per calendar month of [from, to] (the first and last possibly partial):
 * whole months from account_month_balances, partial ones from account_day_balances, less year-end
 * closing entries.
 */
async function plMovementsByMonth(input: { from: string; to: string }, tx: Tx): Promise<MonthRow[]> {
  const timezone = await shopTimezone(tx);
  const split = monthSplit(input.from, input.to);
  const [p1, p2] = partialDays(split);
  const useMonths = split.months !== null;
  const monthFrom = split.months?.from ?? '1970-01-01';
  const monthTo = split.months?.to ?? '1970-01-01';
  const closeFrom = startOfDayIn(input.from, timezone);
  const closeBefore = endOfDayIn(input.to, timezone);
  return tx.$queryRaw<MonthRow[]>`
    SELECT m.month, a.code, a.name, a.type::text AS type, a.statement_section::text AS section,
           sum(m.net)::bigint AS net
    FROM (
      SELECT account_id, to_char(month, 'YYYY-MM') AS month, sum(debit - credit)::bigint AS net
      FROM account_month_balances
      WHERE ${useMonths} AND month >= ${monthFrom}::date AND month < ${monthTo}::date
      GROUP BY 1, 2
      UNION ALL
      SELECT account_id, to_char(day, 'YYYY-MM') AS month, sum(debit - credit)::bigint AS net
      FROM account_day_balances
      WHERE (day BETWEEN ${p1.from}::date AND ${p1.to}::date) OR (day BETWEEN ${p2.from}::date AND ${p2.to}::date)
      GROUP BY 1, 2
      UNION ALL
      SELECT l.account_id, to_char(e.posted_at AT TIME ZONE ${timezone}, 'YYYY-MM') AS month,
             -sum(l.debit::bigint - l.credit::bigint)::bigint AS net
      FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
      WHERE l.entry_id = ANY(ARRAY(
        SELECT id FROM journal_entries
        WHERE source_type = ${YEAR_END_CLOSE_SOURCE} AND posted_at >= ${closeFrom} AND posted_at < ${closeBefore}))
      GROUP BY 1, 2
    ) m JOIN accounts a ON a.id = m.account_id
    WHERE a.type IN ('revenue', 'expense')
    GROUP BY m.month, a.id
    ORDER BY a.code`;
}

/** Movements of several month rows added up per account (months of a quarter). */
function sumByAccount(rows: MonthRow[]): AccountMovement[] {
  const byCode = new Map<string, AccountMovement>();
  for (const r of rows) {
    const m = byCode.get(r.code);
    if (m) m.net += r.net;
    else byCode.set(r.code, { code: r.code, name: r.name, type: r.type, section: r.section, net: r.net });
  }
  return [...byCode.values()];
}

/**
 * The P&L of [from, to] split into columns — calendar months, or fiscal quarters — the first and last
 * possibly partial; the columns add up to the whole range's P&L.
 */
export async function profitAndLossColumns(
  input: { from: string; to: string; columns?: ColumnStep },
  tx: Tx = db,
): Promise<PlColumn[]> {
  const { currency, fiscal_year_start_month } = await shopSettings(tx);
  const rows = await plMovementsByMonth(input, tx);
  const step = input.columns ?? 'month';
  return statementColumns(input.from, input.to, step, fiscal_year_start_month).map((c) => ({
    ...buildProfitAndLoss(
      sumByAccount(rows.filter((r) => r.month >= c.from.slice(0, 7) && r.month <= c.to.slice(0, 7))),
      { currency, from: c.from, to: c.to },
    ),
    label: columnLabel(c.from, c.to, step, fiscal_year_start_month),
  }));
}

/** The P&L of [from, to] per calendar month (the screen's month table). */
export async function profitAndLossByMonth(
  input: { from: string; to: string },
  tx: Tx = db,
): Promise<ProfitAndLoss[]> {
  return profitAndLossColumns({ ...input, columns: 'month' }, tx);
}

/** The period a P&L is compared with: the equal period just before, or the same days a year earlier. */
export function comparisonPeriod(
  input: { from: string; to: string },
  compare: 'previous_period' | 'previous_year' = 'previous_period',
): { from: string; to: string } {
  if (compare === 'previous_period') return previousPeriod(input.from, input.to);
  const yearEarlier = (iso: string) => {
    const d = new Date(
      Date.UTC(Number(iso.slice(0, 4)) - 1, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
    );
    // 29 February a year earlier is 28 February (Date would roll it into March).
    if (d.getUTCMonth() !== Number(iso.slice(5, 7)) - 1) d.setUTCDate(0);
    return d.toISOString().slice(0, 10);
  };
  return { from: yearEarlier(input.from), to: yearEarlier(input.to) };
}

/** A P&L report's range, its columns (by month or quarter) and the period it is compared with. */
type PlReportInput = {
  from: string;
  to: string;
  columns?: ColumnStep;
  compare?: 'previous_period' | 'previous_year';
};

/** What the P&L screen and its exports show: the range, its columns and the comparison period. */
export async function profitAndLossReport(
  input: PlReportInput,
  tx: Tx = db,
): Promise<{ total: ProfitAndLoss; months: PlColumn[]; previous: ProfitAndLoss; step: ColumnStep }> {
  const prior = comparisonPeriod(input, input.compare);
  const [total, months, previous] = await allOn(tx, [
    () => profitAndLoss(input, tx),
    () => profitAndLossColumns(input, tx),
    () => profitAndLoss(prior, tx),
  ]);
  return { total, months, previous, step: input.columns ?? 'month' };
}

/**
 * GET /api/v1/reports/profit-and-loss: the P&L of the range (the contract's shape) and, when asked,
 * `columns` (one P&L per month or quarter) and `comparison` (the previous period's P&L).
 */
export async function profitAndLossApi(
  input: PlReportInput,
  tx: Tx = db,
): Promise<ProfitAndLoss & { columns?: PlColumn[]; comparison?: ProfitAndLoss }> {
  const [total, columns, comparison] = await allOn(tx, [
    () => profitAndLoss(input, tx),
    () => (input.columns ? profitAndLossColumns(input, tx) : undefined),
    () => (input.compare ? profitAndLoss(comparisonPeriod(input, input.compare), tx) : undefined),
  ]);
  return { ...total, ...(columns ? { columns } : {}), ...(comparison ? { comparison } : {}) };
}
