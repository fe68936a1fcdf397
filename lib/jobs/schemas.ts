import { z } from 'zod';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

/** Settings → Jobs filters, from the URL: anything unknown is dropped, never an error. */
export const ZJobsQuery = z.object({
  state: z.enum(JOB_STATES).optional().catch(undefined),
  queue: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{1,100}$/)
    .optional()
    .catch(undefined),
});
export type TJobsQuery = z.infer<typeof ZJobsQuery>;

/**
 * The input of a pump job (automation.pump, webhooks.pump): loop for `seconds`, then queue the next
 * run unless `chain` is false (tests).
 */
export const ZPumpJobInput = z.object({
  seconds: z.number().positive().max(60).default(10),
  chain: z.boolean().default(true),
});
