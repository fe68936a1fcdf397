import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { startOfDayIn, todayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { revaluationLines, type Decimal } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { foreignBalances, REVALUATION_SOURCE } from '@/lib/ledger/fx-balances';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { ZRevaluationInput, type TRevaluationInput } from '@/lib/ledger/fx-schemas';

export type RevaluationDto = {
  period: string;
  /** the revaluation had been posted before: this is that one, nothing new was written */
  already: boolean;
  entry_number: number | null;
  reversal_entry_number: number | null;
  lines: {
    account: string;
    currency: string;
    balance: number;
    carrying: number;
    rate: string;
    revalued: number;
    difference: number;
  }[];
  /** Σ differences: > 0 an unrealized gain (7200 credited) */
  total: number;
};

/** The month before the one `now` is in (shop time zone), 'YYYY-MM': what the month-end job revalues. */
export function previousPeriod(timeZone: string, now = new Date()): string {
  const [y, m] = todayIn(timeZone, now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function nextMonthStart(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * Month-end revaluation of open foreign-currency balances (decision 035): every balance-sheet
 * account's open balance per currency (lib/ledger/fx-balances.ts, from the lines' transaction
 * amounts) at the closing rate of the month's last day (that day's or the last before), the
 * difference to its carrying amount to 7200 Unrealized exchange gain/loss; the entry is dated the
 * month's last instant and reversed on the first instant of the next month, so the carrying amount
 * a later settlement measures realized FX from is the historical one and no effect counts twice.
 * Once per month: a second run answers the first (`already`). Only a month that has ended.
 */
export async function revalueForeignBalances(
  options: { input: TRevaluationInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<RevaluationDto> {
  const { period } = ZRevaluationInput.parse(options.input);
  const run = async (t: Tx): Promise<RevaluationDto> => {
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('fx_revaluation'))`;
    const done = await t.fxRevaluation.findUnique({ where: { period } });
    if (done) return storedRevaluation(t, done, true);
    const { currency: base, timezone } = await shopSettings(t);
    const nextStart = nextMonthStart(period);
    const end = startOfDayIn(nextStart, timezone);
    if (end.getTime() > (options.now ?? new Date()).getTime())
      throw new AppError('VALIDATION_FAILED', `${period} has not ended yet`, [
        { field: 'period', message: 'Revalue a month once it has ended' },
      ]);
    const lastDay = new Date(end.getTime() - 1);
    const lastDate = todayIn(timezone, lastDay);
    const balances = await foreignBalances({ before: end }, t);
    const rates = new Map<string, Decimal>();
    for (const currency of new Set(balances.map((b) => b.currency)))
      if (currency !== base) rates.set(currency, (await rateOn({ currency, base, date: lastDate }, t)).rate);
    const lines = revaluationLines(balances, rates, base);
    const total = lines.reduce((s, l) => s + l.difference, 0n);
    const entryLines: EntryLine[] = [
      ...lines.map((l) => ({
        ...dr(l.account, Number(l.difference), `${l.currency} at ${l.rate}`),
        txn: { currency: l.currency, debit: 0, credit: 0 },
      })),
      cr(ACCOUNTS.unrealizedFx, Number(total), 'unrealized exchange difference'),
    ];
    const memo = `FX revaluation ${period}`;
    const entry = lines.length
      ? await postJournalEntry(t, {
          memo,
          source: { type: REVALUATION_SOURCE, id: period },
          actor: options.actor,
          postedAt: lastDay,
          lines: entryLines,
        })
      : null;
    const reversal = entry
      ? await postJournalEntry(t, {
          memo: `Reversal of ${memo}`,
          source: { type: REVALUATION_SOURCE, id: period },
          actor: options.actor,
          postedAt: end,
          reversesEntryId: entry.id,
          lines: entryLines.map((l) => ({
            ...l,
            debit: l.credit,
            credit: l.debit,
            ...(l.txn ? { txn: { currency: l.txn.currency, debit: 0, credit: 0 } } : {}),
          })),
        })
      : null;
    const stored = lines.map((l) => ({
      account: l.account,
      currency: l.currency,
      balance: Number(l.balance),
      carrying: Number(l.carrying),
      rate: l.rate,
      revalued: Number(l.revalued),
      difference: Number(l.difference),
    }));
    const row = await t.fxRevaluation.create({
      data: {
        period,
        entryId: entry?.id ?? null,
        reversalEntryId: reversal?.id ?? null,
        lines: stored,
        actorLabel: options.actor.label,
      },
    });
    await audit(t, {
      actor: options.actor,
      action: 'fx_revaluation.posted',
      entityType: 'fx_revaluation',
      entityId: period,
      after: { period, lines: stored, total: Number(total) },
    });
    return storedRevaluation(t, row, false);
  };
  return tx ? run(tx) : db.$transaction(run);
}

async function storedRevaluation(
  t: Tx,
  row: { period: string; entryId: string | null; reversalEntryId: string | null; lines: unknown },
  already: boolean,
): Promise<RevaluationDto> {
  const ids = [row.entryId, row.reversalEntryId].filter((x): x is string => !!x);
  const entries = await t.journalEntry.findMany({
    where: { id: { in: ids } },
    select: { id: true, number: true },
  });
  const number = (id: string | null) => entries.find((e) => e.id === id)?.number ?? null;
  const lines = row.lines as RevaluationDto['lines'];
  return {
    period: row.period,
    already,
    entry_number: number(row.entryId),
    reversal_entry_number: number(row.reversalEntryId),
    lines,
    total: lines.reduce((s, l) => s + l.difference, 0),
  };
}

/** The revaluations posted, newest first (the Books screen). */
export async function fxRevaluations(tx: Tx = db): Promise<RevaluationDto[]> {
  const rows = await tx.fxRevaluation.findMany({ orderBy: { period: 'desc' }, take: 24 });
  return allOn(
    tx,
    rows.map((r) => () => storedRevaluation(tx, r, true)),
  );
}
