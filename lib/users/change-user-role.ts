import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { toUserDto, USER_SELECT } from '@/lib/users/queries';
import { assertAnotherActiveAdmin, notFoundUser } from '@/lib/users/guards';
import { ZChangeUserRoleInput, type TChangeUserRoleInput, type UserDto } from '@/lib/users/schemas';

/** Changes a user's role; takes effect on their next request (sessions re-read the user). */
export async function changeUserRole(options: {
  input: TChangeUserRoleInput;
  actor: Actor;
}): Promise<UserDto> {
  const { userId, role } = ZChangeUserRoleInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    if (!before) throw notFoundUser();
    if (before.role === role) return toUserDto(before);
    if (before.role === 'admin')
      await assertAnotherActiveAdmin(
        tx,
        userId,
        'The shop needs at least one active admin: make someone else an admin first.',
      );
    const after = await tx.user.update({ where: { id: userId }, data: { role }, select: USER_SELECT });
    await audit(tx, {
      actor: options.actor,
      action: 'user.role_changed',
      entityType: 'user',
      entityId: userId,
      before: toUserDto(before),
      after: toUserDto(after),
    });
    return toUserDto(after);
  });
}
