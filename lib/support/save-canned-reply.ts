import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { PLACEHOLDERS, renderPlaceholders } from '@/lib/support/rules';
import { ZCannedReplyInput, type TCannedReplyInput } from '@/lib/support/schemas';
import { isUuid } from '@/lib/boundary';

/**
 * Creates a canned reply, or updates one when `id` is given. A placeholder that does not exist is
 * refused here already (422 on `body`), so a typo never reaches a customer's ticket.
 */
export async function saveCannedReply(
  options: { id?: string; input: TCannedReplyInput; actor: Actor },
  tx?: Tx,
) {
  const input = ZCannedReplyInput.parse(options.input);
  const { unknown } = renderPlaceholders(input.body, {});
  if (unknown.length) {
    const names = unknown.map((n) => `{{${n}}}`).join(', ');
    throw new AppError('VALIDATION_FAILED', `Unknown placeholder ${names}`, [
      {
        field: 'body',
        message: `Unknown placeholder ${names}. Use one of: ${Object.keys(PLACEHOLDERS)
          .map((n) => `{{${n}}}`)
          .join(', ')}`,
      },
    ]);
  }
  const run = async (t: Tx) => {
    const clash = await t.cannedReply.findUnique({ where: { name: input.name }, select: { id: true } });
    if (clash && clash.id !== options.id)
      throw new AppError('VALIDATION_FAILED', 'A canned reply with that name exists', [
        { field: 'name', message: 'A canned reply with that name exists' },
      ]);
    if (options.id) {
      if (!isUuid(options.id)) throw new AppError('NOT_FOUND', 'That canned reply does not exist.');
      const before = await t.cannedReply.findUnique({
        where: { id: options.id },
        select: { name: true, body: true },
      });
      if (!before) throw new AppError('NOT_FOUND', 'That canned reply does not exist.');
      const row = await t.cannedReply.update({
        where: { id: options.id },
        data: input,
        select: { id: true, name: true },
      });
      await audit(t, {
        actor: options.actor,
        action: 'canned_reply.updated',
        entityType: 'canned_reply',
        entityId: row.id,
        before,
        after: input,
      });
      return row;
    }
    const row = await t.cannedReply.create({ data: input, select: { id: true, name: true } });
    await audit(t, {
      actor: options.actor,
      action: 'canned_reply.created',
      entityType: 'canned_reply',
      entityId: row.id,
      after: input,
    });
    return row;
  };
  return tx ? run(tx) : db.$transaction(run);
}
