import 'server-only';
import { db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { mailConfig, smtpTransport, type MailTransport } from './mailer';
import { afterFailure, CLAIM_LOCK_MS, RETRY_BASE_MS } from './rules';

export type DeliverOptions = {
  /** Defaults to the SMTP server of SMTP_URL; nothing is sent when neither is given. */
  transport?: MailTransport;
  from?: string;
  now?: Date;
  limit?: number;
  retryBaseMs?: number;
  /** Only these messages (the notify.deliver job of one message). */
  messageIds?: string[];
};

export type DeliverResult = { sent: number; retrying: number; failed: number };

type Claimed = {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
};

/**
 * Sends what is due in the outbox: claims up to `limit` messages (`FOR UPDATE SKIP LOCKED`, so two
 * workers never take the same one), sends each over SMTP, then marks it sent or schedules the retry
 * (lib/notify/rules.ts). Returns counts for logs and tests.
 */
export async function deliverPendingNotifications(options: DeliverOptions = {}): Promise<DeliverResult> {
  const config = mailConfig();
  const transport = options.transport ?? (config ? smtpTransport(config) : null);
  if (!transport) return { sent: 0, retrying: 0, failed: 0 };
  const now = options.now ?? new Date();
  const from = options.from ?? config?.from ?? 'no-reply@backroom.test';
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { shopName: true } });
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE outbox_messages SET locked_until = ${new Date(now.getTime() + CLAIM_LOCK_MS)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_messages
      WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
        AND (${options.messageIds ?? null}::uuid[] IS NULL OR id = ANY(${options.messageIds ?? null}::uuid[]))
      ORDER BY next_attempt_at, created_at
      LIMIT ${options.limit ?? 20}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, text_body, html_body, attempts`;
  const result: DeliverResult = { sent: 0, retrying: 0, failed: 0 };
  const files = claimed.length
    ? await db.outboxAttachment.findMany({
        where: { messageId: { in: claimed.map((m) => m.id) } },
        select: { messageId: true, filename: true, contentType: true, content: true },
      })
    : [];
  for (const message of claimed) {
    try {
      const attachments = files
        .filter((f) => f.messageId === message.id)
        .map((f) => ({ filename: f.filename, contentType: f.contentType, content: Buffer.from(f.content) }));
      // nodemailer types the result of a generic transport as `any`; only its messageId is read.
      const info = (await transport.sendMail({
        from: { name: settings?.shopName ?? 'Backroom', address: from },
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        headers: { 'X-Backroom-Message-Id': message.id },
        ...(attachments.length ? { attachments } : {}),
      })) as { messageId?: unknown } | null;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          status: 'sent',
          sentAt: new Date(),
          lockedUntil: null,
          lastError: null,
          smtpMessageId: typeof info?.messageId === 'string' && info.messageId ? info.messageId : null,
        },
      });
      result.sent += 1;
    } catch (error) {
      const next = afterFailure(message.attempts, now, options.retryBaseMs ?? RETRY_BASE_MS);
      await db.$transaction(async (tx) => {
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: {
            status: next.status,
            lockedUntil: null,
            lastError: describeError(error),
            ...(next.status === 'pending' ? { nextAttemptAt: next.nextAttemptAt } : {}),
          },
        });
        // The retry's wake-up, due when the outbox's schedule says (the job queue's own retry is
        // for the job failing, not for the SMTP server refusing a message).
        if (next.status === 'pending')
          await enqueueJob(
            'notify.deliver',
            { messageId: message.id },
            { tx, startAfter: next.nextAttemptAt },
          );
      });
      result[next.status === 'pending' ? 'retrying' : 'failed'] += 1;
    }
  }
  return result;
}

/** The SMTP server's answer (e.g. "451 4.3.0 try again later"), short, without credentials. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/[^@\s]*@/g, '//***@').slice(0, 500);
}
