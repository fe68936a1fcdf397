import 'server-only';
import type { Tx } from '@/lib/db';

/** Trailing window of demand before a stockout that sets its baseline (docs/design.md: 28 days). */
export const BASELINE_DAYS = 28;

/**
 * SQL for the baseline of a stockout starting at `startedAt` for `variantId` (SQL expressions), as the
 * rebuild computes it (the database function sync_stockout has the same formula for live events):
 * units ordered of the SKU in the 28 days before, ÷ 28 — every order placed counts, cancelled or not,
 * since it was demand; so the figure is fixed once the stockout starts.
 */
export function baselineSql(variantId: string, startedAt: string): string {
  return `(SELECT coalesce(sum(ol.quantity), 0)::float8 / ${BASELINE_DAYS} FROM order_lines ol JOIN
    orders o ON o.id = ol.order_id
           WHERE ol.variant_id = ${variantId} AND o.placed_at >= ${startedAt} - interval
             '${BASELINE_DAYS} days' AND o.placed_at < ${startedAt})`;
}

/** Whether a change of one level's available units (on hand − reserved) can move its SKU in or out of stock. */
export function mayCrossStockout(before: number, after: number): boolean {
  return before !== after && (before <= 0 || after <= 0);
}

/**
 * Opens or closes the SKU's stockout period to match its available units summed over locations, as
 * of `at` (the movement's time), in the movement's transaction: the database function sync_stockout
 * (migration 20261129090000; order intake calls it from take_order). Called only when a level's
 * available crosses into or out of ≤ 0 (see mayCrossStockout): without backorders, the SKU total can
 * only cross zero when some level does, so this sees every transition.
 */
export async function syncStockout(tx: Tx, variantId: string, at: Date): Promise<void> {
  await tx.$executeRaw`SELECT sync_stockout(${variantId}::uuid, ${at}::timestamptz)`;
}
