import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "Your replacement is on its way": the exchange order and how the price difference was settled. */
export const exchangeCreated = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    return_number: z.number().int(),
    replacement_order_number: z.number().int(),
    lines: z
      .array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive() }))
      .min(1),
    credit_formatted: z.string(),
    charged_formatted: z.string().nullable(),
    refunded_formatted: z.string().nullable(),
  }),
  render(data, { shopName }) {
    const items = data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n');
    const settle = data.charged_formatted
      ? `The items you sent back were worth ${data.credit_formatted}; the difference ` +
        `of ${data.charged_formatted} was charged to your payment method.`
      : data.refunded_formatted
        ? `The items you sent back were worth ${data.credit_formatted}; ` +
          `the ${data.refunded_formatted} left over is refunded to your payment method.`
        : `The items you sent back (${data.credit_formatted}) pay for the replacement in full.`;
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `For return #${data.return_number} (order #${data.order_number}) we have created replacement ` +
        `order #${data.replacement_order_number}:\n${items}`,
      settle,
      'We will email you the tracking number when it ships.',
      `Thank you, ${shopName}`,
    ].join('\n\n');
    return {
      subject: `Your exchange: replacement order #${data.replacement_order_number}`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
