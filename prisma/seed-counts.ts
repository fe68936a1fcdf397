import { Faker, en } from '@faker-js/faker';
import { seedActors } from '@/prisma/seed-actors';
import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { createCycleCount } from '@/lib/inventory/cycle-counts/create-cycle-count';
import { startCycleCount } from '@/lib/inventory/cycle-counts/start-cycle-count';
import { recordCounts } from '@/lib/inventory/cycle-counts/record-counts';
import { completeCycleCount } from '@/lib/inventory/cycle-counts/complete-cycle-count';

const DAY = 86_400_000;

/**
 * Demo cycle counts (decision 017), through the real use cases: one aisle of the main warehouse counted
 * every week or two over the last seven weeks (A … E), each finding a few units more or fewer than the
 * books on SKUs with plenty on hand, then a count of the downtown store started today and half counted,
 * and aisle A recounted this morning and awaiting the manager's review, so the Cycle counts list and
 * Needs attention have work in them and the dashboard's inventory accuracy has data.
 * Every step runs now and is then dated when it happened (corrections, their movements, cost layers,
 * entries and audit rows at the count's completion), as the order and returns seeds do. Call
 * rebuildKpiRollups afterwards. Does nothing when counts exist.
 */
export async function seedCycleCounts(
  db: PrismaClient,
  options: { seed?: number; now?: Date; log?: (line: string) => void } = {},
): Promise<{ counts: number; corrections: number }> {
  if ((await db.cycleCount.count()) > 0) return { counts: 0, corrections: 0 };
  const log = options.log ?? (() => {});
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 1717);
  const now = (options.now ?? new Date()).getTime();
  const actorFor = await seedActors(db);
  const warehouse = actorFor('warehouse');
  const manager = actorFor('manager');

  const aisles = ['A', 'B', 'C', 'D', 'E'];
  const daysAgo = [49, 35, 21, 10, 3];
  const done: { id: string; at: Date; adjustmentIds: string[] }[] = [];
  let corrections = 0;
  for (const [k, aisle] of aisles.entries()) {
    const bins = (
      await db.bin.findMany({
        where: { code: { startsWith: `${aisle}-` }, location: { code: 'MAIN' } },
        select: { code: true },
        orderBy: { code: 'asc' },
      })
    ).map((b) => b.code);
    if (!bins.length) continue;
    const at = new Date(now - daysAgo[k] * DAY + faker.number.int({ min: 9, max: 15 }) * 3_600_000);
    const sheet = await createCycleCount({
      input: {
        location: 'MAIN',
        bins,
        note: `Aisle ${aisle}, ${k % 2 ? 'second' : 'first'} half of the month`,
      },
      actor: warehouse,
    });
    await startCycleCount({ countId: sheet.id, actor: warehouse, now: at });
    // The seed knows the books (a counter would not): a few lines off by a unit or two, only where
    // plenty is on hand and free, so no correction runs into reserved stock or a stockout.
    const lines = await db.$queryRaw<{ sku: string; expected: number; free: number }[]>`
      SELECT l.sku, sl.on_hand AS expected, sl.on_hand - sl.reserved AS free
      FROM cycle_count_lines l JOIN variants v ON v.id = l.variant_id
      JOIN stock_levels sl ON sl.variant_id = l.variant_id AND sl.location_id = (SELECT location_id
        FROM cycle_counts WHERE id = ${sheet.id}::uuid)
      WHERE l.cycle_count_id = ${sheet.id}::uuid ORDER BY l.sku`;
    const off = new Set(
      faker.helpers.arrayElements(
        lines.filter((l) => l.free >= 10).map((l) => l.sku),
        faker.number.int({ min: 6, max: 12 }),
      ),
    );
    const counted = lines.map((l) => ({
      sku: l.sku,
      counted: off.has(l.sku)
        ? l.expected + faker.helpers.arrayElement([-3, -2, -1, -1, -1, 1, 2])
        : l.expected,
    }));
    await recordCounts({ countId: sheet.id, input: { lines: counted }, actor: warehouse, now: at });
    const result = await completeCycleCount({
      countId: sheet.id,
      actor: manager,
      now: new Date(at.getTime() + 2 * 3_600_000),
    });
    corrections += result.corrections.length;
    const adjustments = await db.cycleCountLine.findMany({
      where: { cycleCountId: sheet.id, adjustmentId: { not: null } },
      select: { adjustmentId: true },
    });
    done.push({
      id: sheet.id,
      at: new Date(at.getTime() + 2 * 3_600_000),
      adjustmentIds: adjustments.map((a) => a.adjustmentId!),
    });
  }

  // Today: the downtown store, started and half counted.
  const store = await db.location.findUnique({ where: { code: 'STORE' }, select: { id: true } });
  let open = 0;
  if (store && (await db.stockLevel.count({ where: { locationId: store.id } })) > 0) {
    const sheet = await createCycleCount({
      input: { location: 'STORE', note: 'Store count before the weekend' },
      actor: warehouse,
    });
    await startCycleCount({ countId: sheet.id, actor: warehouse });
    const lines = await db.$queryRaw<{ sku: string; expected: number }[]>`
      SELECT l.sku, sl.on_hand AS expected FROM cycle_count_lines l
      JOIN stock_levels sl ON sl.variant_id = l.variant_id AND sl.location_id = ${store.id}::uuid
      WHERE l.cycle_count_id = ${sheet.id}::uuid ORDER BY l.sku`;
    const half = lines.slice(0, Math.ceil(lines.length / 2));
    if (half.length)
      await recordCounts({
        countId: sheet.id,
        input: { lines: half.map((l) => ({ sku: l.sku, counted: l.expected })) },
        actor: warehouse,
      });
    open = 1;
  }

  // This morning: aisle A again, every line counted (two off by a unit) and submitted, so "Needs
  // attention → counts awaiting review" has the manager's review waiting on first start.
  const aisleA = (
    await db.bin.findMany({
      where: { code: { startsWith: 'A-' }, location: { code: 'MAIN' } },
      select: { code: true },
      orderBy: { code: 'asc' },
    })
  ).map((b) => b.code);
  let awaiting = 0;
  if (aisleA.length) {
    const sheet = await createCycleCount({
      input: { location: 'MAIN', bins: aisleA, note: 'Aisle A recount, for the manager to review' },
      actor: warehouse,
    });
    await startCycleCount({ countId: sheet.id, actor: warehouse });
    const lines = await db.$queryRaw<{ sku: string; expected: number; free: number }[]>`
      SELECT l.sku, sl.on_hand AS expected, sl.on_hand - sl.reserved AS free
      FROM cycle_count_lines l
      JOIN stock_levels sl ON sl.variant_id = l.variant_id
        AND sl.location_id = (SELECT location_id FROM cycle_counts WHERE id = ${sheet.id}::uuid)
      WHERE l.cycle_count_id = ${sheet.id}::uuid ORDER BY l.sku`;
    const off = new Set(
      lines
        .filter((l) => l.free >= 10)
        .slice(0, 2)
        .map((l) => l.sku),
    );
    if (lines.length) {
      await recordCounts({
        countId: sheet.id,
        input: { lines: lines.map((l) => ({ sku: l.sku, counted: l.expected - (off.has(l.sku) ? 1 : 0) })) },
        actor: warehouse,
      });
      awaiting = 1;
    }
  }

  await backdateCounts(db, done);
  log(
    `cycle counts: ${done.length} completed (${corrections} corrections), ${open} in progress, ` +
      `${awaiting} awaiting review`,
  );
  return { counts: done.length + open + awaiting, corrections };
}

/**
 * Dates each completed count's corrections at its completion: the adjustments, their movements, the
 * cost layers of found units, their entries and audit rows, and the count's own audit rows and
 * timestamps. Append-only guards are lifted for this one transaction only.
 */
async function backdateCounts(db: PrismaClient, done: { id: string; at: Date; adjustmentIds: string[] }[]) {
  if (!done.length) return;
  const guarded = ['stock_movements', 'journal_entries', 'journal_lines', 'audit_log'];
  const counts = done.map((d) => d.id);
  const countAt = done.map((d) => d.at);
  const adj = done.flatMap((d) => d.adjustmentIds.map((id) => ({ id, at: d.at })));
  await db.$transaction(
    async (tx) => {
      for (const g of guarded) await tx.$executeRawUnsafe(`ALTER TABLE "${g}" DISABLE TRIGGER USER`);
      await tx.$executeRaw`CREATE TEMP TABLE seed_count_times (id uuid PRIMARY KEY, at timestamptz) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO seed_count_times SELECT * FROM unnest(${counts}::uuid[],
        ${countAt}::timestamptz[])`;
      await tx.$executeRaw`CREATE TEMP TABLE seed_adjustment_times (id uuid PRIMARY KEY, at
        timestamptz) ON COMMIT DROP`;
      if (adj.length)
        await tx.$executeRaw`INSERT INTO seed_adjustment_times SELECT * FROM
          unnest(${adj.map((a) => a.id)}::uuid[], ${adj.map((a) => a.at)}::timestamptz[])`;
      // The sheet was made the morning it was counted; started and counted two hours before completion.
      await tx.$executeRaw`
      UPDATE cycle_counts c SET created_at = s.at - interval '3 hours', updated_at = s.at
      FROM seed_count_times s WHERE s.id = c.id`;
      await tx.$executeRaw`
      UPDATE audit_log a SET created_at = CASE WHEN a.action = 'cycle_count.completed' THEN s.at WHEN
        a.action = 'cycle_count.created' THEN s.at - interval '3 hours' ELSE s.at - interval '2 hours' END
      FROM seed_count_times s WHERE a.entity_type = 'cycle_count' AND a.entity_id = s.id::text`;
      await tx.$executeRaw`UPDATE inventory_adjustments j SET created_at = s.at FROM
        seed_adjustment_times s WHERE s.id = j.id`;
      await tx.$executeRaw`UPDATE stock_movements m SET created_at = s.at FROM seed_adjustment_times
        s WHERE m.reference_type = 'adjustment' AND m.reference_id = s.id::text`;
      await tx.$executeRaw`UPDATE cost_layers l SET received_at = s.at FROM seed_adjustment_times s
        WHERE l.source_type = 'adjustment' AND l.source_id = s.id::text`;
      await tx.$executeRaw`UPDATE journal_entries e SET posted_at = s.at, created_at = s.at FROM
        seed_adjustment_times s WHERE e.source_type = 'adjustment' AND e.source_id = s.id::text`;
      await tx.$executeRaw`UPDATE audit_log a SET created_at = s.at FROM seed_adjustment_times s
        WHERE a.action = 'inventory.adjusted' AND a.after->>'id' = s.id::text`;
      for (const g of guarded) await tx.$executeRawUnsafe(`ALTER TABLE "${g}" ENABLE TRIGGER USER`);
    },
    { timeout: 120_000 },
  );
}
