import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { Actor } from '@/lib/auth/actor';

/**
 * Puts a failed (or already sent) message back in the queue, due now, with a fresh retry budget —
 * e.g. after the SMTP settings were fixed, or when a customer says the email never arrived.
 */
export async function resendNotification(options: { messageId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text FROM outbox_messages WHERE id = ${options.messageId}::uuid FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', 'That message does not exist.');
    if (row.status === 'pending')
      throw new AppError('INVALID_STATE', 'That message is already waiting to be sent.');
    await tx.outboxMessage.update({
      where: { id: row.id },
      data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null, lastError: null },
    });
    await enqueueJob('notify.deliver', { messageId: row.id }, { tx });
    await audit(tx, {
      actor: options.actor,
      action: 'notification.requeued',
      entityType: 'outbox_message',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'pending' },
    });
    return { id: row.id };
  });
}
