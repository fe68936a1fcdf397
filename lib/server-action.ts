import 'server-only';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError, toAppError, zodFailureOf, type FieldIssue } from '@/lib/errors';
import { isSafeText, TEXT_MESSAGE } from '@/lib/boundary';
import { formValidationError, plainIssueMessage } from '@/lib/form-errors';
import { requirePermission } from '@/lib/auth/require-permission';
import { currentUser, userActor, type SessionUser } from '@/lib/auth/session';
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

/** Who may run an action: a permission (any one of a list), or any signed-in user ('signed-in'). */
export type ActionAccess = Permission | readonly Permission[] | 'signed-in';

/** The signed-in user allowed by `access`; UNAUTHENTICATED / FORBIDDEN as an AppError otherwise. */
async function requireAccess(access: ActionAccess): Promise<SessionUser> {
  if (access !== 'signed-in') return requirePermission(access);
  const user = await currentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  return user;
}

/** What an action's body gets: the signed-in user holding the permission, as an actor too, and its input. */
export type ActionContext<I> = { user: SessionUser; actor: Actor; input: I; formData: FormData };

/** What an action's body returns: the message for the form, data for it, and where to go next. */
type ActionResult<T> = { message: string; data?: T; redirectTo?: string };

/**
 * runAction, then the body's `redirectTo` once it has succeeded: redirect() throws by design, so it
 * runs after runAction has turned any error into the form's state.
 */
async function runWithRedirect<T>(work: () => Promise<ActionResult<T>>): Promise<ActionState<T>> {
  let redirectTo: string | undefined;
  const state = await runAction<T>(async () => {
    const { message, data, redirectTo: to } = await work();
    redirectTo = to;
    return { message, data };
  });
  if (state?.ok && redirectTo) redirect(redirectTo);
  return state;
}

/**
 * The one wrapper of a server action, as apiRoute is of a route handler (decision 029): checks the
 * permission (UNAUTHENTICATED / FORBIDDEN), parses the form with the schema when one is given (422
 * naming the field), runs the body and turns any error into the form's state (runAction).
 *   export const createAccountAction = action({ permission: 'ledger:write', schema: ZCreateAccountInput },
 *     async ({ input, actor }) => ({ message: … }));
 * Without a schema the body reads the form itself (formData), for forms a schema cannot take whole.
 * A body returning `redirectTo` goes there on success (redirect() throws, so it runs after runAction).
 */
export function action<S extends z.ZodType, T = undefined>(
  options: { permission: ActionAccess; schema: S },
  fn: (ctx: ActionContext<z.output<S>>) => Promise<ActionResult<T>>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
export function action<T = undefined>(
  options: { permission: ActionAccess },
  fn: (ctx: ActionContext<undefined>) => Promise<ActionResult<T>>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
export function action<I, T>(
  options: { permission: ActionAccess; schema?: z.ZodType<I> },
  fn: (ctx: ActionContext<I>) => Promise<ActionResult<T>>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_prev, formData) =>
    runWithRedirect(async () => {
      const user = await requireAccess(options.permission);
      // Without a schema the body's input is undefined (the overloads say so).
      const input = (options.schema ? parseForm(options.schema, formData) : undefined) as I;
      return fn({ user, actor: userActor(user), input, formData });
    });
}

/** What a called action's body gets: the signed-in user allowed to run it, as an actor too. */
export type CallContext = { user: SessionUser; actor: Actor };

/**
 * A server action a client component calls with arguments rather than a form (a scan, a lookup, a
 * step of a bulk action): the same permission check and error handling as `action`.
 *   export const packLookupAction = callAction({ permission: 'fulfillment:write' },
 *     async ({ actor }, code: string) => ({ message: '', data: … }));
 * With a schema, the one argument is parsed first and the permission may depend on it (a bulk step's
 * permission is its action's own).
 */
export function callAction<S extends z.ZodType, T = undefined>(
  options: {
    permission: ActionAccess | ((input: z.output<S>) => ActionAccess);
    schema: S;
  },
  fn: (ctx: CallContext & { input: z.output<S> }) => Promise<ActionResult<T>>,
): (input: unknown) => Promise<ActionState<T>>;
export function callAction<A extends unknown[], T = undefined>(
  options: { permission: ActionAccess },
  fn: (ctx: CallContext, ...args: A) => Promise<ActionResult<T>>,
): (...args: A) => Promise<ActionState<T>>;
export function callAction<T>(
  options: { permission: ActionAccess | ((input: unknown) => ActionAccess); schema?: z.ZodType },
  fn: (ctx: CallContext & { input: never }, ...args: never[]) => Promise<ActionResult<T>>,
): (...args: unknown[]) => Promise<ActionState<T>> {
  // The overloads above tie the body's parameters to the options; here both shapes are one.
  const body = fn as (ctx: CallContext & { input?: unknown }, ...args: unknown[]) => Promise<ActionResult<T>>;
  return async (...args) =>
    runWithRedirect(async () => {
      const input = options.schema ? parseInput(options.schema, args[0]) : undefined;
      const access =
        typeof options.permission === 'function' ? options.permission(input) : options.permission;
      const user = await requireAccess(access);
      const ctx = { user, actor: userActor(user) };
      return options.schema ? body({ ...ctx, input }) : body(ctx, ...args);
    });
}

/**
 * A form open to anyone, signed in or not (the customer's survey and unsubscribe pages): the body
 * checks its own proof (a signed token in the form). Every field is still refused on a NUL or a
 * broken character (formObject, 422) and errors become the form's state as in `action`.
 */
export function publicAction<T = undefined>(
  fn: (ctx: { fields: Record<string, unknown>; formData: FormData }) => Promise<ActionResult<T>>,
): (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return async (_prev, formData) => runWithRedirect(() => fn({ fields: formObject(formData), formData }));
}
