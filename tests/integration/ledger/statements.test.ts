import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { createAccount } from '@/lib/ledger/create-account';
import { balanceSheet, journalEntries, profitAndLoss, profitAndLossReport } from '@/lib/ledger/queries';
import { balanceSheetCsv, profitAndLossCsv } from '@/lib/ledger/csv';
import { addDays } from '@/lib/dates';
import { startOfDayIn, endOfDayIn } from '@/lib/dates';
import type { EntryLine } from '@/lib/ledger/rules';
import { apiRequest, makeApiKey, makeLocations, makeUser, routeContext } from '@/tests/factories';
import * as plRoute from '@/app/api/v1/reports/profit-and-loss/route';
import * as bsRoute from '@/app/api/v1/reports/balance-sheet/route';
import type { Actor } from '@/lib/auth/actor';

/**
 * The two statements over a hand-worked set of entries (shop in America/New_York, USD), then a
 * property over generated entries: the balance sheet balances at every date and a range's net
 * income equals the change of equity (with current-year and retained earnings) over it.
 *
 * Entries are posted through postJournalEntry (the posting core every use case calls) with a
 * posted_at, since the manual entry use case always posts "now".
 */
let actor: Actor;
let key: string;
let otherKey: string;
const TZ = 'America/New_York';

async function post(at: string, memo: string, lines: EntryLine[]) {
  await db.$transaction((tx) =>
    postJournalEntry(tx, { memo, source: { type: 'manual' }, actor, lines, postedAt: new Date(at) }),
  );
}

const section = (pl: Awaited<ReturnType<typeof profitAndLoss>>, type: string) =>
  pl.sections.find((s) => s.type === type)!;

beforeAll(async () => {
  actor = (await makeUser({ role: 'manager', email: 'books-statements@example.test' })).actor;
  key = (await makeApiKey(['ledger:read'])).key;
  otherKey = (await makeApiKey(['reports:read'])).key;
  await makeLocations();
  await db.shopSettings.update({ where: { id: 1 }, data: { timezone: TZ } });
  await createAccount({
    input: { code: '7000', name: 'Bank interest', type: 'revenue', statement_section: 'other_income' },
    actor,
  });
  await createAccount({
    input: { code: '8000', name: 'Loan interest', type: 'expense', statement_section: 'other_expense' },
    actor,
  });

  // 2025 — the year before: net income 50,000 − 20,000 = 30,000 (retained earnings in 2026).
  await post('2025-06-10T16:00:00Z', 'Owner contribution', [
    { account: '1000', debit: 1_000_000 },
    { account: '3000', credit: 1_000_000 },
  ]);
  await post('2025-06-11T16:00:00Z', 'Stock on credit', [
    { account: '1200', debit: 100_000 },
    { account: '2000', credit: 100_000 },
  ]);
  await post('2025-07-01T16:00:00Z', 'Sale with tax', [
    { account: '1010', debit: 54_000 },
    { account: '4000', credit: 50_000 },
    { account: '2100', credit: 4_000 },
  ]);
  await post('2025-07-01T16:00:00Z', 'COGS', [
    { account: '5000', debit: 20_000 },
    { account: '1200', credit: 20_000 },
  ]);
  // 2026 January: sale 100,000 + shipping 8,000 − discount 5,000 collected 103,000; COGS 40,000.
  await post('2026-01-15T15:00:00Z', 'Sale', [
    { account: '1010', debit: 103_000 },
    { account: '4200', debit: 5_000 },
    { account: '4000', credit: 100_000 },
    { account: '4100', credit: 8_000 },
  ]);
  await post('2026-01-15T15:00:00Z', 'COGS', [
    { account: '5000', debit: 40_000 },
    { account: '1200', credit: 40_000 },
  ]);
  // 03:00Z on Feb 1 is 22:00 on Jan 31 in New York: January's.
  await post('2026-02-01T03:00:00Z', 'Payment fees', [
    { account: '5200', debit: 3_000 },
    { account: '1010', credit: 3_000 },
  ]);
  // February: refund 10,000, label 2,500, interest earned 1,200, interest paid 700.
  await post('2026-02-10T15:00:00Z', 'Refund', [
    { account: '4300', debit: 10_000 },
    { account: '1010', credit: 10_000 },
  ]);
  await post('2026-02-10T15:00:00Z', 'Label', [
    { account: '5300', debit: 2_500 },
    { account: '1000', credit: 2_500 },
  ]);
  await post('2026-02-20T15:00:00Z', 'Interest', [
    { account: '1000', debit: 1_200 },
    { account: '7000', credit: 1_200 },
    { account: '8000', debit: 700 },
    { account: '1000', credit: 700 },
  ]);
});

describe('profit and loss (hand-worked)', () => {
  it('adds up each section, gross profit and net income for Jan–Feb 2026', async () => {
    const pl = await profitAndLoss({ from: '2026-01-01', to: '2026-02-28' });
    expect(pl).toMatchObject({ currency: 'USD', from: '2026-01-01', to: '2026-02-28' });
    expect(pl.sections.map((s) => s.type)).toEqual([
      'revenue',
      'contra_revenue',
      'cogs',
      'operating_expense',
      'other_income',
      'other_expense',
    ]);
    // revenue 100,000 + 8,000 = 108,000
    expect(section(pl, 'revenue')).toEqual({
      type: 'revenue',
      accounts: [
        { code: '4000', name: 'Sales revenue', amount: 100_000 },
        { code: '4100', name: 'Shipping revenue', amount: 8_000 },
      ],
      total: 108_000,
    });
    // contra revenue 5,000 discount + 10,000 refund = 15,000, positive in its section
    expect(section(pl, 'contra_revenue').total).toBe(15_000);
    expect(section(pl, 'contra_revenue').accounts.map((a) => [a.code, a.amount])).toEqual([
      ['4200', 5_000],
      ['4300', 10_000],
    ]);
    expect(section(pl, 'cogs').total).toBe(40_000);
    // operating expenses 3,000 fees + 2,500 label = 5,500
    expect(section(pl, 'operating_expense').total).toBe(5_500);
    expect(section(pl, 'other_income')).toMatchObject({
      total: 1_200,
      accounts: [{ code: '7000', amount: 1_200 }],
    });
    expect(section(pl, 'other_expense')).toMatchObject({
      total: 700,
      accounts: [{ code: '8000', amount: 700 }],
    });
    // gross profit = 108,000 − 15,000 − 40,000 = 53,000; net = 53,000 − 5,500 + 1,200 − 700 = 48,000
    expect(pl.gross_profit).toBe(53_000);
    expect(pl.net_income).toBe(48_000);
  });

  it('splits by shop-timezone month and compares with the previous equal period', async () => {
    const { total, months, previous } = await profitAndLossReport({ from: '2026-01-01', to: '2026-02-28' });
    expect(months.map((m) => [m.from, m.to])).toEqual([
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
    ]);
    // January: 108,000 − 5,000 − 40,000 − 3,000 (the fee is Jan 31 in New York) = 60,000
    expect(months[0].net_income).toBe(60_000);
    expect(section(months[0], 'operating_expense').total).toBe(3_000);
    // February: −10,000 − 2,500 + 1,200 − 700 = −12,000; 60,000 − 12,000 = 48,000
    expect(months[1].net_income).toBe(-12_000);
    expect(months[0].net_income + months[1].net_income).toBe(total.net_income);
    // 59 days before 2026-01-01: 2025-11-03 … 2025-12-31, in which nothing was posted
    expect([previous.from, previous.to]).toEqual(['2025-11-03', '2025-12-31']);
    expect(previous.net_income).toBe(0);
    const csv = profitAndLossCsv(total, months, previous);
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffSection,Code,Account,Jan 2026,Feb 2026,2026-01-01 to 2026-02-28 (USD),2025-11-03 to 2025-12-31 (USD)',
    );
    expect(csv).toContain('Revenue,4000,Sales revenue,1000.00,0.00,1000.00,0.00');
    expect(csv).toContain(',,Net income,600.00,-120.00,480.00,0.00');
  });
});

describe('balance sheet (hand-worked)', () => {
  it('balances with retained and current-year earnings derived, no closing entry', async () => {
    const bs = await balanceSheet({ asOf: '2026-02-28' });
    // cash 1,000,000 − 2,500 + 1,200 − 700 = 998,000; clearing 54,000 + 103,000 − 3,000 − 10,000 =
    // 144,000; inventory 100,000 − 20,000 − 40,000 = 40,000 → assets 1,182,000
    expect(bs.assets).toEqual({
      accounts: [
        { code: '1000', name: 'Cash', amount: 998_000 },
        { code: '1010', name: 'Payment processor clearing', amount: 144_000 },
        { code: '1200', name: 'Inventory', amount: 40_000 },
      ],
      total: 1_182_000,
    });
    // payable 100,000 + sales tax 4,000 = 104,000
    expect(bs.liabilities.total).toBe(104_000);
    // equity 1,000,000 + retained 30,000 (2025) + current 48,000 (Jan–Feb 2026) = 1,078,000
    expect(bs.retained_earnings).toBe(30_000);
    expect(bs.current_year_earnings).toBe(48_000);
    expect(bs.equity).toEqual({
      accounts: [{ code: '3000', name: "Owner's equity", amount: 1_000_000 }],
      total: 1_078_000,
    });
    expect(bs.liabilities.total + bs.equity.total).toBe(bs.assets.total);
    expect(bs.difference).toBe(0);
    expect(balanceSheetCsv(bs)).toContain('Equity,,Retained earnings,300.00');
  });

  it('at the end of 2025 the year’s income is current-year earnings, nothing retained', async () => {
    const bs = await balanceSheet({ asOf: '2025-12-31' });
    // assets 1,000,000 + 54,000 + 80,000 = 1,134,000 = 104,000 + (1,000,000 + 0 + 30,000)
    expect(bs.assets.total).toBe(1_134_000);
    expect([bs.retained_earnings, bs.current_year_earnings, bs.equity.total]).toEqual([0, 30_000, 1_030_000]);
    expect(bs.difference).toBe(0);
  });
});

describe('statements API', () => {
  const getPl = (q: string, k = key) =>
    plRoute.GET(apiRequest(`/api/v1/reports/profit-and-loss?${q}`, { key: k }), routeContext());
  const getBs = (q: string, k = key) =>
    bsRoute.GET(apiRequest(`/api/v1/reports/balance-sheet?${q}`, { key: k }), routeContext());

  it('returns the contract shapes', async () => {
    const pl = await getPl('from=2026-01-01&to=2026-02-28');
    expect(pl.status).toBe(200);
    expect(await pl.json()).toMatchObject({ currency: 'USD', gross_profit: 53_000, net_income: 48_000 });
    const bs = await getBs('as_of=2026-02-28');
    expect(bs.status).toBe(200);
    expect(await bs.json()).toMatchObject({
      currency: 'USD',
      as_of: '2026-02-28',
      assets: { total: 1_182_000 },
      liabilities: { total: 104_000 },
      equity: { total: 1_078_000 },
      current_year_earnings: 48_000,
    });
  });

  it('refuses bad dates with 422 naming the field, and a key without ledger:read with 403', async () => {
    for (const [q, field] of [
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-03-01&to=2026-02-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ['to=2026-01-01', 'from'],
      ['from=2026-01-01&to=tomorrow', 'to'],
    ]) {
      const res = await getPl(q);
      expect(res.status, q).toBe(422);
      expect(JSON.stringify(await res.json()), q).toContain(`"${field}"`);
    }
    const bad = await getBs('as_of=2026-13-01');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('"as_of"');
    expect((await getPl('from=2026-01-01&to=2026-01-31', otherKey)).status).toBe(403);
    expect((await getBs('', otherKey)).status).toBe(403);
  });
});

describe('account sections', () => {
  it('defaults a new expense account to operating expense and refuses a section of the other side', async () => {
    await createAccount({ input: { code: '6100', name: 'Rent', type: 'expense' }, actor });
    expect((await db.account.findUniqueOrThrow({ where: { code: '6100' } })).statementSection).toBe(
      'operating_expense',
    );
    await expect(
      createAccount({
        input: { code: '4900', name: 'Odd', type: 'revenue', statement_section: 'cogs' },
        actor,
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['statement_section'] })] });
    await expect(
      createAccount({
        input: { code: '1900', name: 'Odd', type: 'asset', statement_section: 'revenue' },
        actor,
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['statement_section'] })] });
    // The database agrees: a revenue account cannot be placed in COGS behind the use case's back.
    await expect(
      db.$executeRaw`UPDATE accounts SET statement_section = 'cogs' WHERE code = '4000'`,
    ).rejects.toThrow(/accounts_statement_section_check/);
  });
});

describe('journal drill-down', () => {
  it('finds the entries of one account within shop-timezone days', async () => {
    const jan = await journalEntries({
      limit: 50,
      accountCode: '1010',
      postedFrom: startOfDayIn('2026-01-01', TZ),
      postedBefore: endOfDayIn('2026-01-31', TZ),
    });
    // the sale (Jan 15) and the fee (Jan 31 22:00 local); not the refund of Feb 10
    expect(jan.map((e) => e.memo)).toEqual(['Payment fees', 'Sale']);
  });
});

/**
 * Property: over generated entries on random days of 2024–2026 (balanced, random accounts of every
 * type), at every probe date the balance sheet balances, and for any range [from, to] the P&L's net
 * income equals the change of equity (incl. retained and current-year earnings) from the day before
 * `from` to `to`, less the owner's equity accounts' own movements — computed from the balance-sheet
 * accounts (assets − liabilities − owner's equity), independently of the P&L's classification.
 */
describe('statement invariants', () => {
  const CODES = [
    '1000',
    '1010',
    '1200',
    '2000',
    '2100',
    '3000',
    '4000',
    '4200',
    '4300',
    '5000',
    '5200',
    '7000',
    '8000',
  ];
  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-01-01', n));
  const entry = fc.record({
    day,
    hour: fc.integer({ min: 0, max: 23 }),
    lines: fc.array(
      fc.record({ account: fc.constantFrom(...CODES), amount: fc.integer({ min: 1, max: 90_000 }) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    against: fc.constantFrom(...CODES),
  });

  it(
    'balance sheet balances at every date; net income = change of equity',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entry, { minLength: 3, maxLength: 12 }),
          fc.array(day, { minLength: 2, maxLength: 2 }),
          async (entries, probe) => {
            await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas CASCADE`;
            for (const e of entries) {
              const sum = e.lines.reduce((s, l) => s + l.amount, 0);
              await post(`${e.day}T${String(e.hour).padStart(2, '0')}:30:00Z`, 'generated', [
                ...e.lines.map((l) => ({ account: l.account, debit: l.amount })),
                { account: e.against, credit: sum },
              ]);
            }
            const [from, to] = [...probe].sort();
            for (const d of [addDays(from, -1), from, to]) {
              const bs = await balanceSheet({ asOf: d });
              expect(bs.difference).toBe(0);
              expect(bs.liabilities.total + bs.equity.total).toBe(bs.assets.total);
            }
            const pl = await profitAndLoss({ from, to });
            const before = await balanceSheet({ asOf: addDays(from, -1) });
            const after = await balanceSheet({ asOf: to });
            // Net assets less what the owner put in, from balance-sheet accounts only: its change over the
            // range is the range's earnings (retained + current-year), and must be the P&L's net income.
            const owner = (bs: typeof before) => bs.equity.accounts.reduce((s, a) => s + a.amount, 0);
            const earned = (bs: typeof before) => bs.assets.total - bs.liabilities.total - owner(bs);
            expect(pl.net_income).toBe(earned(after) - earned(before));
            expect(after.retained_earnings + after.current_year_earnings).toBe(earned(after));
            // and the monthly columns add up to the range
            const { months } = await profitAndLossReport({ from, to });
            expect(months.reduce((s, m) => s + m.net_income, 0)).toBe(pl.net_income);
          },
        ),
        { numRuns: 25, seed: 20261201 },
      );
    },
  );
});
