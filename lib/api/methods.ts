import { openApiDocument } from '@/lib/api/openapi';
import { AppError, errorBody } from '@/lib/errors';

/**
 * The /api/v1 route table, read from the OpenAPI document (which tests/integration/api/openapi.test.ts
 * keeps equal to the route files' exports), so a new route is covered the moment it is described:
 * the proxy (proxy.ts) answers a wrong method on a known route with a JSON 405 and `Allow`, and an
 * unknown route with a JSON 404, before Next.js (whose 405 has an empty body, and whose TRACE is a 500).
 */
type Route = { pattern: RegExp; methods: string[]; literal: boolean };

let table: Route[] | undefined;

function routes(): Route[] {
  if (table) return table;
  const paths = openApiDocument().paths;
  table = Object.entries({ ...paths, '/api/v1/openapi.json': { get: {} } }).map(([template, ops]) => {
    const methods = Object.keys(ops).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    methods.push('OPTIONS');
    const source = template
      .split('/')
      .map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { pattern: new RegExp(`^${source}/?$`), methods, literal: !template.includes('{') };
  });
  return table;
}

/** The methods a path answers, or null when no /api/v1 route matches it. */
export function allowedMethods(pathname: string): string[] | null {
  let matching = routes().filter((r) => r.pattern.test(pathname));
  if (!matching.length) return null;
  // A literal path (/orders/batch) is its own route, not an id of the templated one (/orders/{id}), as in Next.
  if (matching.some((r) => r.literal)) matching = matching.filter((r) => r.literal);
  return [...new Set(matching.flatMap((r) => r.methods))];
}

/** The methods every page and other route of the app answers (server actions are POSTs). */
export const PAGE_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];
const STANDARD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function json(error: AppError, headers: Record<string, string> = {}): Response {
  return Response.json(errorBody(error), { status: error.status, headers });
}

/**
 * The answer for a request the routes cannot take (405 or 404 as JSON), or null to let it through.
 * Any method outside the standard ones (TRACE, CONNECT, made-up ones) is a 405 everywhere.
 */
export function methodGate(method: string, pathname: string): Response | null {
  const upper = method.toUpperCase();
  if (pathname === '/api/v1' || pathname.startsWith('/api/v1/')) {
    const allowed = allowedMethods(pathname);
    if (!allowed)
      return json(new AppError('NOT_FOUND', `No API route ${upper} ${pathname}. See /api/v1/openapi.json.`));
    if (!allowed.includes(upper))
      return json(
        new AppError(
          'METHOD_NOT_ALLOWED',
          `${pathname} does not answer ${upper}; use ${allowed.join(', ')}.`,
          {
            allow: allowed,
          },
        ),
        { allow: allowed.join(', ') },
      );
    return null;
  }
  if (!STANDARD_METHODS.has(upper))
    return json(
      new AppError('METHOD_NOT_ALLOWED', `${upper} is not supported; use ${PAGE_METHODS.join(', ')}.`, {
        allow: PAGE_METHODS,
      }),
      { allow: PAGE_METHODS.join(', ') },
    );
  return null;
}
