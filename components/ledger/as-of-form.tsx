import { filterDescribedBy, ReportDateField, ReportFilterForm } from '@/components/ledger/report-filter-form';

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
  const describedBy = filterDescribedBy('as-of', error, hint);
  return (
    <ReportFilterForm action={action} idPrefix="as-of" error={error} hint={hint}>
      <ReportDateField
        id="as-of"
        name="as_of"
        label="As of"
        defaultValue={error ? undefined : value}
        invalid={!!error}
        describedBy={describedBy}
        className={`${inputClass} w-48`}
      />
    </ReportFilterForm>
  );
}
