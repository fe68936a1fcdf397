import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedDemoOrders } from '@/prisma/seed-orders';
import { seedCycleCounts } from '@/prisma/seed-counts';
import { directFacts, rebuildKpiRollups, rollupFacts } from '@/lib/kpi/rebuild';
import { kpiReport, shopToday } from '@/lib/kpi/queries';
import { addDays } from '@/lib/dates';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { inventoryValuation } from '@/lib/inventory/queries';
import { countAwaitingReviewSql } from '@/lib/inventory/cycle-counts/queries';

const DAY = 86_400_000;
let result: Awaited<ReturnType<typeof seedCycleCounts>>;

beforeAll(async () => {
  await seedDemo(db, { products: 40, customers: 200 });
  await seedDemoOrders(db, { count: 200, days: 60 });
  result = await seedCycleCounts(db);
  await rebuildKpiRollups(db);
}, 240_000);

describe('demo cycle counts', () => {
  it(
    "counts an aisle every week or two, each a few units off; today's store count is half done, aisle A's " +
      'recount awaits review',
    async () => {
      const counts = await db.cycleCount.findMany({
        select: { status: true, completedAt: true, location: { select: { code: true } } },
        orderBy: { createdAt: 'asc' },
      });
      const completed = counts.filter((c) => c.status === 'completed');
      expect(completed.map((c) => c.location.code)).toEqual(['MAIN', 'MAIN', 'MAIN', 'MAIN', 'MAIN']);
      // Counted 49, 35, 21, 10 and 3 days before the seed ran plus 9–15 h, completed 2 h later: each is
      // (days − 11..17 h) old, so its age in whole days is one less: 48, 34, 20, 9, 2.
      const ages = completed.map((c) => Math.floor((Date.now() - c.completedAt!.getTime()) / DAY));
      expect(ages).toEqual([48, 34, 20, 9, 2]);
      expect(counts.filter((c) => c.status === 'counting').map((c) => c.location.code)).toEqual([
        'STORE',
        'MAIN',
      ]);
      expect(result).toMatchObject({ counts: 7 });
      // The recount: every line counted (so it awaits review, the dashboard's predicate), two off by one.
      const [review] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM cycle_counts c WHERE ${countAwaitingReviewSql()}`;
      expect(review.n).toBe(1);
      const recount = await db.cycleCountLine.findMany({
        where: { cycleCount: { note: 'Aisle A recount, for the manager to review' } },
        select: { counted: true, variance: true },
      });
      expect(recount.every((l) => l.counted !== null)).toBe(true);
      expect(recount.filter((l) => l.variance !== 0).map((l) => l.variance)).toEqual([-1, -1]);
      // 6 to 12 lines off per aisle (fewer where fewer SKUs have 10 units free), each by one to three
      // units, every one of them corrected.
      expect(result.corrections).toBeGreaterThanOrEqual(5);
      expect(result.corrections).toBeLessThanOrEqual(60);
      const off = await db.cycleCountLine.findMany({
        where: { variance: { not: 0 }, cycleCount: { status: 'completed' } },
        select: { variance: true, adjustmentId: true },
      });
      expect(off).toHaveLength(result.corrections);
      expect(off.every((l) => Math.abs(l.variance!) <= 3 && l.adjustmentId !== null)).toBe(true);
      expect(await seedCycleCounts(db)).toEqual({ counts: 0, corrections: 0 });
    },
  );

  it("posts each correction on its count's day, and the books agree on every past date", async () => {
    const [bad] = await db.$queryRaw<{ movements: number; entries: number }[]>`
      SELECT (SELECT count(*) FROM stock_movements m JOIN cycle_count_lines l ON m.reference_type =
        'adjustment' AND m.reference_id = l.adjustment_id::text
              JOIN cycle_counts c ON c.id = l.cycle_count_id WHERE m.created_at <> c.completed_at)::int AS movements,
             (SELECT count(*) FROM journal_entries e JOIN cycle_count_lines l ON e.source_type =
               'adjustment' AND e.source_id = l.adjustment_id::text
              JOIN cycle_counts c ON c.id = l.cycle_count_id WHERE e.posted_at <> c.completed_at)::int AS entries`;
    expect(bad).toEqual({ movements: 0, entries: 0 });
    for (const daysAgo of [40, 25, 5, 0]) {
      const at = new Date(Date.now() - daysAgo * DAY);
      const day = at.toISOString().slice(0, 10);
      expect((await inventoryValuation({ asOf: day, before: at })).total_value, `${daysAgo} days ago`).toBe(
        await accountBalance('1200', at),
      );
      const tb = await trialBalance({ asOf: day, before: at });
      expect(tb.total_debit).toBe(tb.total_credit);
    }
  });

  it(
    'gives the dashboard its inventory accuracy: 1 − Σ|variance| ÷ Σ expected over the counts completed in ' +
      'range',
    async () => {
      expect(await rollupFacts()).toEqual(await directFacts());
      const { today, timezone } = await shopToday();
      const from = addDays(today, -29);
      // Direct from the count lines: the counts completed in the last 30 days (21, 10 and 3 days ago).
      const [direct] = await db.$queryRaw<{ expected: number; variance: number }[]>`
      SELECT sum(greatest(l.expected, 0))::int AS expected, sum(abs(l.variance))::int AS variance
      FROM cycle_count_lines l JOIN cycle_counts c ON c.id = l.cycle_count_id
      WHERE c.status = 'completed' AND l.counted IS NOT NULL AND (c.completed_at AT TIME ZONE
        ${timezone})::date BETWEEN ${from}::date AND ${today}::date`;
      expect(direct.variance).toBeGreaterThan(0);
      const report = await kpiReport({ from, to: today });
      expect(report.inventory_accuracy).toMatchObject({
        numerator: direct.expected - direct.variance,
        denominator: direct.expected,
        abs_variance: direct.variance,
        counts: 3,
      });
      expect(report.inventory_accuracy.value).toBeCloseTo(1 - direct.variance / direct.expected, 6);
    },
  );
});
