import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "We cannot accept this return", with the agent's reason. */
export const returnRejected = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    return_number: z.number().int(),
    message: z.string().min(1),
  }),
  render(data, { shopName }) {
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `We are sorry: we cannot accept return #${data.return_number} for order #${data.order_number}.`,
      data.message,
      'Reply to this email if you have any questions.',
      `${shopName}`,
    ].join('\n\n');
    return { subject: `About your return #${data.return_number}`, text, html: htmlFromText(text, shopName) };
  },
});
