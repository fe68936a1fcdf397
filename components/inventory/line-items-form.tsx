'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import type { ActionState } from '@/lib/server-action';

type Column = {
  name: string;
  label: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
  width: string;
};

/**
 * A form with a few header fields and repeatable line rows (receipts, transfers). Errors for a row
 * arrive keyed like `lines.2.quantity` and are shown under that cell.
 */
export function LineItemsForm<T>({
  action,
  header,
  columns,
  submitLabel,
  minRows = 3,
  datalistId,
  children,
}: {
  action: (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  header: React.ReactNode | ((errors: Record<string, string>) => React.ReactNode);
  columns: Column[];
  submitLabel: string;
  minRows?: number;
  datalistId?: string;
  children?: React.ReactNode;
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(action, null);
  const [rows, setRows] = useState(() => Array.from({ length: minRows }, (_, i) => i));
  const [formKey, setFormKey] = useState(0);
  // A saved form starts over (set while rendering when the answer changes, not in an effect).
  const [stateSeen, setStateSeen] = useState(state);
  if (state !== stateSeen) {
    setStateSeen(state);
    if (state?.ok) {
      setRows(Array.from({ length: minRows }, (_, i) => i));
      setFormKey((k) => k + 1);
    }
  }
  return (
    <form
      key={formKey}
      onSubmit={onSubmit}
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-6"
    >
      {typeof header === 'function' ? header(errors) : header}
      <fieldset>
        <legend className="text-sm font-semibold">Lines</legend>
        {errors.lines && <p className="mt-1 text-sm text-red-700">{errors.lines}</p>}
        <div className="mt-2 space-y-3">
          {rows.map((rowId, index) => (
            <div key={rowId} className="flex flex-wrap items-start gap-3 border-b border-slate-100 pb-3">
              {columns.map((c) => {
                const error = errors[`lines.${index}.${c.name}`];
                const id = `line-${rowId}-${c.name}`;
                return (
                  <div key={c.name} className={c.width}>
                    <label htmlFor={id} className="block text-xs font-medium text-slate-700">
                      {c.label}
                      <span className="sr-only"> (line {index + 1})</span>
                    </label>
                    <input
                      id={id}
                      name={c.name}
                      inputMode={c.inputMode}
                      placeholder={c.placeholder}
                      list={c.name === 'sku' ? datalistId : undefined}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      className={`${inputClass} mt-0.5`}
                      autoComplete="off"
                    />
                    {error && (
                      <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                        {error}
                      </p>
                    )}
                  </div>
                );
              })}
              {rows.length > 1 && (
                <button
                  type="button"
                  onClick={() => setRows((r) => r.filter((x) => x !== rowId))}
                  className="mt-5 min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
                  aria-label={`Remove line ${index + 1}`}
                >
                  Remove
                </button>
              )}
            </div>
          ))}
        </div>
        <button
          type="button"
          onClick={() => setRows((r) => [...r, Math.max(-1, ...r) + 1])}
          className="mt-3 min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
        >
          Add line
        </button>
      </fieldset>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Saving…">
          {submitLabel}
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
