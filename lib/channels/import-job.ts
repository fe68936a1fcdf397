import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/registry';
import { failOrderImport, runOrderImport } from './import-orders';

/**
 * Runs an order import (lib/channels/import-orders.ts) in the background. A run cut short by a
 * restart of the app is picked up again after its timeout and resumes: the orders already written
 * are skipped by channel + external id, each order was all or nothing. After the last try the job
 * is marked failed with the reason, never left half-running.
 */
export const importOrdersJob = defineJob({
  name: 'channels.import_orders',
  schema: z.object({ importId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 5, backoff: true },
  timeoutSeconds: 30 * 60,
  concurrency: 1,
  handler: async ({ importId }, context) => {
    try {
      await runOrderImport(importId);
    } catch (error) {
      if (context.lastAttempt)
        await failOrderImport(
          importId,
          error instanceof Error ? error.message.slice(0, 300) : 'The import failed.',
        );
      throw error;
    }
  },
});
