'use client';

import type { FormEvent } from 'react';
import { Field, FormMessage, inputClass } from '@/components/ui/form';

const tones = {
  plain: 'border-slate-300 bg-white px-4 text-sm font-medium text-slate-900 hover:bg-slate-50',
  danger: 'border-red-300 bg-white px-4 text-sm font-medium text-red-800 hover:bg-red-50',
} as const;

/**
 * A small form under a document's card (a shipment's tracking event, voiding its label): the hidden
 * ids it acts on, a row of fields ending in its button, and the outcome beneath.
 */
export function InlineForm({
  label,
  onSubmit,
  hidden,
  tone = 'plain',
  pending,
  pendingText,
  submit,
  state,
  children,
}: {
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  hidden: Record<string, string>;
  tone?: keyof typeof tones;
  pending: boolean;
  pendingText: string;
  submit: string;
  state: { ok: boolean; message: string } | null;
  children: React.ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} aria-label={label} className="mt-3 space-y-3 border-t border-slate-100 pt-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        {children}
        <button
          type="submit"
          disabled={pending}
          className={
            `inline-flex min-h-11 items-center justify-center rounded-md border ${tones[tone]} ` +
            'disabled:opacity-60'
          }
        >
          {pending ? pendingText : submit}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** A text field of an inline form: it takes the row's free width, as tall as the button. */
export function InlineTextField(props: React.ComponentProps<typeof Field>) {
  return (
    <Field wrapperClassName="min-w-0 flex-[1_1_14rem]" className={`${inputClass} min-h-11`} {...props} />
  );
}
