import { AppError } from '@/lib/errors';
import { jsonError } from '@/lib/api/handler';

/** Any /api/v1 path without a handler: a JSON 404, never an HTML page. */
function notFound(request: Request) {
  return jsonError(
    new AppError(
      'NOT_FOUND',
      `No API route ${request.method} ${new URL(request.url).pathname}. See /api/v1/openapi.json.`,
    ),
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
