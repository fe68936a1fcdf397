import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { needsAttention } from '@/lib/kpi/queries';
import { skuDetail, stockLevels } from '@/lib/inventory/queries';
import { cycleCountList } from '@/lib/inventory/cycle-counts/queries';
import { returnList } from '@/lib/returns/queries';
import { refundList } from '@/lib/refunds/queries';
import { orderList } from '@/lib/orders/queries';
import { ticketList } from '@/lib/support/queries';
import { ZTicketListQuery } from '@/lib/support/schemas';
import { seedDemo } from '@/prisma/seed';
import { seedShipping } from '@/prisma/seed-shipping';
import { seedDemoOrders } from '@/prisma/seed-orders';
import { seedReturns } from '@/prisma/seed-returns';
import { seedSupport } from '@/prisma/seed-support';
import { seedCycleCounts } from '@/prisma/seed-counts';
import { seedPurchasing } from '@/prisma/seed-purchasing';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { recordCounts } from '@/lib/inventory/cycle-counts/record-counts';
import { SYSTEM_TEST_ACTOR } from '@/tests/factories';

/**
 * Issue 15 item 8: each "Needs attention" figure counts exactly the rows of the list it opens. Run on
 * the demo shop (a smaller order history), where the reorder-point figure used to say 13 against a
 * list of 146 stock levels. Every list is read whole (limit 200, more than any figure here).
 */
let attention: Awaited<ReturnType<typeof needsAttention>>;
const now = new Date();

beforeAll(async () => {
  const client = getDb();
  await seedDemo(client, { products: 60, customers: 120 });
  await seedShipping(client);
  await seedDemoOrders(client, { count: 150 });
  await seedReturns(client);
  await seedSupport(client);
  await seedCycleCounts(client);
  await seedPurchasing(client);
  // The demo has none of these two waiting: a support agent's goodwill refund above the limit (the
  // demo limit is 100.00; 150.00 waits for a manager) and the store's half-counted sheet counted whole.
  const support = await client.user.findFirstOrThrow({ where: { role: 'support' } });
  const paid = await client.order.findFirstOrThrow({
    where: { status: { in: ['fulfilled', 'delivered'] }, total: { gte: 20_000 } },
    orderBy: { number: 'asc' },
  });
  await createGoodwillRefund({
    input: { order_id: paid.id, amount: 15_000, reason: 'Parcel arrived a week late' },
    actor: { type: 'user', id: support.id, label: support.email, role: 'support' },
  });
  const sheet = await client.cycleCount.findFirstOrThrow({ where: { status: 'counting' } });
  const uncounted = await client.cycleCountLine.findMany({
    where: { cycleCountId: sheet.id, counted: null },
    select: { sku: true, expected: true },
  });
  await recordCounts({
    countId: sheet.id,
    input: { lines: uncounted.map((l) => ({ sku: l.sku, counted: Math.max(l.expected ?? 0, 0) })) },
    actor: SYSTEM_TEST_ACTOR,
  });
  attention = await needsAttention(undefined, now);
}, 300_000);

async function all<T>(page: (cursor?: string) => Promise<{ data: T[]; next_cursor: string | null }>) {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    rows.push(...p.data);
    cursor = p.next_cursor ?? undefined;
  } while (cursor);
  return rows;
}

describe('Needs attention: each figure equals its drill-down’s row count', () => {
  it('SKUs at or below reorder point = the rows of /inventory?stock=low, one per SKU', async () => {
    const rows = await all((cursor) => stockLevels({ stock: 'low', limit: 200, cursor }));
    expect(rows.length).toBe(attention.below_reorder_point);
    expect(new Set(rows.map((r) => r.sku)).size).toBe(rows.length);
    // Each is low as a whole: available (summed over locations) at or below the SKU's reorder point.
    for (const r of rows) expect(r.available).toBeLessThanOrEqual(r.reorder_point);
    // Counted again from the definition, in JavaScript over every active SKU's levels: a SKU is low
    // when its reorder point is set and its units available, summed over locations, are at or below it.
    // (The old per-level list showed a row per location, more rows than SKUs.)
    const variants = await getDb().variant.findMany({
      where: { status: 'active', reorderPoint: { gt: 0 } },
      select: { reorderPoint: true, stockLevels: { select: { onHand: true, reserved: true } } },
    });
    const low = variants.filter(
      (v) => v.stockLevels.reduce((sum, l) => sum + l.onHand - l.reserved, 0) <= v.reorderPoint,
    );
    expect(low.length).toBeGreaterThan(0);
    expect(attention.below_reorder_point).toBe(low.length);
  });

  it('refunds awaiting approval = /returns/refunds?status=pending_approval, with the oldest one’s age', async () => {
    const rows = await all((cursor) => refundList({ status: 'pending_approval', limit: 200, cursor }));
    expect(rows.length).toBe(attention.refunds_awaiting_approval);
    const oldest = rows.map((r) => r.created_at).sort()[0] ?? null;
    expect(attention.oldest_refund_awaiting_at).toBe(oldest);
    // The goodwill refund of 150.00 above the 100.00 limit is the one waiting.
    expect(attention.refunds_awaiting_approval).toBe(1);
    expect(rows[0]).toMatchObject({ amount: 15_000, status: 'pending_approval' });
  });

  it('returns awaiting receipt = the receiving view’s list (approved, not wholly received)', async () => {
    const rows = await all((cursor) => returnList({ stage: 'awaiting_receipt', limit: 200, cursor }));
    expect(rows.length).toBe(attention.returns_awaiting_receipt);
    for (const r of rows) expect(['approved', 'partially_received']).toContain(r.status);
    expect(attention.returns_awaiting_receipt).toBe(2);
  });

  it('counts awaiting review = /inventory/cycle-counts?stage=awaiting_review', async () => {
    const rows = await all((cursor) => cycleCountList({ stage: 'awaiting_review', limit: 200, cursor }));
    expect(rows.length).toBe(attention.counts_awaiting_review);
    for (const c of rows) {
      expect(c.status).toBe('counting');
      expect(c.lines_counted).toBe(c.lines);
    }
    // Two wait: the store's sheet, now counted whole, and the demo seed's aisle A recount.
    expect(attention.counts_awaiting_review).toBe(2);
  });

  it('orders held for review, on hold and past their ship-by date = their order lists', async () => {
    const tz = 'UTC';
    const list = (q: Parameters<typeof orderList>[0]) =>
      all((cursor) => orderList({ ...q, cursor, limit: 200 }, tz));
    const base = { sort: 'placed_desc' as const, limit: 200 };
    expect((await list({ ...base, status: 'pending_review' })).length).toBe(attention.held_for_review);
    expect((await list({ ...base, status: 'on_hold' })).length).toBe(attention.on_hold);
    expect((await list({ ...base, ship: 'past_due' })).length).toBe(attention.past_ship_by);
  });

  it('tickets at risk and past their SLA = the inbox views', async () => {
    const view = async (v: 'at_risk' | 'breached') =>
      (await ticketList(ZTicketListQuery.parse({ view: v, limit: 100 }), null, { now })).total;
    expect(await view('at_risk')).toBe(attention.tickets_at_risk);
    expect(await view('breached')).toBe(attention.tickets_breached);
  });
});

describe('stock movements name what caused them (issue 15 item 10)', () => {
  it('links a count correction to its count, a shipment to its order, a return to the return', async () => {
    const client = getDb();
    const pick = async (sql: string) =>
      (await client.$queryRawUnsafe<{ sku: string }[]>(sql))[0]?.sku ?? null;
    const counted = await pick(
      `SELECT l.sku FROM cycle_count_lines l WHERE l.adjustment_id IS NOT NULL LIMIT 1`,
    );
    const shipped = await pick(
      `SELECT v.sku FROM stock_movements m JOIN variants v ON v.id = m.variant_id WHERE
        m.reference_type = 'shipment' LIMIT 1`,
    );
    const returned = await pick(
      `SELECT v.sku FROM stock_movements m JOIN variants v ON v.id = m.variant_id WHERE
        m.reference_type = 'return' LIMIT 1`,
    );
    expect(counted && shipped && returned).toBeTruthy();
    const labels = async (sku: string) =>
      (await skuDetail(sku))!.movements.map((m) => m.source?.label ?? '').join(' | ');
    expect(await labels(counted)).toMatch(/Cycle count #\d+/);
    expect(await labels(shipped)).toMatch(/Order #\d+, shipment #\d+/);
    expect(await labels(returned)).toMatch(/Return #\d+/);
    const detail = (await skuDetail(counted))!;
    const countMove = detail.movements.find((m) => m.source?.label.startsWith('Cycle count'))!;
    expect(countMove.source!.href).toMatch(/^\/inventory\/cycle-counts\/[0-9a-f-]{36}$/);
  });
});
