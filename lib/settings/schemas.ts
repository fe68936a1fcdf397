import { z } from 'zod';
import { zBoolParam, zCurrency, zIntParam, zText } from '@/lib/boundary';
import { isValidIsoDate } from '@/lib/dates';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A lock date: a calendar date, or null (or '' from the form) to clear it. */
const lockDate = z
  .union([z.string().trim(), z.null()], { error: 'Use a date as YYYY-MM-DD, or null to clear it' })
  .transform((v) => (v === '' ? null : v))
  .refine((v) => v === null || isValidIsoDate(v), 'Use a date as YYYY-MM-DD, or null to clear it');

const limit = zIntParam({
  min: 0,
  max: 100_000_000,
  message: 'Enter an amount in whole minor units (cents), e.g. 10000',
});

/** PATCH /api/v1/settings and the Settings form: every field optional, unknown fields refused. */
export const ZUpdateSettingsInput = z
  .object({
    shop_name: zText({ max: 120, message: 'Enter the shop name' }),
    currency: zCurrency(),
    timezone: zText({ max: 64 }).refine(isTimeZone, 'Use an IANA time zone such as America/New_York'),
    inventory_costing: z.enum(['fifo', 'average'], { error: 'Choose fifo or average' }),
    support_refund_limit: limit,
    count_approval_limit: limit,
    fraud_review_threshold: zIntParam({ min: 0, max: 100, message: 'Enter a score from 0 to 100' }),
    fulfilling_location: zText({ max: 40 }),
    /** Nothing dated on or before it posts, except by an admin (docs/decisions/036-lock-dates-in-the-database.md). */
    lock_date: lockDate,
    /** Nothing dated on or before it posts, by anyone. */
    lock_date_all: lockDate,
    /** Ship on invoice: orders not paid in full skip the payment-due hold (decision 031). */
    ship_unpaid_orders: zBoolParam(),
    /** The month the fiscal year starts in, 1–12 (1 = the calendar year; decision 043). */
    fiscal_year_start_month: zIntParam({ min: 1, max: 12, message: 'Enter a month from 1 to 12' }),
    /** Who pays import duties on parcels leaving the shop's country (decision 040). */
    duties_terms: z.enum(['DDU', 'DDP'], { error: 'Choose DDU or DDP' }),
    /** Parcels worth up to this get a CN22, above it a CN23 and a commercial invoice (SDR 300 in the shop currency). */
    customs_cn22_limit: zIntParam({
      min: 1,
      max: 100_000_000,
      message: 'Enter an amount in whole minor units (cents), e.g. 40000',
    }),
  })
  .partial()
  .strict();
export type TUpdateSettingsInput = z.infer<typeof ZUpdateSettingsInput>;

export type SettingsDto = {
  shop_name: string;
  currency: string;
  timezone: string;
  inventory_costing: 'fifo' | 'average';
  support_refund_limit: number;
  count_approval_limit: number;
  fraud_review_threshold: number;
  fulfilling_location: string | null;
  lock_date: string | null;
  lock_date_all: string | null;
  ship_unpaid_orders: boolean;
  fiscal_year_start_month: number;
  duties_terms: 'DDU' | 'DDP';
  customs_cn22_limit: number;
};

/** The operational limits a manager may edit (`settings:operations`, decision 032): a part of the settings. */
export const ZUpdateOperationsInput = ZUpdateSettingsInput.pick({
  support_refund_limit: true,
  count_approval_limit: true,
  fraud_review_threshold: true,
}).strict();
export type TUpdateOperationsInput = z.infer<typeof ZUpdateOperationsInput>;
