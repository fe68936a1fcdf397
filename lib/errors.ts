import { ZodError, type ZodType } from 'zod';

/** Every error code the app answers with, and the one HTTP status each maps to. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_STATE: 409,
  OUT_OF_STOCK: 409,
  DUPLICATE_ORDER: 409,
  /** A journal entry dated on or before a lock date (docs/decisions/036-lock-dates-in-the-database.md). */
  PERIOD_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** A request used up its database budget (statement or lock timeout, lib/db.ts). */
  TIMEOUT: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldIssue = { field: string; message: string };

/** The one error type of the app: a code from ERROR_STATUS, a message safe to show, details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** zod issues as `{ field: 'lines.0.sku', message }`, the shape clients and forms read. */
export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

export function validationError(error: ZodError, schema?: ZodType): AppError {
  const issues = fieldIssues(error);
  const names = [...new Set(issues.map((i) => i.field))].join(', ');
  const appError = new AppError('VALIDATION_FAILED', `Invalid ${names}`, issues);
  // The API answers with the keys above; a form re-words the failure for people from these
  // (lib/form-errors.ts, via runAction). Not enumerable: never serialised into an answer.
  Object.defineProperty(appError, 'zod', { value: { error, schema }, enumerable: false });
  return appError;
}

/** The zod failure (and its schema, when the caller gave it) behind a VALIDATION_FAILED error. */
export function zodFailureOf(error: AppError): { error: ZodError; schema?: ZodType } | undefined {
  return (error as AppError & { zod?: { error: ZodError; schema?: ZodType } }).zod;
}

type PrismaLikeError = { code?: unknown; meta?: { target?: unknown; modelName?: unknown } };

/**
 * The PostgreSQL SQLSTATE behind an error from Prisma's pg adapter, wherever it sits: a raw query's
 * P2010 carries it in meta.driverAdapterError.cause.originalCode, other paths in `cause`.
 */
export function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as {
      originalCode?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    const code = e.meta?.driverAdapterError?.cause?.originalCode ?? e.originalCode;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = e.cause;
  }
  return null;
}

/** Every message along an error's cause chain, joined (the database's message sits a few levels down). */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as { message?: unknown; originalMessage?: unknown; meta?: unknown; cause?: unknown };
    for (const m of [e.message, e.originalMessage]) if (typeof m === 'string') parts.push(m);
    if (e.meta) parts.push(JSON.stringify(e.meta));
    current = e.cause;
  }
  return parts.join('\n');
}

/** Seconds a client should wait before retrying a 503, or null for other errors. */
export function retryAfterSeconds(error: AppError): number | null {
  if (error.status !== 503) return null;
  const given = (error.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  return typeof given === 'number' && Number.isInteger(given) && given > 0 ? given : 1;
}

const BAD_VALUE_STATES: Record<string, string> = {
  '22003': 'A number is out of range',
  '22008': 'A date or time is out of range',
  '22007': 'A date or time has the wrong form',
  '22P02': 'A value has the wrong form',
  '22021': 'Text contains a character that cannot be stored',
  '22001': 'A text is too long',
};

/**
 * Turns anything thrown into an AppError. Known Prisma errors become 409/404; anything else is an
 * INTERNAL error whose detail must go to the server log only (see `toErrorBody`).
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  const code = (error as PrismaLikeError | null)?.code;
  if (code === 'P2002') {
    const target = (error as PrismaLikeError).meta?.target;
    return new AppError(
      'CONFLICT',
      'A record with the same unique value already exists',
      target ? { fields: target } : undefined,
    );
  }
  if (code === 'P2025') return new AppError('NOT_FOUND', 'The record was not found');
  // A foreign key that names nothing: a bad reference in the input, not a crash (use cases check the
  // references they take first; this is the net under them).
  if (code === 'P2003')
    return new AppError('VALIDATION_FAILED', 'A referenced record does not exist', [
      { field: '(body)', message: 'Refers to a record that does not exist' },
    ]);
  // The database is unreachable (restarting, failing over): a 503 to retry, not an internal error.
  if (code === 'P1001' || code === 'P1002' || code === 'P1017')
    return new AppError('UNAVAILABLE', 'The database is not reachable right now. Please retry shortly.', {
      retry_after_seconds: 5,
    });
  // No database connection free in time (a burst of requests): tell the client to retry.
  if (code === 'P2028' || code === 'P2024')
    return new AppError('UNAVAILABLE', 'The server is busy. Please retry in a moment.', {
      retry_after_seconds: 1,
    });
  // A number outside the column's range (e.g. an amount beyond 21 million in minor units).
  if (code === 'P2020')
    return new AppError('VALIDATION_FAILED', 'A number is too large', [
      { field: '(body)', message: 'A number is out of range' },
    ]);
  const state = sqlState(error);
  // The lock-date trigger on journal_entries (docs/decisions/036-lock-dates-in-the-database.md).
  if (state === 'BR001') {
    const lockedThrough = /PERIOD_LOCKED (\d{4}-\d{2}-\d{2})/.exec(errorText(error))?.[1] ?? null;
    return new AppError(
      'PERIOD_LOCKED',
      lockedThrough
        ? `The books are locked through ${lockedThrough}: nothing dated on or before it can be ` +
            `posted. Post the correction on a later date.`
        : 'The books are locked for that date. Post the correction on a later date.',
      { lock_date: lockedThrough },
    );
  }
  // The tax lock of a filed sales-tax period (docs/decisions/042-sales-tax-lines-and-filing.md).
  if (state === 'BR002') {
    const m = /TAX_FILED (\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})/.exec(errorText(error));
    return new AppError(
      'PERIOD_LOCKED',
      m
        ? `Sales tax for ${m[2]} to ${m[3]} is filed: nothing that changes tax can be dated ${m[1]}. ` +
            'Post the correction in the next open period.'
        : 'Sales tax for that date is filed. Post the correction in the next open period.',
      { date: m?.[1] ?? null, filed_from: m?.[2] ?? null, filed_to: m?.[3] ?? null },
    );
  }
  // The request's database budget ran out (statement_timeout, lock_timeout; lib/db.ts): a 503 to
  // retry, and only this caller pays for it.
  if (state === '57014' || state === '55P03' || state === '25P03')
    return new AppError('TIMEOUT', 'The request took longer than the server allows. Please retry shortly.', {
      retry_after_seconds: 1,
    });
  // A bad value that slipped past a schema and reached a cast or a column (the boundary primitives
  // of lib/boundary.ts refuse these first; this is the net under them).
  if (state && BAD_VALUE_STATES[state])
    return new AppError('VALIDATION_FAILED', BAD_VALUE_STATES[state], [
      { field: '(body)', message: BAD_VALUE_STATES[state] },
    ]);
  return new AppError(
    'INTERNAL',
    'Something went wrong on our side. Please try again; if it keeps happening, contact support.',
  );
}

/** The JSON error shape of the public API: `{ error: { code, message, details? } }`. */
export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}
