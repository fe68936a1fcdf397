import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '@/lib/events/rules';
import { actionFits, parseConditions, unknownPlaceholders, ACTION_TYPES } from './rules';

/** An object that refuses keys it does not name; the message names them ("unknown field colour"). */
function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : undefined,
  });
}

const ZText = (max: number, what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `At most ${max} characters`);

export const ZAction = z.discriminatedUnion(
  'type',
  [
    strict({
      type: z.literal('add_tag'),
      tag: ZText(40, 'a tag').regex(/^[a-z0-9][a-z0-9 _-]*$/i, 'Letters, digits, spaces, - and _'),
    }),
    strict({ type: z.literal('hold_order'), reason: ZText(200, 'the reason for the hold') }),
    strict({
      type: z.literal('set_ticket_priority'),
      priority: z.enum(['low', 'normal', 'high', 'urgent'], { error: 'Use low, normal, high or urgent' }),
    }),
    strict({
      type: z.literal('assign_ticket'),
      assignee_id: z.uuid({ error: 'Choose who takes the ticket' }),
    }),
    strict({ type: z.literal('approve_return'), message: z.string().trim().max(1000).optional() }),
    strict({
      type: z.literal('send_email'),
      /** An address, or every active admin / manager. */
      to: z.union(
        [z.enum(['admins', 'managers']), z.email({ error: 'an email address, admins or managers' })],
        {
          error: 'Use an email address, admins or managers',
        },
      ),
      subject: ZText(200, 'a subject'),
      body: ZText(4000, 'the message'),
    }),
    strict({ type: z.literal('create_draft_pos') }),
    strict({
      type: z.literal('call_webhook'),
      webhook_id: z.uuid({ error: 'Choose a webhook subscription' }),
    }),
  ],
  { error: `Unknown action type; use ${ACTION_TYPES.join(', ')}` },
);
export type TAction = z.infer<typeof ZAction>;

const ZEvent = z.enum(EVENT_TYPES, { error: `Unknown event type; use ${EVENT_TYPES.join(', ')}` });
const ZActions = z.array(ZAction).min(1, 'Add at least one action').max(10, 'At most 10 actions');

/** Checks the conditions and actions against the event type (the part zod alone cannot see). */
function checkAgainstEvent(
  v: { event?: EventType; conditions?: unknown; actions?: TAction[] },
  ctx: z.RefinementCtx,
) {
  if (!v.event) return;
  const event = v.event;
  if (v.conditions !== undefined)
    for (const issue of parseConditions(v.conditions, event).issues)
      ctx.addIssue({ code: 'custom', path: issue.field.split('.'), message: issue.message });
  v.actions?.forEach((action, i) => {
    if (!actionFits(action.type, event))
      ctx.addIssue({
        code: 'custom',
        path: ['actions', i, 'type'],
        message: `${action.type} cannot act on ${event} events`,
      });
    for (const [key, text] of Object.entries(action)) {
      if (key === 'type' || typeof text !== 'string') continue;
      const unknown = unknownPlaceholders(text, event);
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          path: ['actions', i, key],
          message: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}`,
        });
    }
  });
}

export const ZCreateRuleInput = strict({
  name: ZText(120, 'a name'),
  event: ZEvent,
  /** JSON Logic (lib/automation/rules.ts toJsonLogic); omitted: every event of the type matches. */
  conditions: z.unknown().default({ and: [] }),
  actions: ZActions,
  enabled: z.boolean().default(false),
  /** The template the rule started from (informational). */
  template: z.string().trim().max(60).optional(),
}).superRefine(checkAgainstEvent);
export type TCreateRuleInput = z.input<typeof ZCreateRuleInput>;

export const ZUpdateRuleInput = strict({
  name: ZText(120, 'a name').optional(),
  event: ZEvent.optional(),
  conditions: z.unknown().optional(),
  actions: ZActions.optional(),
  enabled: z.boolean().optional(),
}).refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  'send at least one of name, event, conditions, actions, enabled',
);
export type TUpdateRuleInput = z.input<typeof ZUpdateRuleInput>;

/** An update is checked again as a whole rule (merged with what is stored) by the use case. */
export const ZStoredRule = z
  .object({ event: ZEvent, conditions: z.unknown(), actions: ZActions })
  .superRefine(checkAgainstEvent);

export const ZDryRunInput = strict({
  /** How many of the latest events of the rule's type to try (default 50). */
  limit: z.number().int('a whole number').min(1, 'at least 1').max(500, 'at most 500').default(50),
});

export const ZRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
