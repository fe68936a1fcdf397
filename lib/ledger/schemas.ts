import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { zIntParam } from '@/lib/boundary';

export const ZAsOfQuery = z.object({
  as_of: z.string().refine(isValidIsoDate, 'Use a date as YYYY-MM-DD').optional(),
});

export const ZManualEntryInput = z.object({
  memo: z.string().trim().min(1, 'Describe the entry').max(300),
  lines: z
    .array(
      z.object({
        account: z.string().trim().min(1, 'Choose an account').max(20),
        debit: z.number().int('Use whole minor units').min(0).max(1_000_000_000).default(0),
        credit: z.number().int('Use whole minor units').min(0).max(1_000_000_000).default(0),
        memo: z.string().trim().max(200).optional(),
      }),
    )
    .min(2, 'An entry needs at least two lines')
    .max(50),
});
export type TManualEntryInput = z.input<typeof ZManualEntryInput>;

export const ZCreateAccountInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4,6}$/, 'Use a 4–6 digit account code'),
  name: z.string().trim().min(1, 'Name the account').max(120),
  type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense'], {
    error: 'Choose asset, liability, equity, revenue or expense',
  }),
});
export type TCreateAccountInput = z.input<typeof ZCreateAccountInput>;

export const ZReverseEntryInput = z.object({
  entry_id: z.uuid('Choose an entry to reverse'),
  reason: z.string().trim().min(1, 'Say why the entry is reversed').max(200),
});
export type TReverseEntryInput = z.input<typeof ZReverseEntryInput>;

/** The journal page's query string: `?source=manual&before=120`. */
export const ZJournalQuery = z.object({
  source: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  before: zIntParam({ min: 1, max: 2_147_483_647, message: 'Use an entry number' }).optional(),
});
