/** File-picker styling shared by the Reconcile screens' CSV uploads. */
export const fileClass =
  'mt-1 block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 ' +
  'file:bg-white file:px-3 file:text-sm file:font-medium hover:file:bg-slate-50';

/**
 * A required CSV file input with its label and error (the payout report and bank statement uploads):
 * the error is announced with the field (aria-invalid, aria-describedby → `${id}-error`).
 */
export function CsvFileField({ id, label, error }: { id: string; label: string; error?: string }) {
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
        aria-describedby={error ? `${id}-error` : undefined}
        className={fileClass}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
