'use client';

import { startTransition, useActionState, type FormEvent } from 'react';

/**
 * useActionState for forms whose typed values must survive a failed submission. A `<form action>`
 * is reset by React after every submission (React 19), which wipes what the person typed when the
 * server answers "that code already exists"; dispatching the FormData from onSubmit keeps it.
 * `confirm` (optional) runs first and may cancel the submission.
 */
export function useActionForm<S>(action: (state: Awaited<S>, formData: FormData) => S | Promise<S>, initial: Awaited<S>, confirm?: () => boolean) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || (confirm && !confirm())) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, onSubmit, pending };
}
