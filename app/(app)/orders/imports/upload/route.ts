import { sessionRoute } from '@/lib/server-route';
import { AppError, validationError } from '@/lib/errors';
import { userActor } from '@/lib/auth/session';
import { startOrderImport } from '@/lib/channels/start-order-import';
import { ZOrderImportQuery } from '@/lib/channels/schemas';

/**
 * The Imports screen uploads the file here as the request body (streamed into stored pieces, not
 * a server action's form: those hold the whole body in memory and cap its size).
 */
export const POST = sessionRoute('orders:import', async ({ request, user }) => {
  const parsed = ZOrderImportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  if (!request.body) throw new AppError('BAD_REQUEST', 'Choose a file to import.');
  const q = parsed.data;
  const started = await startOrderImport({
    format: q.format,
    mode: q.mode,
    channel: q.channel,
    dryRun: q.dry_run,
    validOnly: q.valid_only,
    fileName: q.file_name,
    actor: userActor(user),
    body: request.body,
  });
  return Response.json(started, { status: 202 });
});
