import { sessionRoute } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { orderImport } from '@/lib/channels/queries';

/** The Imports screen polls this for its progress bar. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return sessionRoute('orders:import', async () => {
    const id = (await context.params).id;
    const found = isUuid(id) ? await orderImport(id) : null;
    if (!found) throw new AppError('NOT_FOUND', 'No such import.');
    return Response.json(found, { headers: { 'cache-control': 'no-store' } });
  })(request);
}
