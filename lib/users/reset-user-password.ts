import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { notFoundUser } from '@/lib/users/guards';
import { ZResetUserPasswordInput, type TResetUserPasswordInput } from '@/lib/users/schemas';

/** Sets a new password and signs the user out everywhere (session version bump). */
export async function resetUserPassword(options: {
  input: TResetUserPasswordInput;
  actor: Actor;
}): Promise<void> {
  const { userId, password } = ZResetUserPasswordInput.parse(options.input);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw notFoundUser();
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      after: { email: user.email },
    });
  });
}
