import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { returnDetail } from '@/lib/returns/queries';

export const GET = apiRoute({ scope: 'orders:read' }, async ({ params }) => {
  const found = await returnDetail(String(params.id));
  if (!found) throw new AppError('NOT_FOUND', 'That return does not exist.');
  return found;
});
