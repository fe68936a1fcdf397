import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { replenishmentRun } from '@/lib/replenishment/queries';

export const GET = apiRoute({ scope: 'purchasing:read' }, async ({ params }) => {
  const run = await replenishmentRun(String(params.id));
  if (!run) throw new AppError('NOT_FOUND', 'That replenishment run does not exist.');
  return run;
});
