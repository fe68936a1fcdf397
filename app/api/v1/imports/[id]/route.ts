import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { orderImport } from '@/lib/channels/queries';

export const GET = apiRoute({ scope: 'orders:import' }, async ({ params }) => {
  const found = await orderImport(String(params.id));
  if (!found) throw new AppError('NOT_FOUND', 'No import has this id.');
  return found;
});
