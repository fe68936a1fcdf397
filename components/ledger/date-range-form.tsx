import { filterDescribedBy, ReportDateField, ReportFilterForm } from '@/components/ledger/report-filter-form';

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
  const describedBy = filterDescribedBy('range', error, hint);
  return (
    <ReportFilterForm action={action} idPrefix="range" error={error} hint={hint}>
      <ReportDateField
        id="range-from"
        name="from"
        label="From"
        defaultValue={from}
        invalid={!!error}
        describedBy={describedBy}
        className={inputClass}
      />
      <ReportDateField
        id="range-to"
        name="to"
        label="To"
        defaultValue={to}
        invalid={!!error}
        describedBy={describedBy}
        className={inputClass}
      />
      {children}
    </ReportFilterForm>
  );
}
