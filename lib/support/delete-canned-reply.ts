import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/boundary';

/** Deletes a canned reply. Replies already sent keep their text: the thread stores what was sent. */
export async function deleteCannedReply(options: { id: string; actor: Actor }) {
  if (!isUuid(options.id)) throw new AppError('NOT_FOUND', 'That canned reply does not exist.');
  return db.$transaction(async (tx) => {
    const before = await tx.cannedReply.findUnique({
      where: { id: options.id },
      select: { id: true, name: true, body: true },
    });
    if (!before) throw new AppError('NOT_FOUND', 'That canned reply does not exist.');
    await tx.cannedReply.delete({ where: { id: options.id } });
    await audit(tx, {
      actor: options.actor,
      action: 'canned_reply.deleted',
      entityType: 'canned_reply',
      entityId: before.id,
      before,
    });
    return { id: before.id, name: before.name };
  });
}
