import { z } from 'zod';
import { EVENT_TYPES } from '@/lib/events/rules';

const ZUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be an absolute http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

const ZEvents = z
  .array(
    z.enum(['*', ...EVENT_TYPES], { error: `Unknown event type; use '*' or: ${EVENT_TYPES.join(', ')}` }),
  )
  .min(1, 'name at least one event type, or "*"')
  .max(EVENT_TYPES.length + 1)
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]));

export const ZCreateWebhookInput = z.object({
  url: ZUrl,
  events: ZEvents,
  description: z.string().trim().max(500).nullish(),
});
export type TCreateWebhookInput = z.infer<typeof ZCreateWebhookInput>;

export const ZUpdateWebhookInput = z
  .object({
    url: ZUrl.optional(),
    events: ZEvents.optional(),
    description: z.string().trim().max(500).nullish(),
    /** true re-enables a subscription that was disabled (410 Gone or 5 days of failures). */
    enabled: z.boolean().optional(),
  })
  .refine(
    (v) => Object.values(v).some((x) => x !== undefined),
    'send at least one of url, events, description, enabled',
  );
export type TUpdateWebhookInput = z.infer<typeof ZUpdateWebhookInput>;

export const ZDeliveriesQuery = z.object({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZUuid = z.string().uuid('must be a UUID');
