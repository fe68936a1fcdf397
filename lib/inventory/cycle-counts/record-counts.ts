import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { lockLevel } from '@/lib/inventory/stock';
import { lockCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
import { lineVariance, nextCycleCountStatus } from '@/lib/inventory/cycle-counts/rules';
import { ZRecordCountsInput, type TRecordCountsInput } from '@/lib/inventory/cycle-counts/schemas';

export type RecordedCounts = {
  id: string;
  number: number;
  lines: { sku: string; counted: number; counted_at: string }[];
};

/**
 * Records counted quantities (a recount overwrites). The expected quantity of each line is the level's
 * on-hand read under the level's row lock at this moment, so a shipment or receipt between starting
 * the count and counting this shelf is in both numbers and makes no variance (decision 017). The
 * answer carries no expected quantity: counts are blind.
 */
export async function recordCounts(
  options: { countId: string; input: TRecordCountsInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<RecordedCounts> {
  const input = ZRecordCountsInput.parse(options.input);
  const run = async (t: Tx): Promise<RecordedCounts> => {
    const count = await lockCycleCount(t, options.countId);
    nextCycleCountStatus(count.status, 'count');
    const rows = await t.cycleCountLine.findMany({
      where: { cycleCountId: count.id },
      select: { id: true, sku: true, variantId: true, counted: true, expected: true },
    });
    const bySku = new Map(rows.map((r) => [r.sku, r]));
    const missing = input.lines.map((l, i) => ({ ...l, i })).filter((l) => !bySku.has(l.sku));
    if (missing.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `Not on this count sheet: ${missing.map((m) => m.sku).join(', ')}`,
        missing.map((m) => ({
          field: `lines.${m.i}.sku`,
          message: `${m.sku} is not on count #${count.number}`,
        })),
      );
    // The last entry per SKU wins; levels locked in variant order (lockLevel's deadlock rule).
    const latest = new Map(input.lines.map((l) => [l.sku, l.counted]));
    const work = [...latest]
      .map(([sku, counted]) => ({ line: bySku.get(sku)!, counted }))
      .sort((a, b) => (a.line.variantId < b.line.variantId ? -1 : 1));
    const at = options.now ?? new Date();
    const out: RecordedCounts['lines'] = [];
    for (const { line, counted } of work) {
      const level = await lockLevel(t, line.variantId, count.locationId);
      const expected = level.onHand;
      await t.cycleCountLine.update({
        where: { id: line.id },
        data: {
          expected,
          counted,
          variance: lineVariance(counted, expected),
          countedAt: at,
          countedById: options.actor.id,
          countedBy: options.actor.label,
        },
        select: { id: true },
      });
      await audit(t, {
        actor: options.actor,
        action: 'cycle_count.line_counted',
        entityType: 'cycle_count',
        entityId: count.id,
        before: { sku: line.sku, counted: line.counted, expected: line.expected },
        after: { sku: line.sku, counted, expected },
      });
      out.push({ sku: line.sku, counted, counted_at: at.toISOString() });
    }
    return { id: count.id, number: count.number, lines: out };
  };
  return tx ? run(tx) : db.$transaction(run);
}
