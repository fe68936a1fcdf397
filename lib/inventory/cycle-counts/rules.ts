import { stateMachine, statusLabels } from '@/lib/state-machine';
import { actorCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';

export const CYCLE_COUNT_STATUSES = ['draft', 'counting', 'completed', 'cancelled'] as const;
export type CycleCountStatus = (typeof CYCLE_COUNT_STATUSES)[number];

export const CYCLE_COUNT_STATUS_LABEL = statusLabels(CYCLE_COUNT_STATUSES);

/**
 * The moves of a count sheet (decision 017):
 * - start: the expected quantities are snapshotted (expected_at_start) and counting may begin;
 * - count: record (or re-record) a counted quantity: only while counting, the status stays;
 * - complete: post every variance as a count_correction and close the sheet;
 * - cancel: drop a sheet nobody will finish; nothing is posted.
 */
export const CYCLE_COUNT_TRANSITIONS = {
  start: { from: ['draft'], to: 'counting' },
  count: { from: ['counting'], to: 'counting' },
  complete: { from: ['counting'], to: 'completed' },
  cancel: { from: ['draft', 'counting'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly CycleCountStatus[]; to: CycleCountStatus }>;
export type CycleCountMove = keyof typeof CYCLE_COUNT_TRANSITIONS;

const cycleCountMachine = stateMachine<CycleCountStatus, typeof CYCLE_COUNT_TRANSITIONS>(
  CYCLE_COUNT_TRANSITIONS,
  { noun: 'a count', label: (s) => CYCLE_COUNT_STATUS_LABEL[s].toLowerCase() },
);
export const canMoveCycleCount = cycleCountMachine.can;
/** The status after a move; an illegal move is INVALID_STATE, never a silent no-op. */
export const nextCycleCountStatus = cycleCountMachine.next;

export function actorCanApproveCounts(actor: Actor): boolean {
  return actorCan(actor, 'inventory:approve_count');
}

/**
 * Above the shop's count approval limit of inventory value moved by one count (Σ |value| of its
 * corrections, minor units; Settings, default 100.00), only someone holding inventory:approve_count
 * (admin, manager) may complete it: a counter posts small corrections alone, large write-offs get a
 * second pair of eyes. Decision 017.
 */
export function needsCountApproval(absValue: number, canApprove: boolean, limit: number): boolean {
  return !canApprove && absValue > limit;
}

/** Variance of a counted line: positive = found units, negative = missing units. */
export const lineVariance = (counted: number, expected: number) => counted - expected;

/**
 * Inventory accuracy (docs/design.md): 1 − Σ|variance| ÷ Σ expected over the lines counted on the counts
 * completed in the range; null when nothing was expected (no count completed). Floored at 0: a count
 * that finds three times what was expected is 0 % accurate, not −200 %.
 */
export function inventoryAccuracy(absVariance: number, expected: number): number | null {
  if (expected <= 0) return absVariance > 0 ? 0 : null;
  return Math.max(0, 1 - absVariance / expected);
}

/**
 * The one-line scope of a count sheet, as lists show it: up to four codes named, a longer list as its
 * first and last code and how many ("Bins E-01-1 … E-08-3 (24 bins)"); nothing given is the whole location.
 */
export function countScopeDescription(bins: string[], skus: string[]): string {
  const part = (label: string, noun: string, codes: string[]) => {
    if (!codes.length) return null;
    if (codes.length <= 4) return `${label} ${codes.join(', ')}`;
    const sorted = [...codes].sort();
    return `${label} ${sorted[0]} … ${sorted[sorted.length - 1]} (${codes.length} ${noun})`;
  };
  return (
    [part('Bins', 'bins', bins), part('SKUs', 'SKUs', skus)].filter(Boolean).join('; ') || 'Whole location'
  );
}

/** The review's line filter: every line, or only those counted with a difference (?lines=differences). */
export const REVIEW_LINE_FILTERS = ['all', 'differences'] as const;
export type ReviewLineFilter = (typeof REVIEW_LINE_FILTERS)[number];

/** Whether a review line counts under the filter: "differences" keeps counted lines with a variance ≠ 0. */
export function reviewLineShown(line: { variance: number | null }, filter: ReviewLineFilter): boolean {
  return filter === 'all' || (line.variance !== null && line.variance !== 0);
}
