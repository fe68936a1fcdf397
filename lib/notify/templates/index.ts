import type { z } from 'zod';
import type { NotificationTemplateDefinition } from './define';
import { orderShipped } from './order-shipped';
import { returnApproved } from './return-approved';
import { returnRejected } from './return-rejected';
import { returnReceived } from './return-received';
import { refundIssued } from './refund-issued';
import { exchangeCreated } from './exchange-created';
import { ticketReply } from './ticket-reply';
import { purchaseOrderSent } from './purchase-order-sent';
import { webhookDisabled } from './webhook-disabled';
import { feedbackOrderSurvey, feedbackTicketSurvey } from './feedback-survey';
import { automationAlert } from './automation-alert';
import { replenishmentLowStock } from './replenishment-low-stock';

/** Every email Backroom sends (to customers, and purchase orders to suppliers), by template name (one file
 * each in this folder). */
export const TEMPLATES = {
  order_shipped: orderShipped,
  return_approved: returnApproved,
  return_rejected: returnRejected,
  return_received: returnReceived,
  refund_issued: refundIssued,
  exchange_created: exchangeCreated,
  ticket_reply: ticketReply,
  purchase_order_sent: purchaseOrderSent,
  webhook_disabled: webhookDisabled,
  feedback_order_survey: feedbackOrderSurvey,
  feedback_ticket_survey: feedbackTicketSurvey,
  automation_alert: automationAlert,
  replenishment_low_stock: replenishmentLowStock,
} satisfies Record<string, NotificationTemplateDefinition<z.ZodType>>;

export type NotificationTemplate = keyof typeof TEMPLATES;

export function isNotificationTemplate(name: string): name is NotificationTemplate {
  return Object.hasOwn(TEMPLATES, name);
}
