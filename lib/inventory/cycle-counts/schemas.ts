import { z } from 'zod';
import { zDate, zCursor, zIntParam } from '@/lib/boundary';
import { CYCLE_COUNT_STATUSES } from '@/lib/inventory/cycle-counts/rules';

/** Codes typed in one box ("A-01-1, A-01-2" or one per line) or sent as a list. */
const ZCodeList = (what: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: `Enter ${what}s separated by commas` })
    .optional()
    .transform((v) =>
      typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : (v ?? []).map((x) => x.trim()),
    )
    .pipe(
      z
        .array(z.string().min(1, `Enter a ${what}`).max(64, `A ${what} has at most 64 characters`))
        .max(2000, `At most 2000 ${what}s`),
    );

export const ZCreateCycleCountInput = z.object({
  location: z.string({ error: 'Choose a location' }).trim().min(1, 'Choose a location').max(40),
  /** bin codes at the location; empty = every bin (and the SKUs without one) */
  bins: ZCodeList('bin code'),
  /** SKUs; empty = every SKU stocked at the location (within the bins) */
  skus: ZCodeList('SKU'),
  note: z.string().trim().max(500).optional(),
});
export type TCreateCycleCountInput = z.input<typeof ZCreateCycleCountInput>;

export const ZRecordCountsInput = z.object({
  lines: z
    .array(
      z.object({
        sku: z.string({ error: 'Enter a SKU' }).trim().min(1, 'Enter a SKU').max(64),
        counted: z
          .number({ error: 'Enter the number of units counted' })
          .int('Use a whole number of units')
          .min(0, 'A count cannot be negative')
          .max(1_000_000, 'Too large'),
      }),
    )
    .min(1, 'Count at least one line')
    .max(2000),
});
export type TRecordCountsInput = z.input<typeof ZRecordCountsInput>;

export const ZCycleCountListQuery = z.object({
  status: z
    .enum(CYCLE_COUNT_STATUSES, { error: `Status is one of ${CYCLE_COUNT_STATUSES.join(', ')}` })
    .optional(),
  /** completed in [completed_from, completed_to], shop-timezone days (the dashboard's drill-down) */
  completed_from: zDate('Use a date like 2026-11-29').optional(),
  completed_to: zDate('Use a date like 2026-11-29').optional(),
  /** awaiting_review: counting sheets with every line counted, waiting to be reviewed and completed */
  stage: z.enum(['awaiting_review'], { error: 'Stage is awaiting_review' }).optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TCycleCountListQuery = z.input<typeof ZCycleCountListQuery>;

/** API answers (OpenAPI). */
export const ZCreatedCycleCount = z.object({
  id: z.uuid(),
  number: z.number().int(),
  location: z.string(),
  scope_description: z.string(),
  lines: z.number().int(),
});
export const ZCycleCountRow = z.object({
  id: z.uuid(),
  number: z.number().int(),
  location: z.string(),
  status: z.enum(CYCLE_COUNT_STATUSES),
  scope_description: z.string(),
  lines: z.number().int(),
  lines_counted: z.number().int(),
  created_by: z.string(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
  completed_by: z.string().nullable(),
  expected: z.number().int().nullable().describe('Completed counts: Σ expected over counted lines'),
  abs_variance: z.number().int().nullable().describe('Completed counts: Σ |counted − expected|'),
  accuracy: z.number().nullable().describe('Completed counts: 1 − abs_variance ÷ expected'),
});
