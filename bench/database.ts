import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/lib/platform/embedded-postgres';
import { dropDatabase, ensureDatabase, withDatabase } from '@/lib/platform/migrate';
import { DATA_DIR } from '@/lib/platform/runtime-config';

/**
 * The benchmark's own database (dropped and recreated each run) and pgbench's scratch database beside
 * it. BENCH_DB names another one, so two people benchmarking on one server do not drop each other's.
 */
export const BENCH_DATABASE = benchDatabaseName(process.env.BENCH_DB);
export const PGBENCH_DATABASE = `${BENCH_DATABASE}_pgbench`;

function benchDatabaseName(configured: string | undefined): string {
  const name = configured?.trim() || 'backroom_bench';
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(name))
    throw new Error(
      `BENCH_DB must be a lower-case SQL identifier (a-z, 0-9, _), got ${JSON.stringify(name)}`,
    );
  return name;
}

export type BenchServer = {
  /** a maintenance database on the server (`postgres`), for CREATE/DROP DATABASE */
  serverUrl: string;
  embedded: EmbeddedServer | null;
  label: string;
};

/**
 * The PostgreSQL server the benchmark runs on: DATABASE_URL's server when set (the benchmark creates
 * and drops its own databases there and never touches DATABASE_URL's database), else an embedded
 * server under .data/bench-pg, kept apart from the app's own .data/pg.
 */
export async function benchServer(log: (line: string) => void): Promise<BenchServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const u = new URL(configured);
    return {
      serverUrl: withDatabase(configured, 'postgres'),
      embedded: null,
      label: `DATABASE_URL's server ${u.hostname}:${u.port || 5432}`,
    };
  }
  const dataDir = path.join(DATA_DIR, 'bench-pg');
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', log });
  return {
    serverUrl: embedded.url,
    embedded,
    label: `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${dataDir})`,
  };
}

/** Drops `name` if it exists and creates it empty; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  return ensureDatabase(serverUrl, name);
}
