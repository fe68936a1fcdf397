import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { zIntParam } from '@/lib/boundary';
import { PL_SECTIONS, SECTIONS_FOR_TYPE } from '@/lib/ledger/statements';

export const ZAsOfQuery = z.object({
  as_of: z.string().refine(isValidIsoDate, 'Use a date as YYYY-MM-DD').optional(),
});

export const ZManualEntryInput = z.object({
  /** The entry's day (shop time zone); default today. On or before a lock date → 409 PERIOD_LOCKED. */
  date: z.string().trim().refine(isValidIsoDate, 'Use a date as YYYY-MM-DD').optional(),
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

/** POST /api/v1/ledger/journal-entries: a manual entry whose date is required. */
export const ZManualEntryApiInput = ZManualEntryInput.extend({
  date: z
    .string({ error: 'date is required (YYYY-MM-DD)' })
    .trim()
    .refine(isValidIsoDate, 'Use a date as YYYY-MM-DD'),
}).strict();

export const ZCreateAccountInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{4,6}$/, 'Use a 4–6 digit account code'),
    name: z.string().trim().min(1, 'Name the account').max(120),
    type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense'], {
      error: 'Choose asset, liability, equity, revenue or expense',
    }),
    /** Where a revenue or expense account shows on the P&L; default revenue / operating expense. */
    statement_section: z
      .enum(PL_SECTIONS, { error: `Choose one of ${PL_SECTIONS.join(', ')}` })
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((a, ctx) => {
    if (!a.statement_section) return;
    if (a.type !== 'revenue' && a.type !== 'expense')
      ctx.addIssue({
        code: 'custom',
        path: ['statement_section'],
        message: 'Only revenue and expense accounts have a profit and loss section',
      });
    else if (!SECTIONS_FOR_TYPE[a.type].includes(a.statement_section))
      ctx.addIssue({
        code: 'custom',
        path: ['statement_section'],
        message: `A ${a.type} account goes in one of ${SECTIONS_FOR_TYPE[a.type].join(', ')}`,
      });
  });
export type TCreateAccountInput = z.input<typeof ZCreateAccountInput>;

export const ZReverseEntryInput = z.object({
  entry_id: z.uuid('Choose an entry to reverse'),
  reason: z.string().trim().min(1, 'Say why the entry is reversed').max(200),
});
export type TReverseEntryInput = z.input<typeof ZReverseEntryInput>;

const optionalDay = (field: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isValidIsoDate(v), `${field}: use a date as YYYY-MM-DD`);

/**
 * The journal page's query string: `?source=manual&before=120`, and the statements' drill-down:
 * `?account=4000&from=2026-01-01&to=2026-01-31` (entries with a line on that account, posted on
 * those shop-timezone days).
 */
export const ZJournalQuery = z.object({
  account: z
    .string()
    .trim()
    .regex(/^\d{4,6}$/, 'Use an account code')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  from: optionalDay('from'),
  to: optionalDay('to'),
  source: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  before: zIntParam({ min: 1, max: 2_147_483_647, message: 'Use an entry number' }).optional(),
  /** the oldest-first journal's cursor (`sort=number&dir=asc`) */
  after: zIntParam({ min: 1, max: 2_147_483_647, message: 'Use an entry number' }).optional(),
});

/** The journal export's query: `?source=` and `?format=accountant|xero` (lib/ledger/accountant-csv.ts). */
export const ZJournalExportQuery = ZJournalQuery.pick({ source: true }).extend({
  format: z
    .enum(['accountant', 'xero'], { error: 'Use format=accountant or format=xero' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
