import 'server-only';
import type { z } from 'zod';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { TEMPLATES, type NotificationTemplate } from './templates';

export type EnqueueNotificationInput<T extends NotificationTemplate> = {
  template: T;
  /** The customer's address. */
  to: string;
  data: z.input<(typeof TEMPLATES)[T]['schema']>;
  orderId?: string;
  returnId?: string;
  ticketId?: string;
  purchaseOrderId?: string;
  /** Files sent with the message (a purchase order's PDF), stored with it so a resend sends the same bytes. */
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
  /** A replayed event with the same key queues nothing new and returns the first message. */
  dedupeKey?: string;
};

/**
 * Queues one customer email inside the caller's transaction (the outbox pattern): the message
 * exists exactly when the event does, and the worker sends it after commit. The message is
 * rendered now, so Settings → Outbox shows exactly what the customer gets.
 */
export async function enqueueNotification<T extends NotificationTemplate>(
  input: EnqueueNotificationInput<T>,
  tx: Tx,
): Promise<{ id: string }> {
  const template = TEMPLATES[input.template];
  const parsed = template.schema.safeParse(input.data);
  if (!parsed.success) {
    // A programming error in the calling use case, not bad user input: fail the whole event.
    throw new AppError(
      'INTERNAL',
      `notification ${input.template}: invalid data (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`,
    );
  }
  const to = input.to.trim();
  if (!to.includes('@'))
    throw new AppError('VALIDATION_FAILED', 'The customer has no email address to notify.', [
      { field: 'to', message: 'must be an email address' },
    ]);
  const settings = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { shopName: true } });
  const message = (
    template.render as (
      d: unknown,
      c: { shopName: string },
    ) => { subject: string; text: string; html: string }
  )(parsed.data, { shopName: settings?.shopName ?? 'Backroom' });
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbox_messages (template, to_address, subject, text_body, html_body, data,
      order_id, return_id, ticket_id, purchase_order_id, dedupe_key)
    VALUES (${input.template}, ${to}, ${message.subject}, ${message.text}, ${message.html},
      ${JSON.stringify(parsed.data)}::jsonb,
            ${input.orderId ?? null}::uuid, ${input.returnId ?? null}::uuid, ${input.ticketId ?? null}::uuid,
            ${input.purchaseOrderId ?? null}::uuid, ${input.dedupeKey ?? null})
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
  if (rows[0]) {
    if (input.attachments?.length)
      await tx.outboxAttachment.createMany({
        data: input.attachments.map((a) => ({
          messageId: rows[0].id,
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
    // Sent right after commit by the worker (lib/notify/deliver-job.ts); no commit, no job.
    await enqueueJob('notify.deliver', { messageId: rows[0].id }, { tx });
    return rows[0];
  }
  const existing = await tx.outboxMessage.findUniqueOrThrow({
    where: { dedupeKey: input.dedupeKey! },
    select: { id: true },
  });
  return existing;
}
