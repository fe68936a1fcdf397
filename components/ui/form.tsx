'use client';

import { useFormStatus } from 'react-dom';

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base disabled:bg-slate-100';

/** An input's error beneath it (the id its aria-describedby names), or nothing when there is none. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
}

/** A labelled input with its error shown beneath it and announced to screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  wrapperClassName,
  errorId: errorIdProp,
  ...props
}: {
  label: string;
  /** the form field's name; a control whose value is kept in state may leave it out (`name=""`) */
  name: string;
  error?: string;
  hint?: React.ReactNode;
  /** classes of the block holding label, input and messages (its place in a flex row) */
  wrapperClassName?: string;
  /** the id of the error beneath (`${id}-error` unless given: forms whose errors are keyed otherwise) */
  errorId?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = props.id ?? `field-${name}`;
  const errorId = errorIdProp ?? `${id}-error`;
  const describedBy =
    [error ? errorId : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  options,
  ...props
}: {
  label: string;
  name: string;
  error?: string;
  options: { value: string; label: string }[];
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = props.id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/**
 * A submit button that shows progress: from the enclosing `<form action>`, or `pending` when given (useActionForm).
 * It submits without the browser's own checks (`formNoValidate`, decision 040): every form it sends goes to a
 * server action that answers with field-labelled errors (lib/form-errors.ts), which the browser's range and
 * required bubbles would pre-empt. The fields keep their types and attributes for keyboards and screen readers.
 * Pressing Enter in a field submits through this (the default) button, so the same holds.
 */
export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  pending: pendingProp,
  ...props
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  pending?: boolean;
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  const styles = {
    primary: 'bg-brand-700 text-white hover:bg-brand-800',
    secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
    danger: 'border border-red-300 bg-white text-red-800 hover:bg-red-50',
  }[variant];
  return (
    <button
      type="submit"
      formNoValidate
      disabled={pending || props.disabled}
      className={
        `inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm ` +
        `font-medium disabled:opacity-60 ${styles}`
      }
      {...props}
    >
      {pending ? (pendingText ?? 'Saving…') : children}
    </button>
  );
}

/** The outcome of a form submission, announced politely. */
export function FormMessage({ state }: { state: { ok: boolean; message: string } | null }) {
  if (!state) return <div aria-live="polite" />;
  return (
    <div aria-live="polite">
      <p
        role={state.ok ? 'status' : 'alert'}
        className={
          `rounded-md px-3 py-2 text-sm ` +
          (state.ok
            ? 'border border-green-200 bg-green-50 text-green-900'
            : 'border border-red-200 bg-red-50 text-red-800')
        }
      >
        {state.message}
      </p>
    </div>
  );
}

/**
 * The large (48 px) buttons of a document's moves on the floor (a count sheet's start / complete /
 * cancel, a purchase order's send / cancel / close): primary, secondary and a destructive one.
 */
export const moveButton = {
  primary:
    'inline-flex min-h-12 items-center justify-center rounded-lg bg-brand-700 px-5 text-base ' +
    'font-semibold text-white hover:bg-brand-800 disabled:opacity-60',
  secondary:
    'inline-flex min-h-12 items-center justify-center rounded-lg border border-slate-300 bg-white ' +
    'px-5 text-base font-medium text-slate-900 hover:bg-slate-50 ' +
    'disabled:opacity-60',
  danger:
    'inline-flex min-h-12 items-center justify-center rounded-lg border border-red-300 bg-white ' +
    'px-5 text-base font-medium text-red-800 hover:bg-red-50 ' +
    'disabled:opacity-60',
} as const;
