import type { ReactNode } from 'react';

/** The ids of a report filter's error and hint, for its inputs' aria-describedby. */
export function filterDescribedBy(idPrefix: string, error?: string, hint?: string): string | undefined {
  return (
    [error ? `${idPrefix}-error` : null, hint ? `${idPrefix}-hint` : null].filter(Boolean).join(' ') ||
    undefined
  );
}

/**
 * The GET form above a ledger report: its fields (`children`), a Show button, and the refused
 * value's error and the hint beneath, so the report's URL can be bookmarked and shared. Works
 * without JavaScript. The as-of and date-range forms supply the fields.
 */
export function ReportFilterForm({
  action,
  idPrefix,
  error,
  hint,
  children,
}: {
  action: string;
  idPrefix: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className="mb-6 flex flex-wrap items-end gap-3">
      {children}
      <button
        type="submit"
        className={
          'inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white ' +
          'px-4 py-2 text-sm font-medium hover:bg-slate-50'
        }
      >
        Show
      </button>
      {error && (
        <p
          id={`${idPrefix}-error`}
          role="alert"
          className="basis-full rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {hint && (
        <p id={`${idPrefix}-hint`} className="basis-full text-sm text-slate-600">
          {hint}
        </p>
      )}
    </form>
  );
}

/** A labelled, required date input of a report filter. */
export function ReportDateField({
  id,
  name,
  label,
  defaultValue,
  invalid,
  describedBy,
  className,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | undefined;
  invalid: boolean;
  describedBy: string | undefined;
  className: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={defaultValue}
        required
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className={className}
      />
    </div>
  );
}
