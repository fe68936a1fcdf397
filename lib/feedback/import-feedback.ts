import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZImportFeedbackInput, type TImportFeedbackInput } from './schemas';
import { answerFacts, recordFeedbackFacts } from './kpi-facts';
import { feedbackAnswerDto, type FeedbackAnswerDto } from './queries';

/**
 * POST /api/v1/feedback: records an answer gathered elsewhere (a marketplace review import) for an
 * order named by its id or by the channel's order id. Idempotent by nature: one imported answer per
 * order (import_key), so a repeated import with the same rating, comment and time returns the first
 * answer and counts nothing twice (also when two race: the insert does nothing on the key); the same
 * order with a different answer is a 409. The order must have come through `channel`.
 */
export async function importFeedback(
  options: { input: TImportFeedbackInput; actor: Actor },
  tx?: Tx,
): Promise<FeedbackAnswerDto & { replayed: boolean }> {
  const input = ZImportFeedbackInput.parse(options.input);
  const run = async (t: Tx) => {
    const order = input.order_id
      ? await t.order.findUnique({
          where: { id: input.order_id },
          select: { id: true, channel: true, customerId: true },
        })
      : await t.order.findUnique({
          where: { channel_externalId: { channel: input.channel, externalId: input.external_order_id! } },
          select: { id: true, channel: true, customerId: true },
        });
    const field = input.order_id ? 'order_id' : 'external_order_id';
    if (!order)
      throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, [{ field, message: 'No such order' }]);
    if (order.channel !== input.channel)
      throw new AppError('VALIDATION_FAILED', 'Invalid channel', [
        { field: 'channel', message: `The order came through ${order.channel}` },
      ]);
    const answeredAt = new Date(input.answered_at);
    const comment = input.comment ?? null;
    const inserted = await t.$queryRaw<{ id: string }[]>`
      INSERT INTO feedback_answers (kind, order_id, customer_id, channel, rating, comment, source,
        import_key, answered_at)
      VALUES ('order', ${order.id}::uuid, ${order.customerId}::uuid, ${order.channel},
        ${input.rating}, ${comment}, 'import', ${`import:${order.id}`}, ${answeredAt})
      ON CONFLICT (import_key) DO NOTHING RETURNING id::text`;
    if (!inserted[0]) {
      const first = await t.feedbackAnswer.findUniqueOrThrow({
        where: { importKey: `import:${order.id}` },
        select: { id: true, rating: true, comment: true, answeredAt: true },
      });
      if (
        first.rating !== input.rating ||
        first.comment !== comment ||
        first.answeredAt.getTime() !== answeredAt.getTime()
      )
        throw new AppError('CONFLICT', 'This order already has an imported answer with other values.', {
          answer_id: first.id,
        });
      return { ...(await feedbackAnswerDto(first.id, t))!, replayed: true };
    }
    const id = inserted[0].id;
    await recordFeedbackFacts(
      t,
      answerFacts({
        kind: 'order',
        channel: order.channel,
        rating: input.rating,
        answeredAt,
        surveySentAt: null,
      }),
    );
    await audit(t, {
      actor: options.actor,
      action: 'feedback.imported',
      entityType: 'order',
      entityId: order.id,
      after: { answer_id: id, rating: input.rating, comment, answered_at: answeredAt.toISOString() },
    });
    return { ...(await feedbackAnswerDto(id, t))!, replayed: false };
  };
  return tx ? run(tx) : db.$transaction(run);
}
