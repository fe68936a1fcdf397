/** File-picker styling shared by the CSV uploads (payout reports, bank statements, rates, imports). */
export const fileClass =
  'mt-1 block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 ' +
  'file:bg-white file:px-3 file:text-sm file:font-medium hover:file:bg-slate-50';

/**
 * A required CSV file input with its label, an optional hint and its error: the error is announced with
 * the field (aria-invalid, aria-describedby → `${id}-error`, else the hint `${id}-hint`). It is named
 * `file` for a form that posts it; `name={undefined}` for one that reads the file in the browser.
 */
export function CsvFileField({
  id,
  label,
  error,
  hint,
  ...props
}: {
  id: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={fileClass}
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
