import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { currentUser, type SessionUser } from '@/lib/auth/session';
import { roleHas, type Permission } from '@/lib/auth/permissions';

function allows(user: SessionUser, required: Permission | readonly Permission[]): boolean {
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.some((p) => roleHas(user.role, p));
}

/**
 * For page.tsx: the signed-in user holding the permission (any one of a list). Not signed in →
 * redirect to /login (back here after); signed in without it → the 403 page (app/forbidden.tsx).
 */
export async function requirePagePermission(
  required: Permission | readonly Permission[],
  returnTo?: string,
): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
  if (!allows(user, required)) forbidden();
  return user;
}

/** For server actions and route handlers: throws UNAUTHENTICATED / FORBIDDEN as an AppError. */
export async function requirePermission(required: Permission | readonly Permission[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  if (!allows(user, required)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
  return user;
}

/** For pages open to any signed-in user. */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : '/login');
  return user;
}
