import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { profitAndLoss, profitAndLossByMonth, balanceSheet } from '@/lib/ledger/queries';
import { monthSplit } from '@/lib/ledger/statements';
import { makeLocations, makeUser } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

/**
 * Monthly balances (docs/decisions/038-monthly-account-balances.md): kept by a trigger in the
 * posting transaction; the statements read them for whole months and journal lines for the rest.
 */
let actor: Actor;
const TZ = 'America/New_York';

beforeAll(async () => {
  await makeLocations();
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: TZ } });
  actor = (await makeUser({ role: 'manager', email: 'months@example.test' })).actor;
});

/** Σdebit, Σcredit per (account, shop month) straight from the journal. */
async function fromLines() {
  return db.$queryRaw<{ code: string; month: string; debit: bigint; credit: bigint }[]>`
    SELECT a.code, to_char(date_trunc('month', e.posted_at AT TIME ZONE ${TZ}), 'YYYY-MM-DD') AS month,
           sum(l.debit)::bigint AS debit, sum(l.credit)::bigint AS credit
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    GROUP BY 1, 2 ORDER BY 1, 2`;
}
/** The same from the monthly balances: a month's balance is the sum of its slots (decision 044). */
async function fromBalances() {
  return db.$queryRaw<{ code: string; month: string; debit: bigint; credit: bigint }[]>`
    SELECT a.code, to_char(b.month, 'YYYY-MM-DD') AS month, sum(b.debit)::bigint AS debit,
      sum(b.credit)::bigint AS credit
    FROM account_month_balances b JOIN accounts a ON a.id = b.account_id
    GROUP BY 1, 2 ORDER BY 1, 2`;
}
/** The P&L's net income straight from journal lines over [from, to] (shop days). */
async function netIncomeFromLines(from: string, to: string) {
  const [row] = await db.$queryRaw<{ net: bigint }[]>`
    SELECT coalesce(-sum(l.debit::bigint - l.credit::bigint), 0)::bigint AS net
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE a.type IN ('revenue', 'expense')
      AND (e.posted_at AT TIME ZONE ${TZ})::date BETWEEN ${from}::date AND ${to}::date`;
  return Number(row.net);
}

describe('monthSplit', () => {
  it('splits days into whole months and the partial head and tail', () => {
    expect(monthSplit('2026-01-15', '2026-03-31')).toEqual({
      months: { from: '2026-02-01', to: '2026-04-01' },
      partial: [{ from: '2026-01-15', to: '2026-01-31' }],
    });
    expect(monthSplit('2026-01-01', '2026-12-31')).toEqual({
      months: { from: '2026-01-01', to: '2027-01-01' },
      partial: [],
    });
    expect(monthSplit('2026-02-10', '2026-02-20')).toEqual({
      months: null,
      partial: [{ from: '2026-02-10', to: '2026-02-20' }],
    });
    expect(monthSplit(null, '2026-05-17')).toEqual({
      months: { from: null, to: '2026-05-01' },
      partial: [{ from: '2026-05-01', to: '2026-05-17' }],
    });
    expect(monthSplit('2026-01-31', '2026-03-01')).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      partial: [
        { from: '2026-01-31', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-01' },
      ],
    });
  });
});

describe('account_month_balances', () => {
  it('puts an entry in its shop-timezone month, and moves it when the time zone changes', async () => {
    await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas CASCADE`;
    // 2026-03-01 03:00Z is still 28 February 22:00 in New York.
    await db.$transaction((tx) =>
      postJournalEntry(tx, {
        memo: 'late February sale',
        source: { type: 'manual' },
        actor,
        postedAt: new Date('2026-03-01T03:00:00Z'),
        lines: [
          { account: '1000', debit: 700 },
          { account: '4000', credit: 700 },
        ],
      }),
    );
    expect((await fromBalances()).map((r) => [r.code, r.month, Number(r.debit), Number(r.credit)])).toEqual([
      ['1000', '2026-02-01', 700, 0],
      ['4000', '2026-02-01', 0, 700],
    ]);
    await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'UTC' } });
    expect((await fromBalances()).map((r) => r.month)).toEqual(['2026-03-01', '2026-03-01']);
    await db.shopSettings.update({ where: { id: 1 }, data: { timezone: TZ } });
    expect((await fromBalances()).map((r) => r.month)).toEqual(['2026-02-01', '2026-02-01']);
  });

  const CODES = ['1000', '1010', '2000', '2100', '3000', '4000', '4200', '5000', '5200'];
  const day = fc
    .tuple(
      fc.integer({ min: 2025, max: 2026 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const entry = fc.record({
    // Some entries right at a UTC month start, which is the previous month in New York.
    at: fc.oneof(
      fc
        .tuple(day, fc.integer({ min: 0, max: 23 }))
        .map(([d, h]) => `${d}T${String(h).padStart(2, '0')}:15:00Z`),
      fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}-01T02:00:00Z`),
    ),
    lines: fc.array(
      fc.record({ account: fc.constantFrom(...CODES), amount: fc.integer({ min: 1, max: 900_000 }) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    against: fc.constantFrom(...CODES),
  });

  it(
    'property: monthly balances = Σ journal lines; statements from them = statements from the lines',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entry, { minLength: 1, maxLength: 15 }),
          fc.array(day, { minLength: 2, maxLength: 2 }),
          async (entries, probe) => {
            await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas CASCADE`;
            // Several entries per transaction too: the statement trigger sums a batch of lines at once.
            await db.$transaction(async (tx) => {
              for (const e of entries) {
                const sum = e.lines.reduce((s, l) => s + l.amount, 0);
                await postJournalEntry(tx, {
                  memo: 'generated',
                  source: { type: 'manual' },
                  actor,
                  postedAt: new Date(e.at),
                  lines: [
                    ...e.lines.map((l) => ({ account: l.account, debit: l.amount })),
                    { account: e.against, credit: sum },
                  ],
                });
              }
            });
            const balances = await fromBalances();
            const lines = await fromLines();
            const key = (r: { code: string; month: string; debit: bigint; credit: bigint }) =>
              `${r.code} ${r.month} ${r.debit} ${r.credit}`;
            // Lines whose debits and credits on one account cancel still leave a (d, c) row in both.
            expect(balances.map(key)).toEqual(lines.map(key));
            const [from, to] = [...probe].sort();
            const pl = await profitAndLoss({ from, to });
            expect(pl.net_income).toBe(await netIncomeFromLines(from, to));
            const months = await profitAndLossByMonth({ from, to });
            expect(months.reduce((s, m) => s + m.net_income, 0)).toBe(pl.net_income);
            const bs = await balanceSheet({ asOf: to });
            expect(bs.difference).toBe(0);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('lets two postings to the same accounts and month run at once (slots, no hot row; decision 044)', async () => {
    await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas CASCADE`;
    const post = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], amount: number) =>
      postJournalEntry(tx, {
        memo: `sale ${amount}`,
        source: { type: 'manual' },
        actor,
        postedAt: new Date('2026-06-10T15:00:00Z'),
        lines: [
          { account: '1000', debit: amount },
          { account: '4000', credit: amount },
        ],
      });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstPosted!: () => void;
    const posted = new Promise<void>((resolve) => (firstPosted = resolve));
    // The first transaction posts and stays open, holding its rows' locks.
    const first = db.$transaction(async (tx) => {
      await post(tx, 300);
      firstPosted();
      await held;
    });
    await posted;
    // With one row per (account, month) the second would wait for the first's commit; lock_timeout
    // makes that wait an error here instead of a hang.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
      await post(tx, 450);
    });
    release();
    await first;
    // 300 + 450 = 750 on each side, in June (New York) however many slots hold it.
    expect((await fromBalances()).map((r) => [r.code, r.month, Number(r.debit), Number(r.credit)])).toEqual([
      ['1000', '2026-06-01', 750, 0],
      ['4000', '2026-06-01', 0, 750],
    ]);
  });
});
