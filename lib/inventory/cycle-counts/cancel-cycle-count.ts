import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { lockCycleCount, moveCycleCount } from '@/lib/inventory/cycle-counts/lock-cycle-count';
import { nextCycleCountStatus } from '@/lib/inventory/cycle-counts/rules';

/** draft | counting → cancelled: the sheet is kept (with what was counted) but nothing is posted. */
export async function cancelCycleCount(
  options: { countId: string; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<{ id: string; number: number; status: 'cancelled' }> {
  const run = async (t: Tx) => {
    const count = await lockCycleCount(t, options.countId);
    nextCycleCountStatus(count.status, 'cancel');
    return moveCycleCount(t, count, {
      to: 'cancelled',
      verb: 'cancelled',
      stamp: { cancelledAt: options.now ?? new Date(), cancelledBy: options.actor.label },
      actor: options.actor,
    });
  };
  return tx ? run(tx) : db.$transaction(run);
}
