import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "Your return has arrived" (all of it, or part of it). */
export const returnReceived = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    return_number: z.number().int(),
    complete: z.boolean(),
    lines: z
      .array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive() }))
      .min(1),
  }),
  render(data, { shopName }) {
    const items = data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n');
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `We have received ${data.complete ? 'your return' : 'part of your return'} ` +
        `#${data.return_number} (order #${data.order_number}):\n${items}`,
      data.complete
        ? 'We are checking the items now and will settle your return shortly.'
        : 'We will write again when the rest arrives.',
      `Thank you, ${shopName}`,
    ].join('\n\n');
    return {
      subject: `We received your return #${data.return_number}`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
