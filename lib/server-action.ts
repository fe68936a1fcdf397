import 'server-only';
import type { z } from 'zod';
import { AppError, toAppError, validationError, type FieldIssue } from '@/lib/errors';
import { isSafeText, TEXT_MESSAGE } from '@/lib/boundary';

/** What a server action hands back to its form. */
export type ActionState<T = undefined> =
  | { ok: true; message: string; data?: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string> }
  | null;

/**
 * Runs a server action's use case and turns any error into a state the form shows: field errors
 * under their inputs, anything else as one message. Unknown errors are logged, never shown.
 */
export async function runAction<T>(
  work: () => Promise<{ message: string; data?: T }>,
): Promise<ActionState<T>> {
  try {
    const { message, data } = await work();
    return { ok: true, message, data };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') console.error('[action] failed', error);
    const issues = Array.isArray(appError.details)
      ? (appError.details as FieldIssue[]).filter((d) => d && typeof d.field === 'string')
      : [];
    const fieldErrors = issues.length
      ? Object.fromEntries(issues.map((i) => [i.field, i.message]))
      : undefined;
    return { ok: false, message: appError.message, fieldErrors };
  }
}

/**
 * FormData as a plain object for zod (repeated names become arrays). A field holding a NUL or a lone
 * surrogate is refused here (422 naming it), whatever the action's schema says (lib/boundary.ts).
 */
export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (!isSafeText(key) || (typeof value === 'string' && !isSafeText(value))) {
      const field = isSafeText(key) ? key : '(field name)';
      throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, [{ field, message: TEXT_MESSAGE }]);
    }
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

/** Input gathered by an action, parsed with its use case's schema; a bad field throws a validation error naming it. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** A form's fields parsed with its use case's schema (see `parseInput`). */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): z.output<S> {
  return parseInput(schema, formObject(formData));
}
