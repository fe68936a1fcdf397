import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedShipping } from '@/prisma/seed-shipping';
import { seedDemoOrders } from '@/prisma/seed-orders';
import { seedReturns } from '@/prisma/seed-returns';
import { seedSupport } from '@/prisma/seed-support';
import { seedFeedback } from '@/prisma/seed-feedback';
import { rebuildKpiRollups, rollupFacts, directFacts } from '@/lib/kpi/rebuild';
import { kpiReport, shopToday } from '@/lib/kpi/queries';
import { addDays } from '@/lib/dates';
import { whatToFixBySku } from '@/lib/feedback/report';

let result: Awaited<ReturnType<typeof seedFeedback>>;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'test-secret-that-is-at-least-32-characters-long';
  await seedDemo(db, { products: 40, customers: 200 });
  await seedShipping(db);
  await seedDemoOrders(db, { count: 320, days: 60 });
  await seedReturns(db, { rate: 0.15 });
  await seedSupport(db);
  result = await seedFeedback(db);
  await rebuildKpiRollups(db);
}, 300_000);

describe('demo feedback', () => {
  it('answers a share of delivered orders and solved tickets through the real use cases', async () => {
    expect(result.surveys).toBeGreaterThan(20);
    expect(result.answers).toBeGreaterThan(10);
    expect(await db.feedbackAnswer.count({ where: { kind: 'order' } })).toBeGreaterThan(5);
    expect(await db.feedbackAnswer.count({ where: { kind: 'ticket' } })).toBeGreaterThan(0);
    // Marketplaces are never asked (no delay for amazon and ebay by default).
    expect(await db.feedbackSurvey.count({ where: { channel: { in: ['amazon', 'ebay'] } } })).toBe(0);
    // Every survey went out once: one email per sent survey, dropped from the outbox as demo history.
    const sent = await db.feedbackSurvey.count({ where: { status: { in: ['sent', 'answered'] } } });
    expect(result.emailsDropped).toBe(sent);
    expect(await db.outboxMessage.count({ where: { template: { startsWith: 'feedback_' } } })).toBe(0);
    expect(await db.feedbackAnswerTheme.count()).toBeGreaterThan(0);
    // A second run adds nothing.
    expect(await seedFeedback(db)).toEqual({ surveys: 0, answers: 0, emailsDropped: 0 });
  });

  it('agrees with the returns: orders sent back for size rate lower than orders kept', async () => {
    const [row] = await db.$queryRaw<{ size: number | null; kept: number | null }[]>`
      SELECT avg(a.rating) FILTER (WHERE EXISTS (SELECT 1 FROM returns r JOIN return_lines l ON
        l.return_id = r.id WHERE r.order_id = a.order_id AND l.reason = 'does_not_fit'))::float8 AS size,
             avg(a.rating) FILTER (WHERE NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id =
               a.order_id))::float8 AS kept
      FROM feedback_answers a WHERE a.kind = 'order'`;
    console.log(
      `[feedback seed] ${JSON.stringify(result)}, average rating: returned for size ${row.size}, kept ${row.kept}`,
    );
    expect(row.kept).toBeGreaterThan(3.5);
    expect(row.size).not.toBeNull();
    expect(row.size!).toBeLessThan(3.5);
  });

  it('fills the KPIs and the report, and the rollups equal the direct facts', async () => {
    const { today } = await shopToday();
    const report = await kpiReport({ from: addDays(today, -89), to: today });
    expect(report.feedback.delivery_rating.count).toBeGreaterThan(0);
    expect(report.feedback.response_rate.denominator).toBeGreaterThan(0);
    const fix = await whatToFixBySku({ from: addDays(today, -89), to: today });
    expect(fix.rows.length).toBeGreaterThan(0);
    expect(fix.rows.some((r) => r.ratings > 0)).toBe(true);
    expect(await rollupFacts()).toEqual(await directFacts());
  });
});
