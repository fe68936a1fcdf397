import http from 'node:http';
import { AppError, errorBody } from '@/lib/errors';

/**
 * Methods the Fetch standard forbids: Next.js cannot even build a Request for them, so a TRACE used
 * to end in a 500 before any route, proxy or wrapper ran. The guard answers them at the HTTP server,
 * as a JSON 405 with `Allow` (decision 019). Installed once from instrumentation.ts.
 */
const FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);
export const GUARD_ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

const installed = Symbol.for('backroom.methodGuard');

export function answerForbiddenMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!FORBIDDEN_METHODS.has(String(req.method).toUpperCase())) return false;
  const body = JSON.stringify(
    errorBody(
      new AppError('METHOD_NOT_ALLOWED', `${req.method} is not supported.`, {
        allow: GUARD_ALLOW.split(', '),
      }),
    ),
  );
  res.writeHead(405, {
    'content-type': 'application/json',
    allow: GUARD_ALLOW,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}

/** Patches http.Server so every server in this process (Next's included) refuses these methods first. */
export function installMethodGuard(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  const emit = Reflect.get(proto, 'emit') as (this: http.Server, ...all: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (
      event === 'request' &&
      answerForbiddenMethod(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)
    )
      return true;
    return emit.apply(this, [event, ...args]);
  } as typeof proto.emit;
  proto[installed] = true;
}
