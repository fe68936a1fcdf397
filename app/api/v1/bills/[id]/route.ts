import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { billDetail } from '@/lib/purchasing/bill-queries';

export const GET = apiRoute({ scope: 'purchasing:read' }, async ({ params }) => {
  const found = await billDetail(String(params.id));
  if (!found) throw new AppError('NOT_FOUND', 'That bill does not exist.');
  return found;
});
