import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';

/** Locks a pick wave's row: scans from two devices on one wave are applied one after the other. */
export async function lockWave(tx: Tx, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const [row] = await tx.$queryRaw<
    { id: string; number: number; status: string }[]
  >`SELECT id::text, number, status FROM pick_waves WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  if (row.status !== 'open') throw new AppError('INVALID_STATE', `Pick wave ${row.number} is ${row.status}.`);
  return row;
}

/** Marks the wave done once every task is picked or short. */
export async function completeWaveIfPicked(tx: Tx, waveId: string): Promise<boolean> {
  const left = await tx.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM pick_tasks WHERE wave_id = ${waveId}::uuid AND picked + short_quantity < quantity`;
  if (left[0].n > 0) return false;
  await tx.pickWave.update({
    where: { id: waveId },
    data: { status: 'done', completedAt: new Date() },
    select: { id: true },
  });
  return true;
}
