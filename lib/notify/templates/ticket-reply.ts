import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** An agent's public reply on a support ticket, emailed to the customer (lib/support/add-ticket-message.ts). */
export const ticketReply = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    ticket_number: z.number().int(),
    subject: z.string(),
    /** the reply as sent, placeholders already filled */
    body: z.string().min(1),
    agent_name: z.string(),
  }),
  render(data, { shopName }) {
    const text = [
      data.body.trim(),
      `— ${data.agent_name}, ${shopName} customer support`,
      `Reply to this email to answer; please keep "[#${data.ticket_number}]" in the subject so your ` +
        `message joins this conversation.`,
    ].join('\n\n');
    return {
      subject: `Re: ${data.subject} [#${data.ticket_number}]`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
