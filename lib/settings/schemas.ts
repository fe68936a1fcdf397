import { z } from 'zod';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isCurrency(value: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: value });
    return /^[A-Z]{3}$/.test(value);
  } catch {
    return false;
  }
}

/** PATCH /api/v1/settings and the Settings form: every field optional, unknown fields refused. */
export const ZUpdateSettingsInput = z
  .object({
    shop_name: z.string().trim().min(1, 'Enter the shop name').max(120),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'Use an ISO 4217 currency code such as USD or EUR'),
    timezone: z.string().trim().refine(isTimeZone, 'Use an IANA time zone such as America/New_York'),
    inventory_costing: z.enum(['fifo', 'average'], { error: 'Choose fifo or average' }),
    support_refund_limit: z.coerce
      .number({ error: 'Enter an amount in minor units' })
      .int('Use whole minor units (cents)')
      .min(0, 'Cannot be negative')
      .max(100_000_000, 'At most 100000000 (1,000,000.00)'),
    count_approval_limit: z.coerce
      .number({ error: 'Enter an amount in minor units' })
      .int('Use whole minor units (cents)')
      .min(0, 'Cannot be negative')
      .max(100_000_000, 'At most 100000000 (1,000,000.00)'),
    fraud_review_threshold: z.coerce.number().int().min(0).max(100),
    fulfilling_location: z.string().trim().min(1).max(40),
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
};
