import 'server-only';
import { cache } from 'react';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import { db } from '@/lib/db';
import { authOptions } from '@/lib/auth/auth-options';
import type { Role } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** the section picked as start page (lib/auth/permissions.ts homeFor), null for the role's default */
  startPage?: string | null;
};

/**
 * The signed-in user for this request, or null. The session token is only a pointer: the user is read
 * from the database on every request, and a deactivated user or a token older than the user's
 * session version (bumped on deactivation, role or password change) counts as signed out.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession<NextAuthOptions, { uid?: unknown; sv?: unknown }>(authOptions());
  if (!session || typeof session.uid !== 'string') return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      sessionVersion: true,
      startPage: true,
    },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    startPage: user.startPage,
  };
});

export function userActor(user: SessionUser): Actor {
  return { type: 'user', id: user.id, label: user.email, role: user.role };
}
