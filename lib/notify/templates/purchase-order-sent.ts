import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** A purchase order to a supplier, its PDF attached. */
export const purchaseOrderSent = defineTemplate({
  schema: z.object({
    supplier_name: z.string(),
    po_label: z.string(),
    revision: z.number().int().min(0),
    expected_at: z.string().nullable(),
    location_name: z.string(),
    lines: z.number().int().positive(),
    total: z.string(),
  }),
  render(data, { shopName }) {
    const text = [
      `Hello ${data.supplier_name},`,
      `Please find attached our purchase order ${data.po_label}` +
        `${data.revision ? ` (revision ${data.revision})` : ''}: ` +
        `${data.lines} ${data.lines === 1 ? 'line' : 'lines'}, ${data.total}, ` +
        `for delivery to ${data.location_name}${data.expected_at ? ` by ${data.expected_at}` : ''}.`,
      `Please quote ${data.po_label} on your delivery note and invoice, and tell us if anything ` +
        `cannot be delivered in full or on time.`,
      `Thank you, ${shopName}`,
    ].join('\n\n');
    return {
      subject: `Purchase order ${data.po_label} from ${shopName}`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
