'use client';

/**
 * The large unit-count input of a scan screen (a count sheet's counted units, a receipt's units now),
 * typed over or filled in by scans, with its error beneath.
 */
export function TallyInput({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block min-h-12 w-32 rounded-md border border-slate-400 px-3 text-xl tabular-nums"
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The submit button under a scan screen's tally (Save counts, Receive). */
export const tallySubmitClass =
  'mt-3 inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-6 ' +
  'text-base font-semibold text-white hover:bg-brand-800 ' +
  'disabled:opacity-60';
