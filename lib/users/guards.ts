import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * Locks the active admins' rows and refuses a change that would leave the shop without one, so two
 * admins demoting each other at the same moment cannot both succeed.
 */
export async function assertAnotherActiveAdmin(tx: Tx, userId: string, message: string): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  if (admins.some((a) => a.id === userId) && admins.length <= 1) throw new AppError('INVALID_STATE', message);
}

export function notFoundUser(): AppError {
  return new AppError('NOT_FOUND', 'That user does not exist.');
}
