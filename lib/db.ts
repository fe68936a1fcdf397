import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { env } from '@/lib/env';

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const globalForDb = globalThis as unknown as {
  backroomDb?: PrismaClient;
  backroomDbUrl?: string;
  backroomOwnPools?: Map<string, { url: string; client: PrismaClient }>;
};

function budget(name: string, fallback: number): number {
  const raw = process.env[name];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : fallback;
}

/**
 * How long one request may hold the database (decision 019), set on every pooled connection, so no
 * request can hold the server: a statement (every read is one) runs at most DB_STATEMENT_TIMEOUT_MS,
 * a write waits for a row lock at most DB_LOCK_TIMEOUT_MS, a transaction left idle is ended after
 * DB_IDLE_TRANSACTION_TIMEOUT_MS, and an interactive transaction (a write) must finish within
 * DB_TRANSACTION_TIMEOUT_MS unless its use case sets its own `timeout`. An exhausted budget is a 503
 * with Retry-After (lib/errors.ts toAppError). 0 turns a budget off. Long jobs (the KPI rebuild)
 * raise their own with `SET LOCAL statement_timeout` inside their transaction.
 */
export function dbBudgets() {
  return {
    statementMs: budget('DB_STATEMENT_TIMEOUT_MS', 10_000),
    lockMs: budget('DB_LOCK_TIMEOUT_MS', 5_000),
    idleTransactionMs: budget('DB_IDLE_TRANSACTION_TIMEOUT_MS', 60_000),
    transactionMs: budget('DB_TRANSACTION_TIMEOUT_MS', 15_000),
  };
}

function createClient(url: string, max = budget('DB_POOL_MAX', 10)): PrismaClient {
  const b = dbBudgets();
  const adapter = new PrismaPg({
    connectionString: url,
    max,
    statement_timeout: b.statementMs,
    lock_timeout: b.lockMs,
    idle_in_transaction_session_timeout: b.idleTransactionMs,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 5_000, timeout: b.transactionMs } });
}

/** The pool `withOwnPool` runs its work on, if any. */
const ownPool = new AsyncLocalStorage<{ name: string; max: number }>();

/**
 * Runs `fn` with `db` bound to a small pool of its own (`max` connections, created on first use and
 * kept for the process), so latency-bound background work is not queued behind the web requests
 * that fill the main pool in the same process — the webhook sender under intake load (issue 14).
 */
export function withOwnPool<T>(name: string, max: number, fn: () => Promise<T>): Promise<T> {
  return ownPool.run({ name, max }, fn);
}

/** The process-wide client, created on first use (so that a build never needs a database). */
export function getDb(): PrismaClient {
  const url = env().DATABASE_URL;
  const own = ownPool.getStore();
  if (own) {
    const pools = (globalForDb.backroomOwnPools ??= new Map());
    let pool = pools.get(own.name);
    if (!pool || pool.url !== url) {
      pool = { url, client: createClient(url, own.max) };
      pools.set(own.name, pool);
    }
    return pool.client;
  }
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
