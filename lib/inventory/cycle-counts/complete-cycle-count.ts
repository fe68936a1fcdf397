import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { recordKpiFacts } from '@/lib/kpi/facts';
import { lockCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
import {
  actorCanApproveCounts,
  inventoryAccuracy,
  needsCountApproval,
  nextCycleCountStatus,
} from '@/lib/inventory/cycle-counts/rules';

export type CompletedCycleCount = {
  id: string;
  number: number;
  status: 'completed';
  completed_at: string;
  lines_counted: number;
  lines_not_counted: number;
  expected: number;
  abs_variance: number;
  accuracy: number | null;
  /** change to inventory value, minor units (negative = written off to shrinkage) */
  value: number;
  corrections: { sku: string; variance: number; value: number; adjustment_number: number }[];
};

/**
 * counting → completed. Every counted line with a variance becomes a count_correction adjustment
 * through adjustStock (costed by the shop's method: losses Dr Inventory shrinkage / Cr Inventory, found
 * units the reverse), all in this one transaction with the audit rows and the inventory accuracy KPI
 * facts. The variance posted is counted − expected-at-count-time, so movements after a line was counted
 * (a shipment) stay in the level as they are. Uncounted lines are left alone and out of the KPI.
 * Above the shop's count approval limit of value moved, only inventory:approve_count may complete (decision 017).
 */
export async function completeCycleCount(
  options: { countId: string; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<CompletedCycleCount> {
  const run = async (t: Tx): Promise<CompletedCycleCount> => {
    const count = await lockCycleCount(t, options.countId);
    nextCycleCountStatus(count.status, 'complete');
    const lines = await t.cycleCountLine.findMany({
      where: { cycleCountId: count.id },
      select: { id: true, sku: true, variantId: true, expected: true, counted: true, variance: true },
    });
    const counted = lines.filter((l) => l.counted !== null && l.expected !== null);
    if (!counted.length)
      throw new AppError(
        'VALIDATION_FAILED',
        'Nothing has been counted on this sheet yet: count at least one line, or cancel the count.',
        [{ field: 'lines', message: 'No line counted' }],
      );

    const corrections: CompletedCycleCount['corrections'] = [];
    // In variant order: adjustStock locks each level, and every use case locks levels in that order.
    for (const line of counted
      .filter((l) => l.variance)
      .sort((a, b) => (a.variantId < b.variantId ? -1 : 1))) {
      let adj;
      try {
        adj = await adjustStock(
          {
            input: {
              location: count.locationCode,
              sku: line.sku,
              delta: line.variance!,
              reason: 'count',
              note: `Cycle count #${count.number}`,
            },
            actor: options.actor,
          },
          t,
        );
      } catch (error) {
        // e.g. fewer units found than are reserved for orders: say which line, so someone can act.
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
          throw new AppError('VALIDATION_FAILED', `${line.sku}: ${error.message}`, [
            { field: `lines.${line.sku}`, message: error.message },
          ]);
        throw error;
      }
      const value = -adj.value;
      await t.cycleCountLine.update({
        where: { id: line.id },
        data: { value, adjustmentId: adj.id },
        select: { id: true },
      });
      corrections.push({ sku: line.sku, variance: line.variance!, value, adjustment_number: adj.number });
    }
    const absValue = corrections.reduce((s, c) => s + Math.abs(c.value), 0);
    const [settings] = await t.$queryRaw<
      { currency: string; limit: number }[]
    >`SELECT currency, count_approval_limit AS "limit" FROM shop_settings WHERE id = 1`;
    const limit = settings?.limit ?? 10_000;
    if (needsCountApproval(absValue, actorCanApproveCounts(options.actor), limit)) {
      // Thrown after costing, so the limit is checked against the value actually posted; the throw
      // rolls every correction back.
      const money = (v: number) => formatMoney(v, settings?.currency ?? 'USD');
      throw new AppError(
        'FORBIDDEN',
        `This count moves ${money(absValue)} of inventory value; above ${money(limit)} a manager ` +
          `must review and complete it.`,
      );
    }

    const at = options.now ?? new Date();
    await t.cycleCount.update({
      where: { id: count.id },
      data: {
        status: 'completed',
        completedAt: at,
        completedById: options.actor.id,
        completedBy: options.actor.label,
      },
      select: { id: true },
    });
    // Negative expected (backorders) counts as nothing expected: the accuracy's denominator is units.
    const expected = counted.reduce((s, l) => s + Math.max(l.expected!, 0), 0);
    const absVariance = counted.reduce((s, l) => s + Math.abs(l.variance!), 0);
    await recordKpiFacts(t, [
      {
        at,
        channel: '',
        facts: { count_sheets: 1, count_expected: expected, count_abs_variance: absVariance },
      },
    ]);

    const result: CompletedCycleCount = {
      id: count.id,
      number: count.number,
      status: 'completed',
      completed_at: at.toISOString(),
      lines_counted: counted.length,
      lines_not_counted: lines.length - counted.length,
      expected,
      abs_variance: absVariance,
      accuracy: inventoryAccuracy(absVariance, expected),
      value: corrections.reduce((s, c) => s + c.value, 0),
      corrections,
    };
    await audit(t, {
      actor: options.actor,
      action: 'cycle_count.completed',
      entityType: 'cycle_count',
      entityId: count.id,
      before: { status: count.status },
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
