import 'server-only';
import { db } from '@/lib/db';

/** Whether the database answers within a second. */
export async function databaseHealthy(): Promise<boolean> {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
