import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { closeFiscalYear } from '@/lib/ledger/close-fiscal-year';
import { balanceSheet, profitAndLoss, profitAndLossColumns, trialBalance } from '@/lib/ledger/queries';
import { addDays } from '@/lib/dates';
import { endOfDayIn } from '@/lib/dates';
import type { EntryLine } from '@/lib/ledger/rules';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as closeRoute from '@/app/api/v1/ledger/year-end-closes/route';

/** The year-end close (decision 043) in a USD shop on America/New_York. */
const TZ = 'America/New_York';
let key: string;

async function post(at: string, lines: EntryLine[]) {
  await db.$transaction((tx) =>
    postJournalEntry(tx, { memo: 'test', source: { type: 'manual' }, actor, lines, postedAt: new Date(at) }),
  );
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, details: err.details };
  }
  throw new Error('expected a failure');
}

async function entryLines(number: number) {
  return db.$queryRaw<{ account: string; debit: number; credit: number }[]>`
    SELECT a.code AS account, l.debit::int, l.credit::int
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE e.number = ${number} ORDER BY a.code`;
}

const unlock = () =>
  db.shopSettings.update({ where: { id: 1 }, data: { lockDateAll: null, lockDate: null } });

beforeAll(async () => {
  await makeLocations();
  key = (await makeApiKey(['ledger:write'])).key;
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: TZ } });
});

describe('closing a fiscal year (hand-worked)', () => {
  it('moves the year into retained earnings; the statements read the same before and after', async () => {
    await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas, fiscal_year_closes CASCADE`;
    // 2025: owner puts in 100,000; sale 50,000 + tax 4,000; COGS 20,000; fees 1,500 → net 28,500.
    await post('2025-03-01T15:00:00Z', [
      { account: '1000', debit: 100_000 },
      { account: '3000', credit: 100_000 },
    ]);
    await post('2025-07-01T15:00:00Z', [
      { account: '1010', debit: 54_000 },
      { account: '4000', credit: 50_000 },
      { account: '2100', credit: 4_000 },
    ]);
    await post('2025-07-01T15:00:00Z', [
      { account: '5000', debit: 20_000 },
      { account: '1000', credit: 20_000 },
    ]);
    // 03:00Z on 1 Jan 2026 is 22:00 on 31 Dec 2025 in New York: 2025's.
    await post('2026-01-01T03:00:00Z', [
      { account: '5200', debit: 1_500 },
      { account: '1010', credit: 1_500 },
    ]);
    // 2026: a sale of 10,000.
    await post('2026-02-10T15:00:00Z', [
      { account: '1010', debit: 10_000 },
      { account: '4000', credit: 10_000 },
    ]);
    const dates = ['2025-12-31', '2026-01-15', '2026-06-30'];
    const before = await Promise.all(dates.map((asOf) => balanceSheet({ asOf })));
    const pl2025 = await profitAndLoss({ from: '2025-01-01', to: '2025-12-31' });
    expect(pl2025.net_income).toBe(28_500); // 50,000 − 20,000 − 1,500
    expect(before[1]).toMatchObject({ retained_earnings: 28_500, current_year_earnings: 0, difference: 0 });

    // A locked year refuses its close entry, naming the date; nothing is written.
    await db.shopSettings.update({
      where: { id: 1 },
      data: { lockDateAll: new Date('2025-12-31T00:00:00Z') },
    });
    expect(await failure(closeFiscalYear({ input: { fiscal_year: 2025 }, actor }))).toMatchObject({
      code: 'PERIOD_LOCKED',
      status: 409,
      details: { lock_date: '2025-12-31' },
    });
    expect(await db.fiscalYearClose.count()).toBe(0);
    await unlock();

    const res = await closeRoute.POST(
      apiRequest('/api/v1/ledger/year-end-closes', { method: 'POST', key, body: { fiscal_year: 2025 } }),
      routeContext(),
    );
    expect(res.status).toBe(200);
    const closed = await res.json();
    expect(closed).toMatchObject({
      fiscal_year: 2025,
      year_start: '2025-01-01',
      year_end: '2025-12-31',
      net_income: 28_500,
      already: false,
      lock_date_all: '2025-12-31',
    });
    // Dr Sales 50,000 / Cr COGS 20,000, Cr fees 1,500, Cr Retained earnings 28,500.
    expect(await entryLines(closed.entry_number)).toEqual([
      { account: '3200', debit: 0, credit: 28_500 },
      { account: '4000', debit: 50_000, credit: 0 },
      { account: '5000', debit: 0, credit: 20_000 },
      { account: '5200', debit: 0, credit: 1_500 },
    ]);
    // The statements skip the close: equal before and after, at the year end and later.
    for (const [i, asOf] of dates.entries()) expect(await balanceSheet({ asOf })).toEqual(before[i]);
    expect(await profitAndLoss({ from: '2025-01-01', to: '2025-12-31' })).toEqual(pl2025);
    // The trial balance shows the closed books: no 2025 P&L balance left, 28,500 in 3200.
    const tb = await trialBalance({ asOf: '2025-12-31', before: endOfDayIn('2025-12-31', TZ) });
    const row = (code: string) => tb.accounts.find((a) => a.code === code)!;
    expect([row('4000'), row('5000'), row('3200')].map((a) => [a.debit, a.credit])).toEqual([
      [0, 0],
      [0, 0],
      [0, 28_500],
    ]);

    // Again: nothing posted, the close answered; the year is locked for everyone.
    const count = await db.journalEntry.count();
    expect(await closeFiscalYear({ input: { fiscal_year: 2025 }, actor })).toMatchObject({
      already: true,
      entry_number: closed.entry_number,
    });
    expect(await db.journalEntry.count()).toBe(count);
    expect(
      await failure(
        post('2025-12-30T15:00:00Z', [
          { account: '1000', debit: 1 },
          { account: '4000', credit: 1 },
        ]),
      ),
    ).toMatchObject({ code: 'PERIOD_LOCKED' });
    await unlock();
  });

  it('refuses a year that is not over, naming the field', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(await failure(closeFiscalYear({ input: { fiscal_year: 2026 }, actor, now }))).toMatchObject({
      status: 422,
      details: [{ field: 'fiscal_year', message: 'It ends on 2026-12-31; close it from the day after' }],
    });
  });
});

describe('properties over generated journals', () => {
  const CODES = ['1000', '1010', '1200', '2000', '2100', '3000', '4000', '4200', '5000', '5200'];
  const day = fc.integer({ min: 0, max: 2 * 365 + 60 }).map((n) => addDays('2024-01-01', n));
  const entry = fc.record({
    day,
    hour: fc.integer({ min: 0, max: 23 }),
    lines: fc.array(
      fc.record({ account: fc.constantFrom(...CODES), amount: fc.integer({ min: 1, max: 90_000 }) }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    against: fc.constantFrom(...CODES),
  });

  it(
    'closing 2024 and 2025 keeps every balance sheet and P&L; columns add up; day balances = lines',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entry, { minLength: 3, maxLength: 10 }),
          fc.array(day, { minLength: 3, maxLength: 3 }),
          async (entries, probes) => {
            await unlock();
            await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas, fiscal_year_closes CASCADE`;
            for (const e of entries) {
              const sum = e.lines.reduce((s, l) => s + l.amount, 0);
              await post(`${e.day}T${String(e.hour).padStart(2, '0')}:30:00Z`, [
                ...e.lines.map((l) => ({ account: l.account, debit: l.amount })),
                { account: e.against, credit: sum },
              ]);
            }
            const [a, b, c] = [...probes].sort();
            const sheets = () => Promise.all([a, b, c, '2025-12-31'].map((asOf) => balanceSheet({ asOf })));
            const pls = () =>
              Promise.all([
                profitAndLoss({ from: a, to: c }),
                profitAndLoss({ from: '2024-01-01', to: '2024-12-31' }),
                profitAndLoss({ from: '2025-01-01', to: '2025-12-31' }),
              ]);
            const [bsBefore, plBefore] = [await sheets(), await pls()];
            for (const bs of bsBefore) expect(bs.difference).toBe(0);
            await closeFiscalYear({ input: { fiscal_year: 2024 }, actor });
            await unlock();
            await closeFiscalYear({ input: { fiscal_year: 2025 }, actor });
            expect(await sheets()).toEqual(bsBefore);
            expect(await pls()).toEqual(plBefore);
            // quarters and months add up to the range, closes or not
            for (const columns of ['month', 'quarter'] as const) {
              const cols = await profitAndLossColumns({ from: a, to: c, columns });
              expect(cols.reduce((s, m) => s + m.net_income, 0)).toBe(plBefore[0].net_income);
            }
            // the day balances (summed over their slots) hold Σ journal lines per account and shop-timezone day
            const drift = await db.$queryRaw<{ n: number }[]>`
              SELECT count(*)::int AS n FROM (
                SELECT l.account_id, (e.posted_at AT TIME ZONE ${TZ})::date AS day,
                       sum(l.debit)::bigint AS debit, sum(l.credit)::bigint AS credit
                FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id GROUP BY 1, 2
              ) j FULL JOIN (
                -- a day's balance is the sum of its slots (decision 044)
                SELECT account_id, day, sum(debit)::bigint AS debit, sum(credit)::bigint AS credit
                FROM account_day_balances GROUP BY 1, 2
              ) d ON d.account_id = j.account_id AND d.day = j.day
              WHERE j.debit IS DISTINCT FROM d.debit OR j.credit IS DISTINCT FROM d.credit`;
            expect(drift[0].n).toBe(0);
          },
        ),
        { numRuns: 15, seed: 20261204 },
      );
      await unlock();
    },
  );
});
