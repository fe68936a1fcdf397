import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { startOrderImport } from '@/lib/channels/start-order-import';
import { ZOrderImportQuery } from '@/lib/channels/schemas';

// The CSV is the body (text/csv), stored in pieces as it arrives; the job does the rest (decision 028).
export const POST = apiRoute(
  { scope: 'orders:import', query: ZOrderImportQuery, status: 202 },
  async ({ request, query, actor }) => {
    const type = request.headers.get('content-type') ?? '';
    if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type))
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the file as the body with "Content-Type: text/csv".',
      );
    if (!request.body)
      throw new AppError('BAD_REQUEST', 'The file is empty; send the CSV as the request body.');
    return startOrderImport({
      format: query.format,
      mode: query.mode,
      channel: query.channel,
      dryRun: query.dry_run,
      validOnly: query.valid_only,
      fileName: query.file_name,
      actor,
      body: request.body,
    });
  },
);
