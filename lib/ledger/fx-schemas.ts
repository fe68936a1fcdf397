import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { zCurrency } from '@/lib/boundary';
import { parseRate } from '@/lib/ledger/fx';

const day = (message = 'Use a date as YYYY-MM-DD') => z.string().trim().refine(isValidIsoDate, message);

/** A rate as a decimal string: units of the shop's currency per one unit of `currency`. */
export const ZRateText = z
  .string({ error: 'Give the rate as a decimal string, e.g. "1.0842"' })
  .trim()
  .refine(
    (v) => parseRate(v) !== null,
    'Use a positive decimal such as 1.0842 (at most 10 digits each side)',
  );

export const ZFxRateInput = z.object({
  date: day(),
  currency: zCurrency(),
  rate: ZRateText,
});

/** POST /api/v1/fx-rates: up to 5,000 rates; a rate for a (currency, date) already held replaces it. */
export const ZSaveFxRatesInput = z
  .object({ rates: z.array(ZFxRateInput).min(1, 'Give at least one rate').max(5000) })
  .strict();
export type TSaveFxRatesInput = z.input<typeof ZSaveFxRatesInput>;

/** GET /api/v1/fx-rates?currency=&from=&to= (all optional; newest first, at most 1,000). */
export const ZFxRatesQuery = z
  .object({
    currency: zCurrency().optional(),
    from: day('from: use a date as YYYY-MM-DD').optional(),
    to: day('to: use a date as YYYY-MM-DD').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be on or before to' });
  });
export type TFxRatesQuery = z.infer<typeof ZFxRatesQuery>;

export type FxRateDto = { date: string; currency: string; rate: string; source: string };

/**
 * POST /api/v1/ledger/payouts: a payout of the processor balance into the bank. `amount` is what
 * left the processor, in `currency`'s minor units; `bank_amount` what reached the bank in the shop's
 * currency (default: amount at the rate of `date`). In the shop's currency bank_amount = amount.
 */
export const ZRecordPayoutInput = z
  .object({
    reference: z.string().trim().min(1, 'Give the payout reference (e.g. po_1Q2…)').max(200),
    date: day(),
    currency: zCurrency(),
    amount: z.number().int('Whole minor units').positive('Must be more than zero').max(100_000_000_000),
    bank_amount: z
      .number()
      .int('Whole minor units')
      .positive('Must be more than zero')
      .max(100_000_000_000)
      .optional(),
  })
  .strict();
export type TRecordPayoutInput = z.input<typeof ZRecordPayoutInput>;

/** A month to revalue, 'YYYY-MM' (shop time zone). */
export const ZRevaluationInput = z
  .object({
    period: z
      .string()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM'),
  })
  .strict();
export type TRevaluationInput = z.input<typeof ZRevaluationInput>;
