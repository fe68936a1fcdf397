import { csvResponse, sessionRoute } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { orderImport } from '@/lib/channels/queries';
import { importErrorsCsv } from '@/lib/channels/rules';

/** An import's errors by row and column, as CSV (the first 1,000; the screen says how many in all). */
export function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return sessionRoute('orders:import', async () => {
    const id = (await context.params).id;
    const found = isUuid(id) ? await orderImport(id) : null;
    if (!found) throw new AppError('NOT_FOUND', 'No such import.');
    return csvResponse(importErrorsCsv(found.errors), `import-${id.slice(0, 8)}-errors.csv`);
  })(request);
}
