import { stateMachine } from '@/lib/state-machine';

/** A replenishment run's life (decision 033): queued by the schedule, screen, CLI or API; run by the job. */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRANSITIONS = {
  start: { from: ['queued'], to: 'running' },
  complete: { from: ['running'], to: 'completed' },
  fail: { from: ['queued', 'running'], to: 'failed' },
} as const;

export const runMachine = stateMachine<RunStatus, typeof RUN_TRANSITIONS>(RUN_TRANSITIONS, {
  noun: 'a replenishment run',
});

export const RUN_TRIGGERS = ['schedule', 'screen', 'cli', 'api', 'seed'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Days of order history a run reads (two years: two of each season). */
export const HISTORY_DAYS = 730;
/** Days of sales whose value ranks SKUs into A, B and C. */
export const ABC_DAYS = 365;
