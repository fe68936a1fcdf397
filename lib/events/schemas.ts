import { z } from 'zod';
import { EVENT_TYPES, isEventType } from './rules';

export const ZEventsQuery = z.object({
  after: z.string().max(200).optional(),
  /** Comma-separated event types. */
  types: z
    .string()
    .max(2000)
    .optional()
    .transform((s, ctx) => {
      const list = (s ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = list.filter((t) => !isEventType(t));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown event type ${unknown.join(', ')}; use ${EVENT_TYPES.join(', ')}`,
        });
        return z.NEVER;
      }
      return list;
    }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TEventsQuery = z.infer<typeof ZEventsQuery>;
