import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '@/lib/env';
import { toAppError } from '@/lib/errors';
import { signInWithPassword } from '@/lib/auth/sign-in';

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : '') || 'unknown';
}

/**
 * next-auth with a credentials provider and JWT sessions (credentials sign-in requires JWT in
 * next-auth v4). The token carries the user id and session version only; every request re-reads
 * the user (lib/auth/session.ts), so deactivation and role changes take effect at once.
 * See docs/decisions/001-auth-and-sessions.md.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          try {
            const user = await signInWithPassword({
              email: credentials?.email ?? '',
              password: credentials?.password ?? '',
              ip: clientIp(req?.headers as Record<string, unknown> | undefined),
            });
            return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
          } catch (error) {
            // next-auth hands this message to the sign-in form; AppError messages are safe to show.
            const appError = toAppError(error);
            if (appError.code === 'INTERNAL') console.error('sign-in failed', error);
            throw new Error(appError.message);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv } as typeof session;
      },
    },
    logger: {
      // next-auth's default logger prints request bodies on some errors; keep credentials out of logs.
      error: (code) => console.error(`[auth] ${code}`),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => {},
    },
  };
}
