import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { env } from '@/lib/env';

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const globalForDb = globalThis as unknown as { backroomDb?: PrismaClient; backroomDbUrl?: string };

function createClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_MAX ?? 10) });
  return new PrismaClient({ adapter });
}

/** The process-wide client, created on first use (so that a build never needs a database). */
export function getDb(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!globalForDb.backroomDb || globalForDb.backroomDbUrl !== url) {
    globalForDb.backroomDb = createClient(url);
    globalForDb.backroomDbUrl = url;
  }
  return globalForDb.backroomDb;
}

/** The app's database client. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === 'function' ? (value.bind(client) as unknown) : value;
  },
});
