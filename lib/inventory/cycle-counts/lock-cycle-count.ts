import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import type { CycleCountStatus } from '@/lib/inventory/cycle-counts/rules';
import { isUuid } from '@/lib/boundary';

export type LockedCycleCount = {
  id: string;
  number: number;
  status: CycleCountStatus;
  locationId: string;
  locationCode: string;
};

/**
 * Locks a count sheet (FOR UPDATE) for the rest of the transaction: counting, completing and
 * cancelling one sheet are serialised, so a line cannot be counted while the sheet is being posted.
 */
export async function lockCycleCount(tx: Tx, id: string): Promise<LockedCycleCount> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'No such cycle count.');
  const [row] = await tx.$queryRaw<LockedCycleCount[]>`
    SELECT c.id::text, c.number, c.status::text AS status, c.location_id::text AS "locationId", l.code AS "locationCode"
    FROM cycle_counts c JOIN locations l ON l.id = c.location_id WHERE c.id = ${id}::uuid FOR UPDATE OF c`;
  if (!row) throw new AppError('NOT_FOUND', 'No such cycle count.');
  return row;
}

/** Moves a locked sheet to `to` with who and when (`stamp`), audited as `cycle_count.<verb>`. */
export async function moveCycleCount<S extends CycleCountStatus>(
  t: Tx,
  count: LockedCycleCount,
  move: { to: S; verb: string; stamp: Prisma.CycleCountUpdateInput; actor: Actor },
): Promise<{ id: string; number: number; status: S }> {
  await t.cycleCount.update({
    where: { id: count.id },
    data: { status: move.to, ...move.stamp },
    select: { id: true },
  });
  await audit(t, {
    actor: move.actor,
    action: `cycle_count.${move.verb}`,
    entityType: 'cycle_count',
    entityId: count.id,
    before: { status: count.status },
    after: { status: move.to },
  });
  return { id: count.id, number: count.number, status: move.to };
}
