import { sessionRoute, csvResponse } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { userActor } from '@/lib/auth/session';
import { countReview } from '@/lib/inventory/cycle-counts/queries';
import { countCsv } from '@/lib/inventory/cycle-counts/csv';

/** GET /inventory/cycle-counts/{id}/export → the sheet with expected, counted, variance and value as CSV
 * (reviewers only). */
export const GET = sessionRoute('inventory:approve_count', async ({ request, user }) => {
  const id = new URL(request.url).pathname.split('/').at(-2) ?? '';
  const review = await countReview(id, userActor(user));
  if (!review) throw new AppError('NOT_FOUND', 'No such cycle count.');
  return csvResponse(countCsv(review), `cycle-count-${review.number}.csv`);
});
