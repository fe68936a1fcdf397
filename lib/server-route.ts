import 'server-only';
import { toAppError } from '@/lib/errors';
import { checkRequestInput, jsonError } from '@/lib/api/handler';
import { requirePermission } from '@/lib/auth/require-permission';
import type { SessionUser } from '@/lib/auth/session';
import type { Permission } from '@/lib/auth/permissions';

/**
 * The wrapper for route handlers the signed-in app calls (CSV downloads and the like; the public API
 * uses lib/api/handler.ts). Checks the session user's permission itself and answers every error as
 * the JSON error shape: 401 not signed in, 403 not allowed, 422 bad query, 500 with a generic message
 * (the detail goes to the server log only).
 */
export function sessionRoute(
  permission: Permission | readonly Permission[],
  handler: (args: { request: Request; user: SessionUser }) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const user = await requirePermission(permission);
      const url = new URL(request.url);
      checkRequestInput({ url, params: pathSegments(url) });
      return await handler({ request, user });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL')
        console.error(`[route] ${request.method} ${new URL(request.url).pathname} failed`, error);
      return jsonError(appError);
    }
  };
}

/** The decoded path segments, numbered (the net checks them for NUL and lone surrogates too). */
function pathSegments(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  url.pathname.split('/').forEach((segment, i) => {
    try {
      out[`path.${i}`] = decodeURIComponent(segment);
    } catch {
      out[`path.${i}`] = '\u0000'; // a malformed escape is refused like a NUL
    }
  });
  return out;
}

/** A CSV download: text/csv, a file name, never cached (the numbers change with every entry). */
/** A downloaded file of another type (an XLSX workbook, a PDF). */
export function fileResponse(body: Uint8Array, filename: string, contentType: string): Response {
  return new Response(new Blob([body.slice()]), {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
