const inputClass = 'mt-1 block w-44 rounded-md border border-slate-300 bg-white px-3 py-2 text-base';

/**
 * A GET form for reports over a range of days (?from=&to=, both inclusive), so a report can be
 * bookmarked and shared. Works without JavaScript.
 */
export function DateRangeForm({
  action,
  from,
  to,
  error,
  hint,
  children,
}: {
  action: string;
  from: string;
  to: string;
  error?: string;
  hint?: string;
  /** More fields of the same GET form (the P&L's columns and comparison). */
  children?: React.ReactNode;
}) {
  const describedBy =
    [error ? 'range-error' : null, hint ? 'range-hint' : null].filter(Boolean).join(' ') || undefined;
  return (
    <form method="get" action={action} className="mb-6 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="range-from" className="block text-sm font-medium">
          From
        </label>
        <input
          id="range-from"
          name="from"
          type="date"
          defaultValue={from}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="range-to" className="block text-sm font-medium">
          To
        </label>
        <input
          id="range-to"
          name="to"
          type="date"
          defaultValue={to}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={inputClass}
        />
      </div>
      {children}
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
      >
        Show
      </button>
      {error && (
        <p
          id="range-error"
          role="alert"
          className="basis-full rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {hint && (
        <p id="range-hint" className="basis-full text-sm text-slate-600">
          {hint}
        </p>
      )}
    </form>
  );
}
