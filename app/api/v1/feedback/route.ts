import { apiRoute } from '@/lib/api/handler';
import { importFeedback } from '@/lib/feedback/import-feedback';
import { feedbackList } from '@/lib/feedback/queries';
import { ZFeedbackListQuery, ZImportFeedbackInput } from '@/lib/feedback/schemas';

/** Answers newest first: rating, sku, theme, from/to, kind, channel; cursor pages. */
export const GET = apiRoute({ scope: 'feedback:read', query: ZFeedbackListQuery }, async ({ query }) => {
  const { data, next_cursor } = await feedbackList(query);
  return {
    data: data.map(({ id, kind, rating, comment, themes, order_id, ticket_id, skus, answered_at }) => ({
      id,
      kind,
      rating,
      comment,
      themes,
      ...(order_id ? { order_id } : {}),
      ...(ticket_id ? { ticket_id } : {}),
      skus,
      answered_at,
    })),
    next_cursor,
  };
});

/** An answer gathered elsewhere (a marketplace review import); one per order, a replay returns it. */
export const POST = apiRoute(
  { scope: 'feedback:write', body: ZImportFeedbackInput, idempotent: {} },
  async ({ body, actor, tx }) => {
    const { replayed: _replayed, ...answer } = await importFeedback({ input: body, actor }, tx);
    return answer;
  },
);
