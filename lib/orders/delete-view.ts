import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/boundary';

/** Deletes one of the user's own saved views; another user's view is NOT_FOUND, never deleted. */
export async function deleteView(
  options: { userId: string; viewId: string; actor: Actor },
  tx?: Tx,
): Promise<{ id: string; name: string }> {
  if (!options.userId) throw new AppError('FORBIDDEN', 'Only a signed-in user has saved views.');
  if (!isUuid(options.viewId)) throw new AppError('NOT_FOUND', 'That saved view does not exist.');
  const run = async (t: Tx) => {
    const view = await t.savedView.findFirst({
      where: { id: options.viewId, userId: options.userId },
      select: { id: true, name: true, query: true },
    });
    if (!view) throw new AppError('NOT_FOUND', 'That saved view does not exist.');
    await t.savedView.delete({ where: { id: view.id }, select: { id: true } });
    await audit(t, {
      actor: options.actor,
      action: 'saved_view.deleted',
      entityType: 'saved_view',
      entityId: view.id,
      before: { name: view.name, query: view.query },
    });
    return { id: view.id, name: view.name };
  };
  return tx ? run(tx) : db.$transaction(run);
}
