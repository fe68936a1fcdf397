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
  asOf,
  hint,
}: {
  action: string;
  /** the date read from the URL (lib/ledger/as-of.ts), or why it could not be read */
  asOf: { ok: true; asOf: string } | { ok: false; error: string };
  hint?: string;
}) {
  const error = asOf.ok ? undefined : asOf.error;
  const describedBy = filterDescribedBy('as-of', error, hint);
  return (
    <ReportFilterForm action={action} idPrefix="as-of" error={error} hint={hint}>
      <ReportDateField
        id="as-of"
        name="as_of"
        label="As of"
        defaultValue={asOf.ok ? asOf.asOf : undefined}
        invalid={!!error}
        describedBy={describedBy}
        className={`${inputClass} w-48`}
      />
    </ReportFilterForm>
  );
}
