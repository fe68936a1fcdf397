import 'server-only';
import type { z } from 'zod';
import { AppError, errorBody, retryAfterSeconds, toAppError, validationError } from '@/lib/errors';
import { assertSafeText, isUuid } from '@/lib/boundary';
import { env } from '@/lib/env';
import { authenticateApiKey, type ApiKeyActor, type ApiKeyCheck } from '@/lib/auth/api-keys';
import {
  idempotencyRequest,
  runIdempotent,
  type IdempotencyRequest,
  type IdempotentResult,
} from '@/lib/idempotency';
import { db, type Tx } from '@/lib/db';
import type { Permission } from '@/lib/auth/permissions';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<TBody, TQuery> = {
  request: Request;
  /** For idempotent routes: the transaction the work must run in (it holds the key row). */
  tx: Tx;
  /** For `idempotent.inUseCase` routes: the key the use case records itself (null without a key). */
  idempotency: IdempotencyRequest | null;
  actor: ApiKeyActor;
  /**
   * For `keyCheckedInUseCase` routes: the key taken from the wrapper's cache, which the use case confirms
   * unrevoked with its own first statement (confirmApiKey); null when the database verified it just now.
   */
  keyCheck: ApiKeyCheck | null;
  body: TBody;
  query: TQuery;
  params: Record<string, string | string[]>;
};

type Options<TBodySchema extends z.ZodType | undefined, TQuerySchema extends z.ZodType | undefined> = {
  /** The scope the API key must carry; null lets any valid key in. */
  scope: Permission | null;
  /**
   * The handler's use case reads the key's revocation in its own first statement and confirms it
   * (`keyCheck`, lib/auth/api-keys.ts confirmApiKey), so a key the database verified in the last minute
   * is taken from the cache without a look-up of its own (the order intake; decision 056).
   */
  keyCheckedInUseCase?: boolean;
  body?: TBodySchema;
  /** An empty body is read as {} (e.g. POST /orders/{id}/cancel with no reason). */
  bodyOptional?: boolean;
  /** A larger body limit than API_MAX_BODY_BYTES for this route (POST /orders/batch). */
  maxBodyBytes?: number;
  query?: TQuerySchema;
  /**
   * The success status of a route that is not idempotent (default 200): 201 for a create that must not
   * replay (its answer holds a secret shown once), 204 for a delete (the handler returns nothing).
   */
  status?: 200 | 201 | 202 | 204;
  /**
   * A POST that creates or moves stock or money: honours `Idempotency-Key` (lib/idempotency.ts)
   * and answers with `status` (default 201). The handler must do its work in `tx`.
   */
  idempotent?: {
    status?: number;
    /**
     * The use case records the key itself, in the same atomic write as its work (order intake:
     * lib/orders/take-order.ts), and the handler returns an IdempotentResult. Saves the transaction
     * around the work; the guarantees are runIdempotent's.
     */
    inUseCase?: boolean;
  };
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** The JSON error response; a 503 carries `Retry-After` (seconds) from the error's details. */
export function jsonError(error: AppError, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  const retry = retryAfterSeconds(error);
  if (retry !== null && !all.has('retry-after')) all.set('retry-after', String(retry));
  return Response.json(errorBody(error), { status: error.status, headers: all });
}

/** Dynamic path segments named `id` or `…Id` / `…_id` are UUIDs: anything else names no record. */
const ID_PARAM = /(^id|Id|_id)$/;

/**
 * The input net every wrapper casts before a schema sees the request: NUL or a lone surrogate
 * anywhere in the query string, the path parameters or the JSON body is a 422 naming the field, and
 * a path id that is not a UUID is a 404 (it never reaches a PostgreSQL cast).
 */
export function checkRequestInput(input: {
  url: URL;
  params?: Record<string, string | string[]>;
  body?: unknown;
}): void {
  for (const [key, value] of input.url.searchParams) {
    assertSafeText(key, key);
    assertSafeText(value, key);
  }
  for (const [key, value] of Object.entries(input.params ?? {})) {
    assertSafeText(value, key);
    if (ID_PARAM.test(key) && !(Array.isArray(value) ? value.every(isUuid) : isUuid(value)))
      throw new AppError('NOT_FOUND', `No record has the ${key} "${String(value).slice(0, 64)}".`);
  }
  if (input.body !== undefined) assertSafeText(input.body);
}

/** Reads a JSON body, refusing oversized (413), non-JSON (415) and malformed (400) bodies. */
export async function readJsonBody(request: Request, maxBytes?: number): Promise<unknown> {
  const limit = maxBytes ?? env().API_MAX_BODY_BYTES;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit)
    throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > limit)
    throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
  if (!text.trim()) throw new AppError('BAD_REQUEST', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/**
 * The one wrapper for `/api/v1` route handlers: authenticates the API key, checks its scope, parses
 * the body and query with zod (422 naming the fields), runs the handler, and maps every error to the
 * JSON error shape. Unknown errors are logged and answered with a generic 500.
 */
export function apiRoute<
  TBodySchema extends z.ZodType | undefined = undefined,
  TQuerySchema extends z.ZodType | undefined = undefined,
>(
  options: Options<TBodySchema, TQuerySchema>,
  handler: (args: HandlerArgs<Infer<TBodySchema>, Infer<TQuerySchema>>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let actor: ApiKeyActor;
    let keyCheck: ApiKeyCheck | null = null;
    try {
      ({ actor, check: keyCheck } = await authenticateApiKey(
        request.headers.get('authorization'),
        options.scope,
        {
          cached: options.keyCheckedInUseCase,
        },
      ));
      const url = new URL(request.url);
      const params = (await context?.params) ?? {};
      checkRequestInput({ url, params });
      let query = undefined as Infer<TQuerySchema>;
      if (options.query) {
        const raw = Object.fromEntries(url.searchParams);
        const parsed = options.query.safeParse(raw);
        if (!parsed.success) throw validationError(parsed.error);
        query = parsed.data as Infer<TQuerySchema>;
      }
      let body = undefined as Infer<TBodySchema>;
      if (options.body) {
        const empty =
          options.bodyOptional &&
          !request.headers.get('content-type') &&
          Number(request.headers.get('content-length') ?? 0) === 0;
        const raw = empty ? {} : await readJsonBody(request, options.maxBodyBytes);
        checkRequestInput({ url, body: raw });
        const parsed = options.body.safeParse(raw);
        if (!parsed.success) throw validationError(parsed.error);
        body = parsed.data as Infer<TBodySchema>;
      }
      if (options.idempotent) {
        const keyed = {
          key: request.headers.get('idempotency-key'),
          scope: `${actor.id} ${request.method} ${url.pathname}`,
          request: body,
          status: options.idempotent.status ?? 201,
        };
        const outcome = options.idempotent.inUseCase
          ? ((await handler({
              request,
              actor,
              keyCheck,
              body,
              query,
              params,
              tx: db,
              idempotency: idempotencyRequest(keyed),
            })) as IdempotentResult)
          : await runIdempotent(keyed, (tx) =>
              handler({ request, actor, keyCheck, body, query, params, tx, idempotency: null }),
            );
        return Response.json(outcome.body, {
          status: outcome.status,
          headers: outcome.replayed ? { 'idempotent-replayed': 'true' } : undefined,
        });
      }
      const result = await handler({
        request,
        actor,
        keyCheck,
        body,
        query,
        params,
        tx: db,
        idempotency: null,
      });
      if (result instanceof Response) return result;
      if (options.status === 204) return new Response(null, { status: 204 });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (thrown) {
      // A request with a key from the cache that failed, perhaps before its use case confirmed the key: a
      // revoked key is answered 401 as before, not with what its body or state would have been answered.
      const error = keyCheck ? await unlessRevoked(request, options.scope, thrown) : thrown;
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL')
        console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, error);
      return jsonError(
        appError,
        appError.code === 'UNAUTHENTICATED'
          ? { 'www-authenticate': 'Bearer realm="backroom-api"' }
          : undefined,
      );
    }
  };
}

/** The error a request with a cached key failed with, or the 401 when its key is revoked by now. */
async function unlessRevoked(request: Request, scope: Permission | null, error: unknown): Promise<unknown> {
  if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return error;
  try {
    await authenticateApiKey(request.headers.get('authorization'), scope);
    return error;
  } catch (refused) {
    return refused instanceof AppError && refused.code === 'UNAUTHENTICATED' ? refused : error;
  }
}
