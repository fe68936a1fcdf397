import type { NextRequest } from 'next/server';
import { methodGate } from '@/lib/api/methods';

/**
 * Every method and route answers JSON (decision 019): a wrong method on a known /api/v1 route is a
 * 405 with `Allow`, an unknown /api/v1 route a 404, and TRACE or any non-standard method a 405,
 * all in the error envelope. Everything else goes on to the app unchanged. Not an auth layer:
 * permissions are checked in every handler, action and page.
 */
export function proxy(request: NextRequest): Response | undefined {
  return methodGate(request.method, request.nextUrl.pathname) ?? undefined;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
