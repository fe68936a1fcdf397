import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedShipping } from '@/prisma/seed-shipping';
import { seedDemoOrders } from '@/prisma/seed-orders';
import { seedReturns } from '@/prisma/seed-returns';
import { rebuildKpiRollups, rollupFacts, directFacts } from '@/lib/kpi/rebuild';
import { kpiReport, shopToday } from '@/lib/kpi/queries';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { inventoryValuation } from '@/lib/inventory/queries';
import { addDays } from '@/lib/dates';

const FAR = new Date('2100-01-01T00:00:00Z');
let result: Awaited<ReturnType<typeof seedReturns>>;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'test-secret-that-is-at-least-32-characters-long';
  await seedDemo(db, { products: 40, customers: 200 });
  await seedShipping(db);
  await seedDemoOrders(db, { count: 320, days: 60 });
  // A higher rate than the demo's 5 % so a small history still has returns in every state.
  result = await seedReturns(db, { rate: 0.15 });
  await rebuildKpiRollups(db);
}, 240_000);

describe('demo returns and refunds', () => {
  it(
    'leaves returns in the states a shop sees: fresh requests, parcels on their way, work for the ' +
      'warehouse, settled ones',
    async () => {
      expect(result.returns).toBeGreaterThan(15);
      expect(result.returns).toBe(await db.return.count());
      const byStatus = Object.fromEntries(
        (await db.return.groupBy({ by: ['status'], _count: true })).map((g) => [g.status, g._count]),
      );
      expect(byStatus.requested).toBeGreaterThanOrEqual(2);
      expect(byStatus.approved).toBeGreaterThanOrEqual(2);
      expect((byStatus.received ?? 0) + (byStatus.partially_received ?? 0)).toBeGreaterThanOrEqual(1);
      expect(byStatus.refunded).toBeGreaterThanOrEqual(5);
      expect(Object.keys(byStatus).length).toBeGreaterThanOrEqual(5);
      // Reasons are weighted, and inspection put units back on the shelf (and some into damaged/scrap).
      const units = await db.returnLine.aggregate({
        _sum: { quantityRestocked: true, quantityDamaged: true, quantityScrapped: true },
      });
      expect(units._sum.quantityRestocked).toBeGreaterThan(0);
      expect(
        new Set((await db.returnLine.findMany({ select: { reason: true } })).map((l) => l.reason)).size,
      ).toBeGreaterThanOrEqual(3);
      // Refunds issued, goodwill among them, and recent ones above the support limit wait for a manager.
      const refunds = Object.fromEntries(
        (await db.refund.groupBy({ by: ['kind', 'status'], _count: true })).map((g) => [
          `${g.kind}/${g.status}`,
          g._count,
        ]),
      );
      expect(refunds['return/issued']).toBeGreaterThanOrEqual(5);
      expect(refunds['goodwill/issued']).toBeGreaterThanOrEqual(1);
      // One exchange for another size: its replacement order was placed lately and waits to be shipped.
      expect(result.exchanges).toBe(1);
      const swap = await db.return.findFirstOrThrow({
        where: { status: 'exchanged' },
        select: {
          exchangeOrder: { select: { status: true, placedAt: true, promisedShipBy: true } },
          refunds: { select: { kind: true, status: true } },
        },
      });
      expect(['open', 'pending_review']).toContain(swap.exchangeOrder!.status);
      expect(swap.exchangeOrder!.placedAt.getTime()).toBeGreaterThan(Date.now() - 2 * 86_400_000);
      expect(swap.refunds).toEqual([{ kind: 'exchange', status: 'issued' }]);
      const limit = (await db.shopSettings.findUniqueOrThrow({ where: { id: 1 } })).supportRefundLimit;
      const pending = await db.refund.findMany({
        where: { status: 'pending_approval' },
        select: { amount: true, requestedBy: true, createdAt: true },
      });
      for (const p of pending) {
        expect(p.amount).toBeGreaterThan(limit);
        expect(p.requestedBy).toBe('support@backroom.test');
        expect(p.createdAt.getTime()).toBeGreaterThan(Date.now() - 2 * 86_400_000);
      }
    },
  );

  it('sends no demo email, and runs only once', async () => {
    expect(await db.outboxMessage.count()).toBe(0);
    expect(result.emailsDropped).toBeGreaterThan(0);
    expect(await seedReturns(db)).toMatchObject({ returns: 0, refunds: 0 });
  });

  it('dates every step after the delivery, in order, with its entries, movements and audit rows', async () => {
    const [bad] = await db.$queryRaw<
      {
        early: number;
        order: number;
        refunds: number;
        entries: number;
        movements: number;
        audits: number;
        future: number;
      }[]
    >`
      WITH d AS (SELECT order_id, max(delivered_at) AS at FROM shipments GROUP BY order_id)
      SELECT
        (SELECT count(*) FROM returns r JOIN d ON d.order_id = r.order_id WHERE r.created_at < d.at)::int AS early,
        (SELECT count(*) FROM returns r WHERE r.approved_at < r.created_at OR r.received_at <
          r.approved_at OR r.closed_at < r.created_at)::int AS order,
        (SELECT count(*) FROM refunds f JOIN returns r ON r.id = f.return_id WHERE f.created_at <
          r.received_at)::int AS refunds,
        (SELECT count(*) FROM journal_entries e JOIN refunds f ON e.source_type = 'refund' AND
          e.source_id = f.id::text WHERE e.posted_at <> f.issued_at)::int AS entries,
        (SELECT count(*) FROM stock_movements m JOIN returns r ON m.reference_type = 'return' AND
          m.reference_id = r.id::text WHERE m.created_at < r.received_at)::int AS movements,
        (SELECT count(*) FROM audit_log a JOIN returns r ON a.entity_type = 'return' AND a.entity_id
          = r.id::text WHERE a.created_at < r.created_at)::int AS audits,
        (SELECT count(*) FROM journal_entries e WHERE e.source_type IN ('return', 'refund') AND
          e.posted_at > now())::int AS future`;
    expect(bad).toEqual({ early: 0, order: 0, refunds: 0, entries: 0, movements: 0, audits: 0, future: 0 });
    // The history spans weeks, not the minute the seed ran.
    const [span] = await db.$queryRaw<
      { days: number }[]
    >`SELECT count(DISTINCT (issued_at AT TIME ZONE 'UTC')::date)::int AS days FROM refunds WHERE status = 'issued'`;
    expect(span.days).toBeGreaterThan(5);
  });

  it('keeps the books and stock consistent, on every past date too', async () => {
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect((await inventoryValuation({ asOf: '2100-01-01', before: FAR })).total_value).toBe(
      await accountBalance('1200', FAR),
    );
    for (const daysAgo of [50, 30, 15, 7, 2]) {
      const at = new Date(Date.now() - daysAgo * 86_400_000);
      const day = at.toISOString().slice(0, 10);
      expect((await inventoryValuation({ asOf: day, before: at })).total_value, `${daysAgo} days ago`).toBe(
        await accountBalance('1200', at),
      );
      const then = await trialBalance({ asOf: day, before: at });
      expect(then.total_debit).toBe(then.total_credit);
    }
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM stock_levels l
      LEFT JOIN (SELECT variant_id, location_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta)
        AS reserved, sum(damaged_delta) AS damaged
                 FROM stock_movements GROUP BY 1, 2) m USING (variant_id, location_id)
      WHERE l.on_hand <> coalesce(m.on_hand, 0) OR l.reserved <> coalesce(m.reserved, 0) OR l.damaged
        <> coalesce(m.damaged, 0)`;
    expect(n).toBe(0);
    // Money never goes back twice: every order's paid amount is what it captured minus its issued refunds.
    const [{ off }] = await db.$queryRaw<{ off: number }[]>`
      SELECT count(*)::int AS off FROM orders o
      WHERE EXISTS (SELECT 1 FROM refunds f WHERE f.order_id = o.id) AND o.amount_paid <> (SELECT
        coalesce(sum(amount), 0) FROM payments p WHERE p.order_id = o.id AND p.status IN ('captured',
        'refunded'))
                            - (SELECT coalesce(sum(amount), 0) FROM refunds f WHERE f.order_id = o.id
                              AND f.status = 'issued')`;
    expect(off).toBe(0);
  });

  it('shows returns and refunds on the dashboard on the days they happened', async () => {
    expect(await rollupFacts()).toEqual(await directFacts());
    const { today, timezone } = await shopToday();
    const from = addDays(today, -89);
    const report = await kpiReport({ from, to: today });
    const [expected] = await db.$queryRaw<{ count: number; amount: number }[]>`
      SELECT count(*)::int AS count, coalesce(sum(amount), 0)::int AS amount FROM refunds
      WHERE status = 'issued' AND (issued_at AT TIME ZONE ${timezone})::date BETWEEN ${from}::date AND ${today}::date`;
    expect(expected.count).toBeGreaterThan(0);
    expect(report.refunds).toMatchObject({ count: expected.count, amount: expected.amount });
    expect(report.refunds.sparkline.filter((p) => (p.value ?? 0) > 0).length).toBeGreaterThan(3);
    expect(report.return_rate.value).toBeGreaterThan(0);
    const [units] = await db.$queryRaw<{ n: number }[]>`
      SELECT coalesce(sum(l.quantity_received), 0)::int AS n FROM return_lines l JOIN returns r ON r.id = l.return_id
      WHERE (r.received_at AT TIME ZONE ${timezone})::date BETWEEN ${from}::date AND ${today}::date`;
    expect(report.return_rate.numerator).toBe(units.n);
  });
});
