// Not imported from components/ui/form.tsx: a server component gets only client references from a
// 'use client' module, never its plain exports.
const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base';

/**
 * A GET form for "as of" reports: the date lands in the URL (?as_of=YYYY-MM-DD), so a report can be
 * bookmarked and shared. Works without JavaScript.
 */
export function AsOfForm({
  action,
  value,
  error,
  hint,
}: {
  action: string;
  value: string;
  error?: string;
  hint?: string;
}) {
  const describedBy =
    [error ? 'as-of-error' : null, hint ? 'as-of-hint' : null].filter(Boolean).join(' ') || undefined;
  return (
    <form method="get" action={action} className="mb-6 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="as-of" className="block text-sm font-medium">
          As of
        </label>
        <input
          id="as-of"
          name="as_of"
          type="date"
          defaultValue={error ? undefined : value}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputClass} w-48`}
        />
      </div>
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
          id="as-of-error"
          role="alert"
          className="basis-full rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {hint && (
        <p id="as-of-hint" className="basis-full text-sm text-slate-600">
          {hint}
        </p>
      )}
    </form>
  );
}
