import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { toUserDto, USER_SELECT } from '@/lib/users/queries';
import { assertAnotherActiveAdmin, notFoundUser } from '@/lib/users/guards';
import { ZSetUserActiveInput, type TSetUserActiveInput, type UserDto } from '@/lib/users/schemas';

/**
 * Deactivates or reactivates a user. Deactivation bumps the session version, so every session the
 * user has stops working on its next request.
 */
export async function setUserActive(options: { input: TSetUserActiveInput; actor: Actor }): Promise<UserDto> {
  const { userId, active } = ZSetUserActiveInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    if (!before) throw notFoundUser();
    if (before.active === active) return toUserDto(before);
    if (!active) {
      if (options.actor.type === 'user' && options.actor.id === userId)
        throw new AppError('INVALID_STATE', 'You cannot deactivate your own account.');
      if (before.role === 'admin')
        await assertAnotherActiveAdmin(tx, userId, 'The shop needs at least one active admin.');
    }
    const after = await tx.user.update({
      where: { id: userId },
      data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) },
      select: USER_SELECT,
    });
    await audit(tx, {
      actor: options.actor,
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      before: toUserDto(before),
      after: toUserDto(after),
    });
    return toUserDto(after);
  });
}
