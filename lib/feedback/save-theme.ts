import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZThemeInput } from './schemas';

/**
 * Creates or edits a theme of the editable list (slug, label, keywords that suggest it); archiving
 * hides it from tagging and suggestions but keeps the tags already made. A slug in use → 409.
 */
export async function saveTheme(options: { input: unknown; actor: Actor }): Promise<{ id: string }> {
  const input = ZThemeInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const data = {
      slug: input.slug,
      label: input.label,
      keywords: input.keywords,
      archivedAt: input.archived ? new Date() : null,
    };
    const before = input.id ? await tx.feedbackTheme.findUnique({ where: { id: input.id } }) : null;
    if (input.id && !before) throw new AppError('NOT_FOUND', 'That theme does not exist.');
    const clash = await tx.feedbackTheme.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== input.id)
      throw new AppError('VALIDATION_FAILED', 'Invalid slug', [
        { field: 'slug', message: 'Another theme has this slug' },
      ]);
    const theme = before
      ? await tx.feedbackTheme.update({
          where: { id: before.id },
          data: { ...data, archivedAt: input.archived ? (before.archivedAt ?? new Date()) : null },
        })
      : await tx.feedbackTheme.create({ data });
    await audit(tx, {
      actor: options.actor,
      action: before ? 'feedback_theme.updated' : 'feedback_theme.created',
      entityType: 'feedback_theme',
      entityId: theme.id,
      before: before ? { slug: before.slug, label: before.label, keywords: before.keywords } : undefined,
      after: { slug: theme.slug, label: theme.label, keywords: theme.keywords, archived: !!theme.archivedAt },
    });
    return { id: theme.id };
  });
}
