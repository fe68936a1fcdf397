import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';

export const ZSignInInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(254),
  password: z.string().min(1, 'Enter your password').max(1024),
  ip: z.string().max(100).default('unknown'),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/** Failures from one address against one account before sign-in is refused for the window. */
function limits() {
  const e = env();
  // A looser cap per account whatever the address, so rotating addresses does not lift the limit.
  return {
    perEmailAndIp: e.LOGIN_MAX_FAILURES,
    perEmail: e.LOGIN_MAX_FAILURES * 5,
    windowMinutes: e.LOGIN_WINDOW_MINUTES,
  };
}

/**
 * Checks an email + password. Failed attempts are counted in PostgreSQL (so the limit holds across
 * app processes) under an advisory lock per email, so parallel guesses cannot slip past the limit.
 * A successful sign-in clears the count for that email + address.
 */
export async function signInWithPassword(input: TSignInInput): Promise<SignedInUser> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
  const { email, password, ip } = parsed.data;
  const { perEmailAndIp, perEmail, windowMinutes } = limits();

  type Outcome =
    | { kind: 'limited'; retryMinutes: number }
    | { kind: 'wrong' }
    | { kind: 'inactive' }
    | { kind: 'ok'; user: SignedInUser };

  // The attempt is recorded inside the transaction and the outcome thrown after it commits, so a
  // failure is always counted.
  const outcome = await db.$transaction(
    async (tx): Promise<Outcome> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('login:' || ${email}))`;
      const [counts] = await tx.$queryRaw<{ pair: bigint; any_ip: bigint; oldest: Date | null }[]>`
        WITH last_success AS (
          SELECT coalesce(max(created_at), '-infinity') AS at FROM login_attempts
          WHERE email = ${email} AND ip = ${ip} AND succeeded)
        SELECT count(*) FILTER (WHERE ip = ${ip} AND created_at > (SELECT at FROM last_success)) AS pair,
               count(*) AS any_ip,
               min(created_at) FILTER (WHERE ip = ${ip}) AS oldest
        FROM login_attempts
        WHERE email = ${email} AND NOT succeeded
          AND created_at > now() - make_interval(mins => ${windowMinutes})`;
      if (Number(counts.pair) >= perEmailAndIp || Number(counts.any_ip) >= perEmail) {
        const retryMinutes = counts.oldest
          ? Math.max(1, Math.ceil((counts.oldest.getTime() + windowMinutes * 60_000 - Date.now()) / 60_000))
          : windowMinutes;
        return { kind: 'limited', retryMinutes };
      }

      const user = await tx.user.findUnique({
        where: { email },
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          active: true,
          sessionVersion: true,
          passwordHash: true,
        },
      });
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyAgainstDummy(password), false);
      await tx.loginAttempt.create({ data: { email, ip, succeeded: ok } });
      if (!user || !ok) return { kind: 'wrong' };
      if (!user.active) return { kind: 'inactive' };
      await tx.user.update({
        where: { id: user.id },
        data: { lastLoginAt: new Date() },
        select: { id: true },
      });
      return {
        kind: 'ok',
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          sessionVersion: user.sessionVersion,
        },
      };
    },
    { timeout: 15_000 },
  );

  switch (outcome.kind) {
    case 'ok':
      return outcome.user;
    case 'limited': {
      const m = outcome.retryMinutes;
      throw new AppError(
        'RATE_LIMITED',
        `Too many failed sign-in attempts. Try again in ${m} minute${m === 1 ? '' : 's'}, or ask an ` +
          `admin to reset your password.`,
        { retry_after_minutes: m },
      );
    }
    case 'inactive':
      throw new AppError('FORBIDDEN', 'This account has been deactivated. Ask an admin to reactivate it.');
    case 'wrong':
      throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
  }
}
