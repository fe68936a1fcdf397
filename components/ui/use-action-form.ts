'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';

type Options = {
  /** runs first and may cancel the submission (e.g. a confirm() dialog) */
  confirm?: () => boolean;
  /** clear the form once the server accepted it (forms that add something: a user, a note, …) */
  resetOnSuccess?: boolean;
};

/**
 * useActionState for forms whose typed values must survive a failed submission. A `<form action>`
 * is reset by React after every submission (React 19), which wipes what the person typed when the
 * server answers "that code already exists"; dispatching the FormData from onSubmit keeps it.
 * The third argument is a `confirm` function or the options above. `fieldErrors` are the failed
 * submission's errors by field name, for the inputs to show.
 */
export function useActionForm<S>(
  action: (state: Awaited<S>, formData: FormData) => S | Promise<S>,
  initial: Awaited<S>,
  options?: Options | (() => boolean),
) {
  const { confirm, resetOnSuccess } =
    typeof options === 'function' ? { confirm: options, resetOnSuccess: false } : (options ?? {});
  const [state, dispatch, pending] = useActionState(action, initial);
  const submitted = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (resetOnSuccess && (state as { ok?: boolean } | null)?.ok) submitted.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || (confirm && !confirm())) return;
    submitted.current = event.currentTarget;
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  // The failed submission's errors by field name (empty after a success or before any submission).
  const failed = state as { ok?: boolean; fieldErrors?: Record<string, string> } | null;
  const fieldErrors: Record<string, string> = failed && !failed.ok ? (failed.fieldErrors ?? {}) : {};
  return { state, onSubmit, pending, fieldErrors };
}
