import { z } from 'zod';

/** What every message knows besides its own data. */
export type MessageContext = { shopName: string };

export type RenderedMessage = { subject: string; text: string; html: string };

export type NotificationTemplateDefinition<S extends z.ZodType> = {
  /** The data the template needs; checked when the message is queued, so a bad call fails in the event's
   * transaction. */
  schema: S;
  render: (data: z.infer<S>, context: MessageContext) => RenderedMessage;
};

export function defineTemplate<S extends z.ZodType>(
  definition: NotificationTemplateDefinition<S>,
): NotificationTemplateDefinition<S> {
  return definition;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML; every value from data goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * The plain-text body as a simple HTML document: paragraphs split on blank lines, lines kept,
 * links made clickable. One layout for every template, so text and HTML always say the same.
 */
export function htmlFromText(text: string, shopName: string): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/\n/g, '<br>')
          .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`,
    )
    .join('\n');
  return (
    `<!doctype html><html><body ` +
    `style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1e293b">\n${paragraphs}\n<p ` +
    `style="color:#64748b;font-size:13px">${escapeHtml(shopName)}</p>\n</body></html>`
  );
}
