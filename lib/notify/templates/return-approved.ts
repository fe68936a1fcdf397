import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "Your return is approved": what to send back, how, and the prepaid label when one was issued. */
export const returnApproved = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    return_number: z.number().int(),
    message: z.string().nullable(),
    lines: z
      .array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive() }))
      .min(1),
    label_url: z.string().nullable(),
    carrier: z.string().nullable(),
    tracking_number: z.string().nullable(),
  }),
  render(data, { shopName }) {
    const items = data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n');
    const label = data.label_url
      ? `Print your prepaid return label here: ${data.label_url}\nIt travels ` +
        `with ${data.carrier ?? 'our carrier'}, tracking ` +
        `number ${data.tracking_number}.`
      : 'Send the parcel to the address on your packing slip.';
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `Your return #${data.return_number} for order #${data.order_number} is approved.`,
      data.message ?? '',
      `Please pack these items, with the return number #${data.return_number} on a note inside:\n${items}`,
      label,
      'We will write again when your parcel arrives.',
      `Thank you, ${shopName}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      subject: `Return #${data.return_number} approved: how to send it back`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
