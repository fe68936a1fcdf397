import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';

/** Adds a staff note to the order's timeline (the audit log is the timeline). */
export async function addOrderNote(options: { orderId: string; note: string; actor: Actor }) {
  const note = options.note.trim();
  if (!note)
    throw new AppError('VALIDATION_FAILED', 'Write a note', [{ field: 'note', message: 'Write a note' }]);
  if (note.length > 2000)
    throw new AppError('VALIDATION_FAILED', 'The note is too long', [
      { field: 'note', message: 'At most 2,000 characters' },
    ]);
  return db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: options.orderId }, select: { id: true } });
    if (!order) throw new AppError('NOT_FOUND', 'That order does not exist.');
    await audit(tx, {
      actor: options.actor,
      action: 'order.note_added',
      entityType: 'order',
      entityId: order.id,
      after: { note },
    });
    return { ok: true };
  });
}
