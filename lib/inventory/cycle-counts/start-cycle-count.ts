import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { lockCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
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
    await t.cycleCount.update({
      where: { id: count.id },
      data: { status: 'counting', startedAt: now, startedBy: options.actor.label },
      select: { id: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'cycle_count.started',
      entityType: 'cycle_count',
      entityId: count.id,
      before: { status: count.status },
      after: { status: 'counting' },
    });
    return { id: count.id, number: count.number, status: 'counting' as const };
  };
  return tx ? run(tx) : db.$transaction(run);
}
