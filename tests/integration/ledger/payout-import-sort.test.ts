import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { PAYOUT_IMPORT_SORT, payoutImports, type PayoutImportSort } from '@/lib/ledger/payout-import-queries';
import { readSort } from '@/lib/list/sort';

/**
 * Four imported payouts (minor units), stored as an import leaves them:
 *
 *   reference  paid        net     difference (residual)  imported
 *   P1         2026-11-02  10,000     0                    day 1
 *   P2         2026-11-05   2,500  −150                    day 2
 *   P3         2026-11-05   7,000    40                    day 3 (same paid date as P2, imported later)
 *   P4         2026-10-30   7,000  −150                    day 4 (same net as P3, same difference as P2)
 *
 * Every tie falls to the latest paid, then the latest imported.
 */
const PAYOUTS = [
  ['P1', '2026-11-02', 10_000, 0, '2026-11-20'],
  ['P2', '2026-11-05', 2_500, -150, '2026-11-21'],
  ['P3', '2026-11-05', 7_000, 40, '2026-11-22'],
  ['P4', '2026-10-30', 7_000, -150, '2026-11-23'],
] as const;

const EXPECTED: [PayoutImportSort, string[]][] = [
  // 11-05 (P3 imported after P2), 11-02, 10-30
  [{ id: 'paid', desc: true }, ['P3', 'P2', 'P1', 'P4']],
  // 10-30, 11-02, 11-05 (the tie still latest imported first)
  [{ id: 'paid', desc: false }, ['P4', 'P1', 'P3', 'P2']],
  // 10,000; 7,000 twice (P3 paid 11-05 before P4 paid 10-30); 2,500
  [{ id: 'net', desc: true }, ['P1', 'P3', 'P4', 'P2']],
  [{ id: 'net', desc: false }, ['P2', 'P3', 'P4', 'P1']],
  // +40, 0, −150 twice (P2 paid 11-05 before P4 paid 10-30)
  [{ id: 'difference', desc: true }, ['P3', 'P1', 'P2', 'P4']],
  [{ id: 'difference', desc: false }, ['P2', 'P4', 'P1', 'P3']],
];

beforeAll(async () => {
  for (const [reference, paid, net, residual, imported] of PAYOUTS)
    await db.payoutImport.create({
      data: {
        fileSha256: reference.toLowerCase().padEnd(64, '0'),
        format: 'stripe',
        reference,
        currency: 'USD',
        paidOn: new Date(`${paid}T00:00:00Z`),
        net: BigInt(net),
        expected: BigInt(net - residual),
        residual: BigInt(residual),
        matchedCount: 1,
        unmatchedCount: residual ? 1 : 0,
        lines: [],
        actorLabel: 'test',
        createdAt: new Date(`${imported}T12:00:00Z`),
      },
    });
});

describe("the imported payouts list's header sort", () => {
  it.each(EXPECTED)('sorts by %o', async (sort, expected) => {
    expect((await payoutImports({ sort })).map((p) => p.reference)).toEqual(expected);
  });

  it('lists the newest payout first by default, and a limit keeps the first rows of the sort', async () => {
    expect((await payoutImports()).map((p) => p.reference)).toEqual(['P3', 'P2', 'P1', 'P4']);
    // the two lowest nets, not the two newest payouts sorted
    expect(
      (await payoutImports({ limit: 2, sort: { id: 'net', desc: false } })).map((p) => p.reference),
    ).toEqual(['P2', 'P3']);
  });

  it('falls back to the newest first for a sort it does not know', () => {
    expect(readSort({ sort: 'reference' }, PAYOUT_IMPORT_SORT)).toEqual({
      sort: { id: 'paid', desc: true },
      ignored: ['sort'],
    });
  });
});
