import { labelled } from '@/lib/form-errors';
import { isValidIsoDate } from '@/lib/dates';
import { z } from 'zod';
import { checkLineTotals, zCursor, zIntParam } from '@/lib/boundary';

const ZCode = z.string().trim().min(1, 'Required').max(40);
const ZSku = z.string().trim().min(1, 'Enter a SKU').max(64);
/** A count of units: a whole number. */
const ZQuantity = z
  .number({ error: 'Enter a whole number of units' })
  .int('Use a whole number of units')
  .positive('Must be at least 1')
  .max(1_000_000);
/** Minor units (cents): a whole number, never a decimal amount. */
export const ZMinorUnits = z
  .number({ error: 'Enter an amount in minor units (cents)' })
  .int('Use whole minor units (cents), e.g. 1250 for 12.50');

export const ZReceiptInput = z
  .object({
    location: ZCode,
    reference: z.string().trim().max(120).optional(),
    kind: z.enum(['purchase', 'opening']).default('purchase'),
    /** The day the goods arrived (shop time zone), when recorded later; default today. Its entry is dated then. */
    received_on: z.string().trim().refine(isValidIsoDate, 'Use a date as YYYY-MM-DD').optional(),
    lines: z
      .array(
        z.object({
          sku: ZSku,
          quantity: ZQuantity,
          unit_cost: ZMinorUnits.min(0, 'A cost cannot be negative').max(100_000_000),
          bin: z.string().trim().max(40).optional(),
        }),
      )
      .min(1, 'Add at least one line')
      .max(2000),
  })
  .superRefine((r, ctx) => {
    checkLineTotals(
      ctx,
      r.lines.map((l) => ({ quantity: l.quantity, unit: l.unit_cost })),
      'unit_cost',
    );
  });
export type TReceiptInput = z.input<typeof ZReceiptInput>;

/**
 * Adjustment reasons and what each does to the buckets of a stock level:
 * - lost, theft, expired: sellable units leave (written off to shrinkage at cost)
 * - found: units appear (valued at the current cost; reverses shrinkage)
 * - correction, count: either way (shrinkage or its reverse)
 * - damaged, quarantine: sellable units move to that unsellable bucket (still owned, still valued)
 * - release_quarantine: quarantined units become sellable again
 * - scrap: damaged units are thrown away (written off)
 */
export const ADJUSTMENT_REASONS = [
  'lost',
  'theft',
  'expired',
  'found',
  'correction',
  'count',
  'damaged',
  'quarantine',
  'release_quarantine',
  'scrap',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
const NEGATIVE_ONLY: AdjustmentReason[] = ['lost', 'theft', 'expired', 'damaged', 'quarantine', 'scrap'];
const POSITIVE_ONLY: AdjustmentReason[] = ['found', 'release_quarantine'];

export const ZAdjustmentInput = z
  .object({
    location: ZCode,
    sku: ZSku,
    delta: labelled(
      z
        .number({ error: 'Enter the change in units, e.g. -2' })
        .int('Use a whole number of units')
        .refine((d) => d !== 0, 'Enter a change other than zero')
        .refine((d) => Math.abs(d) <= 1_000_000, 'Enter at most 1,000,000 units either way'),
      'Change in units',
    ),
    reason: z.enum(ADJUSTMENT_REASONS, { error: `Choose a reason: ${ADJUSTMENT_REASONS.join(', ')}` }),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (NEGATIVE_ONLY.includes(v.reason) && v.delta > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['delta'],
        message: `"${v.reason}" removes units: use a negative change`,
      });
    if (POSITIVE_ONLY.includes(v.reason) && v.delta < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['delta'],
        message: `"${v.reason}" adds units: use a positive change`,
      });
  });
export type TAdjustmentInput = z.input<typeof ZAdjustmentInput>;

export const ZTransferInput = z
  .object({
    from: ZCode,
    to: ZCode,
    note: z.string().trim().max(500).optional(),
    lines: z
      .array(z.object({ sku: ZSku, quantity: ZQuantity }))
      .min(1, 'Add at least one line')
      .max(2000),
  })
  .refine((v) => v.from !== v.to, { path: ['to'], message: 'Choose a different location to transfer to' });
export type TTransferInput = z.input<typeof ZTransferInput>;

export const ZMoveBinInput = z.object({
  location: ZCode,
  sku: ZSku,
  bin: z.string().trim().min(1, 'Choose a bin').max(40),
});
export type TMoveBinInput = z.input<typeof ZMoveBinInput>;

export const ZInventoryQuery = z.object({
  sku: z.string().trim().max(64).optional(),
  location: z.string().trim().max(40).optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 500 }).default(100),
});
