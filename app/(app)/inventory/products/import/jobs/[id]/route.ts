import { sessionRoute } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { importJobDetail } from '@/lib/catalog/queries';

/** The import page polls this for its progress bar: the job as the user who started it sees it. */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return sessionRoute('inventory:adjust', async ({ user }) => {
    const job = await importJobDetail((await context.params).id, user.id);
    if (!job) throw new AppError('NOT_FOUND', 'No such import.');
    return Response.json(job, { headers: { 'cache-control': 'no-store' } });
  })(request);
}
