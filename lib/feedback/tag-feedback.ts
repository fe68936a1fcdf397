import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZTagFeedbackInput } from './schemas';

/** Sets an answer's theme tags (the whole set, by slug), audited with the set before and after. */
export async function tagFeedback(options: { input: unknown; actor: Actor }): Promise<{ themes: string[] }> {
  const input = ZTagFeedbackInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const answer = await tx.feedbackAnswer.findUnique({
      where: { id: input.answer_id },
      select: { id: true, themes: { select: { theme: { select: { slug: true } } } } },
    });
    if (!answer) throw new AppError('NOT_FOUND', 'That answer does not exist.');
    const slugs = [...new Set(input.themes)].sort();
    const themes = await tx.feedbackTheme.findMany({
      where: { slug: { in: slugs } },
      select: { id: true, slug: true },
    });
    const unknown = slugs.filter((s) => !themes.some((t) => t.slug === s));
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', 'Invalid themes', [
        { field: 'themes', message: `Unknown theme: ${unknown.join(', ')}` },
      ]);
    await tx.feedbackAnswerTheme.deleteMany({ where: { answerId: answer.id } });
    if (themes.length)
      await tx.feedbackAnswerTheme.createMany({
        data: themes.map((t) => ({ answerId: answer.id, themeId: t.id })),
      });
    await audit(tx, {
      actor: options.actor,
      action: 'feedback.tagged',
      entityType: 'feedback_answer',
      entityId: answer.id,
      before: { themes: answer.themes.map((t) => t.theme.slug).sort() },
      after: { themes: slugs },
    });
    return { themes: slugs };
  });
}
