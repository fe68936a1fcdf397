import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, DEMO_USERS } from '@/prisma/seed';

/** The active demo users (prisma/seed.ts) whose password is still the published one. */
export async function demoLoginsInUse(databaseUrl: string): Promise<string[]> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const users = await client.user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) }, active: true },
      select: { email: true, passwordHash: true },
    });
    const open: string[] = [];
    for (const u of users) if (await verifyPassword(u.passwordHash, DEMO_PASSWORD)) open.push(u.email);
    return open;
  } finally {
    await client.$disconnect();
  }
}

/**
 * Where `npm start` listens. HOST wins when set. Otherwise, while anyone can sign in with the demo's
 * well-known password, only on loopback (127.0.0.1), so that a laptop on a café network does not
 * offer an admin login to its neighbours; without demo logins, Next.js's default (every interface).
 */
export function listenHost(
  host: string | undefined,
  demoLogins: readonly string[],
): { host: string | null; note: string | null } {
  if (host?.trim()) return { host: host.trim(), note: null };
  if (demoLogins.length)
    return {
      host: '127.0.0.1',
      note:
        `listening on 127.0.0.1 only: ${demoLogins.length} demo login(s) still use the ` +
        `published password "${DEMO_PASSWORD}". Change those passwords (Settings ` +
        `→ Users) or set HOST=0.0.0.0 to listen on the network.`,
    };
  return { host: null, note: null };
}
