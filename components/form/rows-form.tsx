'use client';

import type { FormEvent } from 'react';
import { FormMessage } from '@/components/ui/form';

/**
 * The card of a rows form (useRowsForm): its fields, then the last answer and the large submit
 * button, which reads "Saving…" while the action runs.
 */
export function RowsFormCard({
  label,
  onSubmit,
  state,
  busy,
  submit,
  children,
}: {
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  state: { ok: boolean; message: string } | null;
  busy: boolean;
  submit: string;
  children: React.ReactNode;
}) {
  return (
    <form
      onSubmit={onSubmit}
      aria-label={label}
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-5"
    >
      {children}
      <FormMessage state={state} />
      <button
        type="submit"
        disabled={busy}
        className={
          'inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-6 text-base ' +
          'font-semibold text-white hover:bg-brand-800 disabled:opacity-60'
        }
      >
        {busy ? 'Saving…' : submit}
      </button>
    </form>
  );
}
