import type { z } from 'zod';
import type { NotificationTemplateDefinition } from './define';
import { orderShipped } from './order-shipped';
import { ticketReply } from './ticket-reply';

/** Every customer email Backroom sends, by template name (one file each in this folder). */
export const TEMPLATES = {
  order_shipped: orderShipped,
  ticket_reply: ticketReply,
} satisfies Record<string, NotificationTemplateDefinition<z.ZodType>>;

export type NotificationTemplate = keyof typeof TEMPLATES;

export function isNotificationTemplate(name: string): name is NotificationTemplate {
  return Object.hasOwn(TEMPLATES, name);
}
