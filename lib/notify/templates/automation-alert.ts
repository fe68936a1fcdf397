import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** To staff: the send_email action of an automation rule (lib/automation), its text filled in. */
export const automationAlert = defineTemplate({
  schema: z.object({
    rule: z.string(),
    subject: z.string(),
    body: z.string(),
  }),
  render(data, { shopName }) {
    const text = [data.body, `— ${shopName}, automation rule “${data.rule}”`].join('\n\n');
    return { subject: data.subject, text, html: htmlFromText(text, shopName) };
  },
});
