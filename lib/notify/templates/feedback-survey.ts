import { z } from 'zod';
import { defineTemplate, htmlFromText } from './define';
import { ORDER_RATING_LABELS, SURVEY_SUBJECTS } from '@/lib/feedback/rules';

/** "How was your order?" after delivery (lib/feedback/send-due-surveys.ts): a signed link per rating. */
export const feedbackOrderSurvey = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    order_number: z.number().int(),
    items: z.array(z.string()),
    /** rating 1…5 → its signed link */
    rating_urls: z.array(z.string().url()).length(5),
    unsubscribe_url: z.string().url(),
    expires_on: z.string(),
  }),
  render(data, { shopName }) {
    const text = [
      `Hi ${data.customer_name},`,
      `Your order #${data.order_number} (${data.items.join(', ')}) was delivered a few days ago. ` +
        `How was it? One click is enough:`,
      data.rating_urls.map((url, i) => `${i + 1} — ${ORDER_RATING_LABELS[i + 1]}: ${url}`).join('\n'),
      `You can add a comment and rate each item on the page that opens. The links work until ${data.expires_on}.`,
      `Thank you — ${shopName}`,
      `No more of these questions: ${data.unsubscribe_url}`,
    ].join('\n\n');
    return {
      subject: SURVEY_SUBJECTS.order(data.order_number),
      text,
      html: htmlFromText(text, shopName),
    };
  },
});

/** "How did we do?" after a ticket is solved: good / bad, each a signed link. */
export const feedbackTicketSurvey = defineTemplate({
  schema: z.object({
    customer_name: z.string(),
    ticket_number: z.number().int(),
    subject: z.string(),
    good_url: z.string().url(),
    bad_url: z.string().url(),
    unsubscribe_url: z.string().url(),
    expires_on: z.string(),
  }),
  render(data, { shopName }) {
    const text = [
      `Hi ${data.customer_name},`,
      `We marked your request "${data.subject}" [#${data.ticket_number}] as solved. How did we do?`,
      `Good: ${data.good_url}\nBad: ${data.bad_url}`,
      `You can add a comment on the page that opens. The links work until ${data.expires_on}.`,
      `Thank you — ${shopName} customer support`,
      `No more of these questions: ${data.unsubscribe_url}`,
    ].join('\n\n');
    return {
      subject: SURVEY_SUBJECTS.ticket(data.ticket_number),
      text,
      html: htmlFromText(text, shopName),
    };
  },
});
