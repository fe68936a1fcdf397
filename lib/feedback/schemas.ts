import { z } from 'zod';
import {
  isSafeText,
  TEXT_MESSAGE,
  zCursor,
  zDate,
  zIntParam,
  zTimestamp,
  zUuid,
  checkDateRange,
} from '@/lib/boundary';
import { CHANNELS, type Channel } from '@/lib/orders/schemas';
import { COMMENT_MAX, ORDER_RATING_MAX, ORDER_RATING_MIN } from './rules';

const RATING_MESSAGE = `Use a whole number from ${ORDER_RATING_MIN} to ${ORDER_RATING_MAX}`;

/** An order rating from JSON or a form: 1–5, a whole number (a form sends "4"). */
const zOrderRating = zIntParam({ min: ORDER_RATING_MIN, max: ORDER_RATING_MAX, message: RATING_MESSAGE });

/** An optional comment: no NUL or broken characters, at most COMMENT_MAX characters; blank → none. */
export const zComment = z
  .string({ error: 'Use text' })
  .refine(isSafeText, TEXT_MESSAGE)
  .transform((s) => s.trim())
  .pipe(z.string().max(COMMENT_MAX, `At most ${COMMENT_MAX} characters`))
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

/** The public delivery survey's answer (one order, from its signed link). */
export const ZOrderAnswerInput = z
  .object({
    rating: zOrderRating,
    comment: zComment,
    /** order line id → 1–5; lines left out are not rated */
    items: z.record(zUuid('Not a line of this order'), zOrderRating).optional(),
  })
  .strict();
export type TOrderAnswerInput = z.input<typeof ZOrderAnswerInput>;

/** The public support survey's answer. */
export const ZTicketAnswerInput = z
  .object({
    rating: z.enum(['good', 'bad'], { error: 'Choose good or bad' }),
    comment: zComment,
  })
  .strict();
export type TTicketAnswerInput = z.input<typeof ZTicketAnswerInput>;

/** POST /api/v1/feedback: an answer gathered elsewhere (a marketplace review import). */
export const ZImportFeedbackInput = z
  .object({
    order_id: zUuid().optional(),
    external_order_id: z
      .string({ error: 'Use the order id of the channel' })
      .refine(isSafeText, TEXT_MESSAGE)
      .pipe(z.string().trim().min(1, 'Cannot be empty').max(200, 'At most 200 characters'))
      .optional(),
    channel: z.enum(CHANNELS, { error: `Use one of: ${CHANNELS.join(', ')}` }),
    rating: z
      .number({ error: RATING_MESSAGE })
      .int(RATING_MESSAGE)
      .min(ORDER_RATING_MIN, RATING_MESSAGE)
      .max(ORDER_RATING_MAX, RATING_MESSAGE),
    comment: zComment,
    answered_at: zTimestamp(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const given = [v.order_id, v.external_order_id].filter((x) => x !== undefined).length;
    if (given !== 1)
      for (const field of given === 0 ? ['order_id'] : ['order_id', 'external_order_id'])
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'Give exactly one of order_id and external_order_id',
        });
  });
export type TImportFeedbackInput = z.input<typeof ZImportFeedbackInput>;

const ZRatingFilter = z.enum(['1', '2', '3', '4', '5', 'good', 'bad'], {
  error: 'Use 1–5 (delivery) or good / bad (support)',
});

const zSku = z
  .string()
  .refine(isSafeText, TEXT_MESSAGE)
  .pipe(z.string().trim().min(1).max(100, 'At most 100 characters'));
const zSlug = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'Use a theme slug such as sizing');

/** GET /api/v1/feedback and the inbox's filters. */
export const ZFeedbackListQuery = z
  .object({
    rating: ZRatingFilter.optional(),
    kind: z.enum(['order', 'ticket'], { error: 'Use order or ticket' }).optional(),
    channel: z.enum(CHANNELS, { error: `Use one of: ${CHANNELS.join(', ')}` }).optional(),
    sku: zSku.optional(),
    theme: zSlug.optional(),
    from: zDate().optional(),
    to: zDate().optional(),
    cursor: zCursor().optional(),
    limit: zIntParam({ min: 1, max: 200 }).default(50),
  })
  .superRefine((q, ctx) => checkDateRange(ctx, q, { maxDays: 5 * 366 }));
export type TFeedbackListQuery = z.infer<typeof ZFeedbackListQuery>;

/** The "What to fix" report's range: shop-timezone days, both included. */
export const ZWhatToFixQuery = z
  .object({ from: zDate(), to: zDate() })
  .superRefine((q, ctx) => checkDateRange(ctx, q, { maxDays: 5 * 366 }));
export type TWhatToFixQuery = z.infer<typeof ZWhatToFixQuery>;

/** Staff tags on an answer: theme slugs (the whole set). */
export const ZTagFeedbackInput = z.object({ answer_id: zUuid(), themes: z.array(zSlug).max(20) }).strict();

/** A staff reply to an answer: it becomes a ticket linked to the answer. */
export const ZReplyToFeedbackInput = z
  .object({
    answer_id: zUuid(),
    body: z
      .string({ error: 'Write the reply' })
      .refine(isSafeText, TEXT_MESSAGE)
      .pipe(z.string().trim().min(1, 'Write the reply').max(10_000, 'At most 10000 characters')),
  })
  .strict();

/** A theme of the editable list. */
export const ZThemeInput = z
  .object({
    id: zUuid().optional(),
    slug: zSlug,
    label: z
      .string({ error: 'Enter a label' })
      .refine(isSafeText, TEXT_MESSAGE)
      .pipe(z.string().trim().min(1, 'Enter a label').max(60, 'At most 60 characters')),
    /** comma-separated keywords that suggest the theme */
    keywords: z
      .string()
      .refine(isSafeText, TEXT_MESSAGE)
      .transform((s) =>
        s
          .split(',')
          .map((k) => k.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().max(40, 'Each keyword at most 40 characters')).max(50, 'At most 50 keywords')),
    archived: z.boolean().default(false),
  })
  .strict();

const zDelay = z
  .union([
    z.literal(''),
    zIntParam({ min: 0, max: 90, message: 'Use 0–90 days, or leave empty for no survey' }),
  ])
  .transform((v) => (v === '' ? null : v));

/** Settings → Feedback. */
export const ZFeedbackSettingsInput = z
  .object({
    delivery_delay_days: z.object(
      Object.fromEntries(CHANNELS.map((c) => [c, zDelay])) as Record<Channel, typeof zDelay>,
    ),
    ticket_surveys: z.boolean(),
    reopen_on_bad_rating: z.boolean(),
    daily_send_limit: zIntParam({ min: 0, max: 100_000 }),
    link_valid_days: zIntParam({ min: 1, max: 365 }),
  })
  .strict();
export type TFeedbackSettingsInput = z.input<typeof ZFeedbackSettingsInput>;
