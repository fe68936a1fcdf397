import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { normalizeViewQuery } from '@/lib/orders/list-query';

/** How many views one person may keep: the list shows them all as links. */
export const MAX_SAVED_VIEWS = 30;

export const ZSaveViewInput = z.object({
  name: z.string().trim().min(1, 'Name the view').max(60, 'At most 60 characters'),
  query: z.string().max(1000),
});
export type TSaveViewInput = z.input<typeof ZSaveViewInput>;

export type SavedViewDto = { id: string; name: string; query: string };

/**
 * Saves the order list's current filters under a name for one user. The query is cleaned to the
 * list's known filters (never a page cursor), so the view always opens on its first page. Saving
 * under a name the user already has replaces that view's filters (a person re-saves to update it).
 */
export async function saveView(
  options: { userId: string; input: TSaveViewInput; actor: Actor },
  tx?: Tx,
): Promise<SavedViewDto & { replaced: boolean }> {
  const parsed = ZSaveViewInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const query = normalizeViewQuery(parsed.data.query);
  const name = parsed.data.name;
  const run = async (t: Tx) => {
    // Serialise one user's saves so the count check below cannot be raced past.
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved_views:${options.userId}`}))`;
    const existing = await t.savedView.findUnique({
      where: { userId_name: { userId: options.userId, name } },
      select: { id: true, query: true },
    });
    if (!existing && (await t.savedView.count({ where: { userId: options.userId } })) >= MAX_SAVED_VIEWS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `You can keep up to ${MAX_SAVED_VIEWS} saved views; delete one first.`,
        [{ field: 'name', message: `Up to ${MAX_SAVED_VIEWS} saved views` }],
      );
    }
    const row = existing
      ? await t.savedView.update({
          where: { id: existing.id },
          data: { query },
          select: { id: true, name: true, query: true },
        })
      : await t.savedView.create({
          data: { userId: options.userId, name, query },
          select: { id: true, name: true, query: true },
        });
    await audit(t, {
      actor: options.actor,
      action: existing ? 'saved_view.updated' : 'saved_view.created',
      entityType: 'saved_view',
      entityId: row.id,
      before: existing ? { query: existing.query } : undefined,
      after: { name, query },
    });
    return { ...row, replaced: !!existing };
  };
  return tx ? run(tx) : db.$transaction(run);
}
