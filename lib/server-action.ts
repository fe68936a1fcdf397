import 'server-only';
import { z } from 'zod';
import { AppError, toAppError, zodFailureOf, type FieldIssue } from '@/lib/errors';
import { isSafeText, TEXT_MESSAGE } from '@/lib/boundary';
import { formValidationError, plainIssueMessage } from '@/lib/form-errors';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor, type SessionUser } from '@/lib/auth/session';
import type { Permission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';

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
    let appError = toAppError(error);
    if (appError.code === 'INTERNAL') console.error('[action] failed', error);
    // A use case's own zod failure ("Invalid weight_grams") said for people: the field as the form
    // labels it and what to do (lib/form-errors.ts).
    const zodFailure = appError.code === 'VALIDATION_FAILED' ? zodFailureOf(appError) : undefined;
    if (zodFailure) appError = formValidationError(zodFailure.error, zodFailure.schema ?? z.any());
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
  // Plain-language messages and the fields named as the form labels them (lib/form-errors.ts).
  const parsed = schema.safeParse(raw, { error: plainIssueMessage });
  if (!parsed.success) throw formValidationError(parsed.error, schema);
  return parsed.data;
}

/** A form's fields parsed with its use case's schema (see `parseInput`). */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): z.output<S> {
  return parseInput(schema, formObject(formData));
}

/** What an action's body gets: the signed-in user holding the permission, as an actor too, and its input. */
export type ActionContext<I> = { user: SessionUser; actor: Actor; input: I; formData: FormData };

/**
 * The one wrapper of a server action, as apiRoute is of a route handler (decision 029): checks the
 * permission (UNAUTHENTICATED / FORBIDDEN), parses the form with the schema when one is given (422
 * naming the field), runs the body and turns any error into the form's state (runAction).
 *   export const createAccountAction = action({ permission: 'ledger:write', schema: ZCreateAccountInput },
 *     async ({ input, actor }) => ({ message: … }));
 * Without a schema the body reads the form itself (formData), for forms a schema cannot take whole.
 */
export function action<S extends z.ZodType, T = undefined>(
  options: { permission: Permission | readonly Permission[]; schema: S },
  fn: (ctx: ActionContext<z.output<S>>) => Promise<{ message: string; data?: T }>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
export function action<T = undefined>(
  options: { permission: Permission | readonly Permission[] },
  fn: (ctx: ActionContext<undefined>) => Promise<{ message: string; data?: T }>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
export function action<I, T>(
  options: { permission: Permission | readonly Permission[]; schema?: z.ZodType<I> },
  fn: (ctx: ActionContext<I>) => Promise<{ message: string; data?: T }>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_prev, formData) =>
    runAction(async () => {
      const user = await requirePermission(options.permission);
      // Without a schema the body's input is undefined (the overloads say so).
      const input = (options.schema ? parseForm(options.schema, formData) : undefined) as I;
      return fn({ user, actor: userActor(user), input, formData });
    });
}
