import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, type EntryLine } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { accountMovements, YEAR_END_CLOSE_SOURCE } from '@/lib/ledger/queries';
import { fiscalYearEnd, netIncomeOf, safeMinor } from '@/lib/ledger/statements';
import { ZCloseFiscalYearInput, type TCloseFiscalYearInput } from '@/lib/ledger/close-schemas';

export { ZCloseFiscalYearInput };

export type FiscalYearCloseDto = {
  fiscal_year: number;
  year_start: string;
  year_end: string;
  /** The year's net income moved into 3200 Retained earnings. */
  net_income: number;
  /** null when no P&L account moved in the year. */
  entry_number: number | null;
  /** true when the year was closed before: nothing was posted this time. */
  already: boolean;
  /** The lock date for everyone after the close: at least the year's last day. */
  lock_date_all: string;
};

/** The first and last day of the fiscal year that ends in `fiscalYear`. */
export function fiscalYearBounds(fiscalYear: number, startMonth: number): { start: string; end: string } {
  const startYear = startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const start = `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
  return { start, end: fiscalYearEnd(start) };
}

/**
 * The year-end close (decision 043): one entry dated the fiscal year's last day that zeroes every
 * revenue and expense account's movement of the year and puts the net income into 3200 Retained
 * earnings (Cr when a profit). The statements skip closing entries, so the P&L and the balance sheet
 * read the same before and after; the trial balance and the journal exports show the closed books.
 * Then the year is locked for everyone (lock_date_all ≥ its last day), so nothing can change it
 * behind the close. Once per year: a repeat posts nothing and answers the close. A year not yet over
 * → 422; a year already locked → 409 PERIOD_LOCKED naming the date (the close entry is refused).
 */
export async function closeFiscalYear(
  options: { input: TCloseFiscalYearInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<FiscalYearCloseDto> {
  const input = ZCloseFiscalYearInput.parse(options.input);
  const run = async (t: Tx): Promise<FiscalYearCloseDto> => {
    // One close at a time; the settings row is also what the lock date is written to.
    await t.$executeRaw`SELECT 1 FROM shop_settings WHERE id = 1 FOR UPDATE`;
    const settings = await shopSettings(t);
    const { start, end } = fiscalYearBounds(input.fiscal_year, settings.fiscal_year_start_month);
    const existing = await t.fiscalYearClose.findUnique({
      where: { yearStart: new Date(`${start}T00:00:00Z`) },
      select: { netIncome: true, entryId: true },
    });
    if (existing) {
      const entry = existing.entryId
        ? await t.journalEntry.findUnique({ where: { id: existing.entryId }, select: { number: true } })
        : null;
      return {
        fiscal_year: input.fiscal_year,
        year_start: start,
        year_end: end,
        net_income: safeMinor(existing.netIncome),
        entry_number: entry?.number ?? null,
        already: true,
        lock_date_all: settings.lock_date_all ?? end,
      };
    }
    const today = todayIn(settings.timezone, options.now);
    if (end >= today)
      throw new AppError('VALIDATION_FAILED', `The fiscal year ${input.fiscal_year} is not over`, [
        { field: 'fiscal_year', message: `It ends on ${end}; close it from the day after` },
      ]);
    const movements = (await accountMovements({ from: start, to: end }, t)).filter(
      (m) => (m.type === 'revenue' || m.type === 'expense') && m.net !== 0n,
    );
    const netIncome = netIncomeOf(movements);
    const lines: EntryLine[] = [
      ...movements.map((m) => cr(m.code, safeMinor(m.net))),
      cr(ACCOUNTS.retainedEarnings, safeMinor(netIncome), `net income ${start} to ${end}`),
    ];
    const entry = movements.length
      ? await postJournalEntry(t, {
          memo: `Year-end close, fiscal year ${start} to ${end}`,
          source: { type: YEAR_END_CLOSE_SOURCE, id: start },
          actor: options.actor,
          postedAt: await entryInstant(t, end, 'fiscal_year', options.now),
          lines,
        })
      : null;
    await t.fiscalYearClose.create({
      data: {
        yearStart: new Date(`${start}T00:00:00Z`),
        yearEnd: new Date(`${end}T00:00:00Z`),
        entryId: entry?.id ?? null,
        netIncome,
        actorLabel: options.actor.label,
      },
      select: { yearStart: true },
    });
    const lockAll = settings.lock_date_all && settings.lock_date_all > end ? settings.lock_date_all : end;
    if (lockAll !== settings.lock_date_all)
      await t.shopSettings.update({
        where: { id: 1 },
        data: { lockDateAll: new Date(`${lockAll}T00:00:00Z`) },
        select: { id: true },
      });
    const dto: FiscalYearCloseDto = {
      fiscal_year: input.fiscal_year,
      year_start: start,
      year_end: end,
      net_income: safeMinor(netIncome),
      entry_number: entry?.number ?? null,
      already: false,
      lock_date_all: lockAll,
    };
    await audit(t, {
      actor: options.actor,
      action: 'ledger.year_closed',
      entityType: 'fiscal_year',
      entityId: start,
      before: { lock_date_all: settings.lock_date_all },
      after: dto,
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run);
}

/** The closed fiscal years, latest first. */
export async function fiscalYearCloses(
  tx: Tx = db,
): Promise<Omit<FiscalYearCloseDto, 'already' | 'lock_date_all'>[]> {
  const rows = await tx.$queryRaw<
    { year_start: string; year_end: string; net_income: bigint; entry_number: number | null }[]
  >`
    SELECT to_char(c.year_start, 'YYYY-MM-DD') AS year_start, to_char(c.year_end, 'YYYY-MM-DD') AS year_end,
           c.net_income, e.number AS entry_number
    FROM fiscal_year_closes c LEFT JOIN journal_entries e ON e.id = c.entry_id
    ORDER BY c.year_start DESC`;
  return rows.map((r) => ({
    fiscal_year: Number(r.year_end.slice(0, 4)),
    year_start: r.year_start,
    year_end: r.year_end,
    net_income: safeMinor(r.net_income),
    entry_number: r.entry_number,
  }));
}
