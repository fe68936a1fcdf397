import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { ensureDatabase, dropDatabase, migrate, withDatabase, listMigrations } from '@/lib/platform/migrate';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/lib/platform/embedded-postgres';
import { createHash } from 'node:crypto';
import { jobQueueSchemaDigest } from '@/lib/platform/job-queue-schema';

/**
 * The PostgreSQL server tests run against: TEST_DATABASE_URL or DATABASE_URL's server, else an embedded
 * one under .data/test-pg. Tests never touch the database named in the URL itself: they create their
 * own databases beside it (a migrated template, then one copy per worker).
 */
export async function testServer(): Promise<{ serverUrl: string; embedded: EmbeddedServer | null }> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { serverUrl: withDatabase(configured, 'postgres'), embedded: null };
  const dir = path.resolve('.data/test-pg');
  if (!existsSync(path.dirname(dir))) mkdirSync(path.dirname(dir), { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: dir, database: 'postgres' });
  return { serverUrl: embedded.url, embedded };
}

/** A template database with every migration applied (and the job queue's schema), named after their checksums. */
export async function migratedTemplate(serverUrl: string): Promise<string> {
  const migrations = await listMigrations();
  const digest = createHash('sha256')
    .update(migrations.map((m) => m.checksum).join() + jobQueueSchemaDigest())
    .digest('hex')
    .slice(0, 12);
  const name = `backroom_tpl_${digest}`;
  const url = await ensureDatabase(serverUrl, name);
  await migrate(url);
  return name;
}

export async function freshDatabase(serverUrl: string, name: string, template: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  return ensureDatabase(serverUrl, name, template);
}
