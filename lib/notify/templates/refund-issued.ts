import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "Your refund is on its way." */
export const refundIssued = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    refund_number: z.number().int(),
    amount: z.number().int().positive(),
    currency: z.string(),
    amount_formatted: z.string(),
    restocking_fee: z.number().int().default(0),
    shipping: z.number().int().default(0),
    /** the whole order has now been refunded */
    full: z.boolean().default(false),
  }),
  render(data, { shopName }) {
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `We have refunded ${data.amount_formatted} for order #${data.order_number} (refund ` +
        `#${data.refund_number}) to your original payment method.`,
      data.restocking_fee > 0 ? 'A restocking fee was kept as set out in our returns policy.' : '',
      'Depending on your bank it can take 3–10 business days to show on your statement.',
      `Thank you, ${shopName}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      subject: `Refund of ${data.amount_formatted} for order #${data.order_number}`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
