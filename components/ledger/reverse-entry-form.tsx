'use client';

import { useId, useState } from 'react';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { reverseManualEntryAction } from '@/lib/ledger/actions';

/**
 * "Reverse" on a manual journal entry: opens a reason field, asks for confirmation, then posts the
 * mirror entry. Errors (already reversed, not allowed) show here, beside the entry.
 */
export function ReverseEntryForm({ entryId, number }: { entryId: string; number: number }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(reverseManualEntryAction, null, () =>
    confirm(`Reverse entry #${number}? A mirror entry is posted; the original stays in the journal.`),
  );
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-expanded={false}
          aria-controls={`${id}-form`}
          className={
            'inline-flex min-h-10 items-center rounded-md border border-red-300 bg-white ' +
            'px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50'
          }
        >
          Reverse…<span className="sr-only"> entry #{number}</span>
        </button>
        {state?.ok && <FormMessage state={state} />}
      </div>
    );
  }
  return (
    <form id={`${id}-form`} onSubmit={onSubmit} className="flex flex-col gap-2">
      <input type="hidden" name="entry_id" value={entryId} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            Reason for reversing #{number}
          </label>
          <input
            id={`${id}-reason`}
            name="reason"
            required
            maxLength={200}
            autoFocus
            autoComplete="off"
            className={inputClass}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            placeholder="e.g. posted to the wrong account"
          />
        </div>
        <SubmitButton
          pending={pending}
          variant="danger"
          pendingText="Reversing…"
        >{`Reverse entry #${number}`}</SubmitButton>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="inline-flex min-h-10 items-center rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
      </div>
      {errors.reason && (
        <p id={`${id}-reason-error`} className="text-sm text-red-700">
          {errors.reason}
        </p>
      )}
      {state && !state.ok && !errors.reason && <FormMessage state={state} />}
    </form>
  );
}
