import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';

/** Who the demo data is written by when no user fits: the system, labelled "seed". */
export const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };

/**
 * The demo logins as actors, so seeded history reads as done by people: `actorFor('manager')` is the
 * first active manager by email, else SEED_ACTOR.
 */
export async function seedActors(db: PrismaClient): Promise<(role: Role) => Actor> {
  const users = await db.user.findMany({
    where: { active: true },
    select: { id: true, email: true, role: true },
    orderBy: { email: 'asc' },
  });
  return (role) => {
    const u = users.find((x) => x.role === role);
    return u ? { type: 'user', id: u.id, label: u.email, role: u.role } : SEED_ACTOR;
  };
}
