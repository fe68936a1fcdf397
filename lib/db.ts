import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
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
  backroomPool?: pg.Pool;
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

type PgTransaction = Awaited<ReturnType<Awaited<ReturnType<PrismaPg['connect']>>['startTransaction']>>;

/**
 * Prisma's pg adapter, except that a transaction's statements take turns on its one connection
 * (decision 057). Prisma itself sends some at once there: the related rows a query includes, one
 * statement per relation, under `Promise.all`. pg 8 queues them with a DeprecationWarning, pg 9
 * refuses them (prisma/orm#29979 would do this in the adapter); our own code runs them one after
 * another (`allOn` below). Outside transactions each statement has a pooled connection of its own.
 */
export class PrismaPgInTurn extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => inTurn(await startTransaction(isolationLevel));
    return adapter;
  }
}

function inTurn(tx: PgTransaction): PgTransaction {
  let previous: Promise<unknown> = Promise.resolve();
  const turn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = previous.then(run);
    previous = result.catch(() => undefined);
    return result;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  tx.queryRaw = (query) => turn(() => queryRaw(query));
  tx.executeRaw = (query) => turn(() => executeRaw(query));
  return tx;
}

function createClient(url: string, max = budget('DB_POOL_MAX', 10)): { client: PrismaClient; pool: pg.Pool } {
  const b = dbBudgets();
  // The pool is ours, handed to Prisma's adapter, so sqlQuery below shares its connections and budgets.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    statement_timeout: b.statementMs,
    lock_timeout: b.lockMs,
    idle_in_transaction_session_timeout: b.idleTransactionMs,
  });
  // A pooled connection that fails while idle (the server restarting, the database dropped) is
  // dropped by the pool and replaced on the next query: not a crash, nothing to report.
  pool.on('error', () => {});
  const adapter = new PrismaPgInTurn(pool);
  const client = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: 5_000, timeout: b.transactionMs },
  });
  return { client, pool };
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
    const pools = (globalForDb.backroomOwnPools ??= new Map<string, { url: string; client: PrismaClient }>());
    let pool = pools.get(own.name);
    if (!pool || pool.url !== url) {
      pool = { url, client: createClient(url, own.max).client };
      pools.set(own.name, pool);
    }
    return pool.client;
  }
  if (!globalForDb.backroomDb || globalForDb.backroomDbUrl !== url) {
    const { client, pool } = createClient(url);
    globalForDb.backroomDb = client;
    globalForDb.backroomPool = pool;
    globalForDb.backroomDbUrl = url;
  }
  return globalForDb.backroomDb;
}

/** Errors of a connection, not of a statement: the database is unreachable (as Prisma's P1001). */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

/**
 * One statement on a connection of the app's pool, outside any transaction, without Prisma's
 * per-query pipeline (decision 044): for the order intake's read and write (one statement each),
 * where that pipeline cost the app about as much CPU as PostgreSQL spent on the statement. Values
 * are bound as $1, $2, … (never spliced into the text). A failure keeps what toAppError reads from
 * Prisma's errors: the SQLSTATE as `originalCode`, an unreachable database as P1001.
 *
 * `name` makes it a prepared statement of that name on each connection (parsed and planned once per
 * connection, then only bound and run; decision 051): for the statements every order intake or API
 * request runs, whose planning cost the server more than running them. One name, one text.
 */
export async function sqlQuery<T>(text: string, values: unknown[], name?: string): Promise<T[]> {
  getDb();
  try {
    const pool = globalForDb.backroomPool!;
    const result = await (name ? pool.query({ name, text, values }) : pool.query(text, values));
    return result.rows as T[];
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : 'database error';
    if (typeof e.code === 'string' && CONNECTION_ERRORS.has(e.code))
      throw Object.assign(new Error(message, { cause: error }), { code: 'P1001' });
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      throw Object.assign(new Error(message, { cause: error }), {
        originalCode: e.code,
        originalMessage: message,
      });
    throw error;
  }
}

/** The app's database client. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === 'function' ? (value.bind(client) as unknown) : value;
  },
});

/**
 * A raw statement ($1, $2, … bound to `values`) on `t`: through sqlQuery when `t` is the app's client
 * itself (no caller transaction; prepared as `name` when given), else on the caller's transaction
 * through Prisma.
 */
export function rawOn<T>(t: Tx, text: string, values: unknown[], name?: string): Promise<T[]> {
  return t === db ? sqlQuery<T>(text, values, name) : t.$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * Runs independent queries on `t` and returns their results in order: all at once when `t` is the
 * app's client (the pool gives each its own connection), one after another when `t` is a transaction,
 * whose one connection runs one statement at a time (pg 8 queues overlapping ones with a deprecation
 * warning, pg 9 refuses them).
 */
export async function allOn<const T extends readonly unknown[]>(
  t: Tx,
  queries: { readonly [K in keyof T]: () => T[K] },
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  type Results = { -readonly [K in keyof T]: Awaited<T[K]> };
  if (t === db) return (await Promise.all(queries.map((query) => query()))) as Results;
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as Results;
}
