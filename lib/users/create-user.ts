import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { toUserDto, USER_SELECT } from '@/lib/users/queries';
import { ZCreateUserInput, type TCreateUserInput, type UserDto } from '@/lib/users/schemas';

/** Creates a staff user with an Argon2id password hash. A taken email is a CONFLICT naming the field. */
export async function createUser(
  options: { input: TCreateUserInput; actor: Actor },
  tx?: Tx,
): Promise<UserDto> {
  const input = ZCreateUserInput.parse(options.input);
  const passwordHash = await hashPassword(input.password);
  const run = async (t: Tx) => {
    const taken = await t.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken)
      throw new AppError('CONFLICT', 'A user with this email already exists', [
        { field: 'email', message: 'A user with this email already exists' },
      ]);
    const user = await t.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: USER_SELECT,
    });
    await audit(t, {
      actor: options.actor,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: toUserDto(user),
    });
    return toUserDto(user);
  };
  return tx ? run(tx) : db.$transaction(run);
}
