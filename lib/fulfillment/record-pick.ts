import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZPickUnitInput, type TPickUnitInput } from '@/lib/fulfillment/schemas';
import { completeWaveIfPicked, lockWave } from '@/lib/fulfillment/lock-wave';

/**
 * One unit picked at a stop: it goes to the first tote (in wave order) still short of that SKU. The
 * wave's row lock serialises two devices picking the same wave, so together they never pick more
 * than the orders want: a unit beyond that is an over-pick (INVALID_STATE), and nothing is counted.
 * Audited per unit (who picked what into which tote, when).
 */
export async function recordPick(options: { waveId: string; input: TPickUnitInput; actor: Actor }, tx?: Tx) {
  const parsed = ZPickUnitInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const sku = parsed.data.sku;
  const run = async (t: Tx) => {
    const wave = await lockWave(t, options.waveId);
    const tasks = await t.pickTask.findMany({
      where: { waveId: wave.id, sku },
      orderBy: [{ position: 'asc' }, { orderLineId: 'asc' }],
      select: { id: true, tote: true, quantity: true, picked: true, shortQuantity: true },
    });
    if (!tasks.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `Wrong item: ${sku} is not on the orders of pick wave ${wave.number}.`,
        [{ field: 'sku', message: 'Not on these orders' }],
      );
    const task = tasks.find((x) => x.picked + x.shortQuantity < x.quantity);
    if (!task)
      throw new AppError(
        'INVALID_STATE',
        `Over-pick: every unit of ${sku} in pick wave ${wave.number} is already picked. Put it back.`,
      );
    await t.pickTask.update({
      where: { id: task.id },
      data: { picked: { increment: 1 } },
      select: { id: true },
    });
    const done = await completeWaveIfPicked(t, wave.id);
    const result = {
      wave_id: wave.id,
      task_id: task.id,
      sku,
      tote: task.tote,
      picked: task.picked + 1,
      quantity: task.quantity,
      wave_done: done,
    };
    await audit(t, {
      actor: options.actor,
      action: 'pick.unit_picked',
      entityType: 'pick_wave',
      entityId: wave.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
