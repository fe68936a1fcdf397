import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** "Your order is on its way": sent when a label is bought or a fulfilment made elsewhere is recorded. */
export const orderShipped = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    carrier: z.string().nullable(),
    service: z.string().nullable(),
    tracking_number: z.string().nullable(),
    tracking_url: z.string().nullable(),
    lines: z
      .array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive() }))
      .min(1),
    /** True when part of the order is still to come in a later parcel. */
    partial: z.boolean().default(false),
  }),
  render(data, { shopName }) {
    const items = data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n');
    const tracking = data.tracking_number
      ? `It travels ` +
        `with ${[data.carrier, data.service].filter(Boolean).join(' ') || 'our carrier'}, ` +
        `tracking number ${data.tracking_number}.${data.tracking_url ? `\nTrack it here: ${data.tracking_url}` : ''}`
      : 'It is on its way to you.';
    const text = [
      `Hello ${data.customer_name || 'there'},`,
      `Good news: ${data.partial ? 'part of your order' : 'your order'} #${data.order_number} has shipped.`,
      tracking,
      `In this parcel:\n${items}`,
      data.partial
        ? 'The rest of your order follows in a separate parcel; we will write again when it ships.'
        : '',
      `Thank you for shopping with ${shopName}.`,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      subject: `Your order #${data.order_number} has shipped`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
