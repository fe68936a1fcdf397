import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';

/** To the shop's admins: a webhook subscription was switched off after failing for days. */
export const webhookDisabled = defineTemplate({
  schema: z.object({
    url: z.string(),
    reason: z.string(),
    failing_since: z.string(),
  }),
  render(data, { shopName }) {
    const text = [
      'Hello,',
      `${shopName} has disabled the webhook to ${data.url}: ${data.reason} (failing since ${data.failing_since}).`,
      'No more events are sent to it. Fix the receiver, then enable it again under Settings → ' +
        'Webhooks; deliveries that failed can be retried there.',
      `— ${shopName}`,
    ].join('\n\n');
    return {
      subject: `Webhook disabled: ${data.url}`,
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
