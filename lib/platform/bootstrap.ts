import path from 'node:path';
import { migrate } from '@/lib/platform/migrate';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/lib/platform/embedded-postgres';
import { DATA_DIR, ensureAuthSecret } from '@/lib/platform/runtime-config';

export type PreparedDatabase = { url: string; embedded: EmbeddedServer | null };

/**
 * Everything the app needs before it serves a request: an AUTH_SECRET, a database (DATABASE_URL's, or
 * an embedded PostgreSQL under .data/) and all migrations applied. Sets process.env so child processes
 * inherit it. Demo data is not the platform's: prisma/seed-demo-shop.ts adds it on first start.
 */
export async function prepareDatabase(
  options: {
    log?: (line: string) => void;
    /** false: connect only (a backup reads the database as it is; a restore needs it empty) */
    migrate?: boolean;
  } = {},
): Promise<PreparedDatabase> {
  const log = options.log ?? console.log;
  process.env.AUTH_SECRET = ensureAuthSecret();

  let embedded: EmbeddedServer | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'pg'), database: 'backroom', log });
    process.env.DATABASE_URL = embedded.url;
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.join(DATA_DIR, 'pg')})`);
  }
  const url = process.env.DATABASE_URL;

  if (options.migrate === false) return { url, embedded };
  await migrate(url, { log });

  return { url, embedded };
}
