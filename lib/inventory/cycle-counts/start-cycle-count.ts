import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { lockCycleCount, moveCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
import { nextCycleCountStatus } from '@/lib/inventory/cycle-counts/rules';

/**
 * draft → counting: snapshots each line's on-hand as expected_at_start (what the sheet looked like when
 * the walk began; the variance uses the on-hand read when the line is counted, decision 017).
 */
export async function startCycleCount(
  options: { countId: string; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<{ id: string; number: number; status: 'counting' }> {
  const run = async (t: Tx) => {
    const count = await lockCycleCount(t, options.countId);
    nextCycleCountStatus(count.status, 'start');
    const now = options.now ?? new Date();
    await t.$executeRaw`
      UPDATE cycle_count_lines l
      SET expected_at_start = coalesce((SELECT s.on_hand FROM stock_levels s WHERE s.variant_id =
        l.variant_id AND s.location_id = ${count.locationId}::uuid), 0)
      WHERE l.cycle_count_id = ${count.id}::uuid`;
    return moveCycleCount(t, count, {
      to: 'counting',
      verb: 'started',
      stamp: { startedAt: now, startedBy: options.actor.label },
      actor: options.actor,
    });
  };
  return tx ? run(tx) : db.$transaction(run);
}
