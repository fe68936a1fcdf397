import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZShortPickInput, type TShortPickInput } from '@/lib/fulfillment/schemas';
import { completeWaveIfPicked, lockWave } from '@/lib/fulfillment/lock-wave';

/**
 * "Short pick": the units of a stop that are not in the bin. Every tote still short of the SKU has
 * its remaining units marked short with the reason and what happens to them. Either way they stay on
 * the order, still reserved (docs/decisions/011): 'keep_reserved' means they are expected to be found
 * and picked in a later wave; 'backorder' means they wait for stock to arrive. The pack station packs
 * what was picked (a partial shipment). Correcting the bin's count is a cycle count, not the picker's.
 */
export async function shortPick(options: { waveId: string; input: TShortPickInput; actor: Actor }, tx?: Tx) {
  const parsed = ZShortPickInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const run = async (t: Tx) => {
    const wave = await lockWave(t, options.waveId);
    const tasks = await t.pickTask.findMany({
      where: { waveId: wave.id, sku: input.sku },
      orderBy: [{ position: 'asc' }, { orderLineId: 'asc' }],
      select: { id: true, tote: true, quantity: true, picked: true, shortQuantity: true },
    });
    const open = tasks.filter((x) => x.picked + x.shortQuantity < x.quantity);
    if (!open.length)
      throw new AppError('INVALID_STATE', `Nothing of ${input.sku} is left to pick in wave ${wave.number}.`);
    const shorted = [];
    for (const task of open) {
      const missing = task.quantity - task.picked - task.shortQuantity;
      await t.pickTask.update({
        where: { id: task.id },
        data: { shortQuantity: { increment: missing }, shortReason: input.reason, shortAction: input.action },
        select: { id: true },
      });
      shorted.push({ tote: task.tote, quantity: missing });
    }
    const done = await completeWaveIfPicked(t, wave.id);
    const result = {
      wave_id: wave.id,
      sku: input.sku,
      reason: input.reason,
      action: input.action,
      short: shorted,
      units: shorted.reduce((s, x) => s + x.quantity, 0),
      wave_done: done,
    };
    await audit(t, {
      actor: options.actor,
      action: 'pick.short',
      entityType: 'pick_wave',
      entityId: wave.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
