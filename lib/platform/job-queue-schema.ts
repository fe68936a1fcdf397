import { createHash } from 'node:crypto';
import { getConstructionPlans, PgBoss } from 'pg-boss';

/** The schema pg-boss keeps its tables in, beside the app's `public` schema (docs/decisions/021-job-queue.md). */
export const JOBS_SCHEMA = 'pgboss';

/**
 * Installs pg-boss's tables, or brings them to the installed pg-boss's version (its own
 * migrations, under its own advisory lock), so every process that only enqueues finds them.
 * Called by `migrate` after the app's migrations.
 */
export async function installJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOBS_SCHEMA,
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false });
}

/** Changes when pg-boss's schema does (test templates are named after it). */
export function jobQueueSchemaDigest(): string {
  return createHash('sha256').update(getConstructionPlans(JOBS_SCHEMA)).digest('hex').slice(0, 8);
}
