import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { lockCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
import { nextCycleCountStatus } from '@/lib/inventory/cycle-counts/rules';

/** draft | counting → cancelled: the sheet is kept (with what was counted) but nothing is posted. */
export async function cancelCycleCount(
  options: { countId: string; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<{ id: string; number: number; status: 'cancelled' }> {
  const run = async (t: Tx) => {
    const count = await lockCycleCount(t, options.countId);
    nextCycleCountStatus(count.status, 'cancel');
    await t.cycleCount.update({
      where: { id: count.id },
      data: { status: 'cancelled', cancelledAt: options.now ?? new Date(), cancelledBy: options.actor.label },
      select: { id: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'cycle_count.cancelled',
      entityType: 'cycle_count',
      entityId: count.id,
      before: { status: count.status },
      after: { status: 'cancelled' },
    });
    return { id: count.id, number: count.number, status: 'cancelled' as const };
  };
  return tx ? run(tx) : db.$transaction(run);
}
