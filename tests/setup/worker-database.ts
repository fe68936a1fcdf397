import { afterAll, inject } from 'vitest';
import { freshDatabase } from './test-database';
import { dropDatabase } from '@/lib/platform/migrate';

/**
 * Each test file gets a fresh database copied from the migrated template (CREATE DATABASE … TEMPLATE
 * is fast), so files never see each other's rows. DATABASE_URL points at it before lib/db is loaded.
 */
const serverUrl = inject('testServerUrl');
const template = inject('testTemplate');
const name = `backroom_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

process.env.DATABASE_URL = await freshDatabase(serverUrl, name, template);
process.env.AUTH_SECRET ??= 'test-secret-that-is-at-least-32-characters-long';
process.env.DB_POOL_MAX ??= '5';

afterAll(async () => {
  // A worker or sender a test started holds connections to the database dropped below.
  const { stopJobQueue } = await import('@/lib/jobs/boss');
  await stopJobQueue().catch(() => {});
  const { getDb } = await import('@/lib/db');
  await getDb()
    .$disconnect()
    .catch(() => {});
  await dropDatabase(serverUrl, name).catch(() => {});
});
