import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** To managers: after a replenishment run, the SKUs at or below their reorder point (lib/replenishment). */
export const replenishmentLowStock = defineTemplate({
  schema: z.object({
    as_of: z.string(),
    count: z.number().int().positive(),
    lines: z
      .array(
        z.object({
          sku: z.string(),
          location: z.string(),
          position: z.number(),
          reorder_point: z.number(),
          suggested_quantity: z.number(),
          supplier: z.string(),
        }),
      )
      .min(1),
  }),
  render(data, { shopName }) {
    const subject = `${data.count} SKU${data.count === 1 ? '' : 's'} at or below the reorder point`;
    const rows = data.lines.map(
      (l) =>
        `- ${l.sku} at ${l.location}: position ${l.position} ≤ reorder point ${l.reorder_point}; ` +
        `suggested ${l.suggested_quantity} from ${l.supplier}`,
    );
    const more = data.count > data.lines.length ? [`… and ${data.count - data.lines.length} more.`] : [];
    const text = [
      `The replenishment run on history up to ${data.as_of} found ${subject.toLowerCase()}:`,
      rows.join('\n') + (more.length ? `\n${more[0]}` : ''),
      'Open Purchasing → Replenishment to turn the suggestions into draft purchase orders.',
      `— ${shopName}`,
    ].join('\n\n');
    return { subject, text, html: htmlFromText(text, shopName) };
  },
});
