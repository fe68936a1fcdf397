import { z } from 'zod';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '@/lib/support/rules';
import { UUID_PATTERN, zCursor, zIntParam } from '@/lib/boundary';

const ZEmail = z.string().trim().toLowerCase().email('Enter a valid email address').max(254);
const ZBody = z
  .string({ error: 'Write a message' })
  .trim()
  .min(1, 'Write a message')
  .max(20_000, 'At most 20,000 characters');
const ZTag = z.string().trim().min(1, 'A tag cannot be blank').max(40, 'At most 40 characters per tag');
const ZUuid = z.string().regex(UUID_PATTERN, 'Not a valid id');

/**
 * POST /api/v1/tickets (a contact form or an email bridge) and the staff "new ticket" form: the
 * customer is found by email (case-insensitive) or created; `order_number` must be one of theirs.
 */
export const ZCreateTicketInput = z
  .object({
    customer: z
      .object({ email: ZEmail, name: z.string().trim().min(1, 'Enter the customer name').max(120) })
      .strict(),
    subject: z
      .string({ error: 'Enter a subject' })
      .trim()
      .min(1, 'Enter a subject')
      .max(200, 'At most 200 characters'),
    body: ZBody,
    order_number: z
      .union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^#?\d+$/, 'Use the order number, e.g. 1042')
          .transform((s) => Number(s.replace('#', ''))),
      ])
      .pipe(
        z
          .number()
          .int('Use a whole order number')
          .positive('Use the order number, e.g. 1042')
          .max(2_147_483_647),
      )
      .optional(),
    channel: z.enum(TICKET_CHANNELS, { error: `Use one of: ${TICKET_CHANNELS.join(', ')}` }).default('web'),
    priority: z
      .enum(TICKET_PRIORITIES, { error: `Use one of: ${TICKET_PRIORITIES.join(', ')}` })
      .default('normal'),
    tags: z.array(ZTag).max(20).default([]),
  })
  .strict();
export type TCreateTicketInput = z.input<typeof ZCreateTicketInput>;

/**
 * POST /api/v1/tickets/{id}/messages: by default a message from the customer (email bridge);
 * `reply` and `note` let an integration post as the desk. `status` applies to a reply only.
 */
export const ZAddMessageInput = z
  .object({
    body: ZBody,
    kind: z.enum(['customer', 'reply', 'note'], { error: 'Use customer, reply or note' }).default('customer'),
    status: z.enum(TICKET_STATUSES, { error: `Use one of: ${TICKET_STATUSES.join(', ')}` }).optional(),
  })
  .strict();
export type TAddMessageInput = z.input<typeof ZAddMessageInput>;

export const TICKET_VIEWS = ['open', 'mine', 'unassigned', 'pending', 'at_risk', 'breached', 'all'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];
export const TICKET_SORTS = ['due', 'updated', 'newest', 'oldest', 'priority'] as const;
export type TicketSortValue = (typeof TICKET_SORTS)[number];

/**
 * The inbox and GET /api/v1/tickets. The API sorts by one value (TICKET_SORTS); the inbox page by its
 * headers' sort/dir (INBOX_SORT, decision 054). The cursor is opaque (a keyset position in its sort).
 */
export const ZTicketListQuery = z.object({
  view: z.enum(TICKET_VIEWS, { error: `Use one of: ${TICKET_VIEWS.join(', ')}` }).default('all'),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  /** a user id, or 'none' for unassigned */
  assignee: z.union([z.literal('none'), ZUuid]).optional(),
  tag: ZTag.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(TICKET_SORTS, { error: `Use one of: ${TICKET_SORTS.join(', ')}` }).default('due'),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 100 }).default(50),
});
export type TTicketListQuery = z.infer<typeof ZTicketListQuery>;

/** The ticket page's properties form: priority, assignee (blank = nobody), tags (comma-separated in the form). */
export const ZUpdateTicketInput = z
  .object({
    priority: z.enum(TICKET_PRIORITIES, { error: 'Choose a priority' }),
    assignee_id: z.union([z.literal(''), ZUuid]).transform((v) => v || null),
    tags: z.array(ZTag).max(20, 'At most 20 tags'),
  })
  .partial();
export type TUpdateTicketInput = z.input<typeof ZUpdateTicketInput>;

export const ZCannedReplyInput = z.object({
  name: z.string().trim().min(1, 'Name the reply').max(80, 'At most 80 characters'),
  body: z.string().trim().min(1, 'Write the reply').max(10_000, 'At most 10,000 characters'),
});
export type TCannedReplyInput = z.input<typeof ZCannedReplyInput>;

const ZMinutes = zIntParam({ min: 1, max: 525_600, message: 'Enter whole minutes (at most a year)' });
const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, e.g. 09:00')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

/** Support → SLA: one policy per priority and the clock's calendar. */
export const ZSlaSettingsInput = z
  .object({
    business_hours_only: z.boolean(),
    business_days: z.array(zIntParam({ min: 1, max: 7 })).min(1, 'Pick at least one day'),
    opens_at: ZClock,
    closes_at: ZClock,
    policies: z.object(
      Object.fromEntries(
        TICKET_PRIORITIES.map((p) => [
          p,
          z.object({ first_response_minutes: ZMinutes, resolution_minutes: ZMinutes }),
        ]),
      ) as Record<
        (typeof TICKET_PRIORITIES)[number],
        z.ZodObject<{ first_response_minutes: typeof ZMinutes; resolution_minutes: typeof ZMinutes }>
      >,
    ),
  })
  .superRefine((v, ctx) => {
    if (v.opens_at >= v.closes_at)
      ctx.addIssue({ code: 'custom', path: ['closes_at'], message: 'Must be after the opening time' });
    for (const p of TICKET_PRIORITIES) {
      const policy = v.policies[p];
      if (policy.resolution_minutes < policy.first_response_minutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['policies', p, 'resolution_minutes'],
          message: 'Cannot be shorter than the first response time',
        });
      }
    }
  });
export type TSlaSettingsInput = z.input<typeof ZSlaSettingsInput>;
