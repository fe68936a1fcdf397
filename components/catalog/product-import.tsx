'use client';

import Link from 'next/link';
import { ImportErrorsTable } from '@/components/data-table/import-errors-table';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { checkProductCsvAction, startProductImportAction } from '@/lib/catalog/actions';
import type { ImportJobDto } from '@/lib/catalog/schemas';
import type { CsvRowError } from '@/lib/catalog/csv';
import type { ProductImportReport } from '@/lib/catalog/import-product-csv';

/** What the job row keeps as its result (lib/catalog/start-product-import.ts). */
type Report = Omit<ProductImportReport, 'errors'> & { error_count: number };

const POLL_MS = 1000;
const button =
  'inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium ' +
  'disabled:cursor-not-allowed disabled:opacity-60';

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Check a product CSV (every row, nothing written), then import it as a background job whose progress
 * is polled from import/jobs/[id]. A file with errors imports only when "valid rows only" is chosen.
 */
export function ProductImport() {
  // Both dispatched from handlers, not <form action>: React resets a form after its action, which
  // would empty the file input between "Check file" and "Import".
  const {
    state: check,
    onSubmit: submitCheck,
    pending: checking,
  } = useActionForm(checkProductCsvAction, null);
  const [start, startImport, starting] = useActionState(startProductImportAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const [stale, setStale] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [job, setJob] = useState<ImportJobDto | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const jobId = start?.ok ? start.data?.jobId : undefined;

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/inventory/products/import/jobs/${jobId}`, { cache: 'no-store' });
        const body = (await res.json()) as ImportJobDto & { error?: { message?: string } };
        if (!res.ok) throw new Error(body?.error?.message ?? 'Could not read the import’s progress.');
        if (stopped) return;
        setJob(body);
        setPollError(null);
        if (body.status === 'done' || body.status === 'failed' || body.stalled) return;
      } catch (error) {
        if (!stopped)
          setPollError(error instanceof Error ? error.message : 'Could not read the import’s progress.');
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const checked = check?.ok && !stale ? check.data : undefined;
  const running = !!jobId && job?.status !== 'done' && job?.status !== 'failed' && !job?.stalled;
  const canImport = !!checked && checked.valid_rows > 0 && (checked.error_count === 0 || validOnly) && !jobId;

  return (
    <div className="space-y-6">
      <form
        ref={formRef}
        onSubmit={(e) => {
          setStale(false);
          submitCheck(e);
        }}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      >
        <div>
          <label htmlFor="csv-file" className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id="csv-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            disabled={!!jobId}
            onChange={() => {
              setStale(true);
              setValidOnly(false);
            }}
            aria-describedby={
              check && !check.ok && check.fieldErrors?.file ? 'csv-file-error' : 'csv-file-hint'
            }
            className={
              'mt-1 block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md ' +
              'file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm ' +
              'file:font-medium hover:file:bg-slate-50'
            }
          />
          <p id="csv-file-hint" className="mt-1 text-sm text-slate-600">
            Up to 100,000 rows (20 MB). Nothing is written until you import.
          </p>
          {check && !check.ok && check.fieldErrors?.file && (
            <p id="csv-file-error" className="mt-1 text-sm text-red-700">
              {check.fieldErrors.file}
            </p>
          )}
        </div>

        {checked && (
          <div className="space-y-3 border-t border-slate-200 pt-4">
            <p role="status" className="text-sm">
              <strong>{checked.file_name}</strong>: {plural(checked.total_rows, 'row')}.{' '}
              {checked.error_count === 0
                ? 'Every row is valid.'
                : `${plural(checked.error_count, 'error')} in ${plural(checked.error_rows, 'row')}.`}{' '}
              {checked.existing_rows > 0 &&
                `${plural(checked.existing_rows, 'row')} will be skipped: the SKU is already in the catalog.`}
            </p>
            {checked.error_count > 0 && (
              <>
                <ImportErrorsTable
                  errors={checked.errors.map((e) => ({ row: e.row, column: e.field, message: e.message }))}
                />
                {checked.errors.length < checked.error_count && (
                  <p className="text-sm text-slate-600">
                    Showing the first {checked.errors.length} of {checked.error_count} errors.
                  </p>
                )}
                <div className="flex items-start gap-2">
                  <input
                    id="valid-only"
                    name="mode"
                    value="valid_rows"
                    type="checkbox"
                    checked={validOnly}
                    onChange={(e) => setValidOnly(e.target.checked)}
                    disabled={!!jobId || checked.valid_rows === 0}
                    className="mt-1 h-5 w-5"
                  />
                  <label htmlFor="valid-only" className="text-sm">
                    <span className="font-medium">Import valid rows only</span> (
                    {plural(checked.valid_rows, 'row')}). Rows with errors are left out; fix them and import
                    the file again later: rows already imported are skipped.
                  </label>
                </div>
              </>
            )}
          </div>
        )}

        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={!!jobId || checking}
            className={`${button} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}
          >
            {checking ? 'Checking…' : 'Check file'}
          </button>
          {checked && (
            <button
              type="button"
              disabled={!canImport || starting}
              className={`${button} bg-brand-700 text-white hover:bg-brand-800`}
              onClick={() => {
                const data = new FormData(formRef.current!);
                startTransition(() => startImport(data));
              }}
            >
              {starting ? 'Starting…' : `Import ${plural(checked.valid_rows, 'row')}`}
            </button>
          )}
          {check && !check.ok && <FormMessage state={check} />}
          {start && !start.ok && <FormMessage state={start} />}
        </div>
      </form>

      {jobId && <ImportProgress job={job} pollError={pollError} running={running} />}
    </div>
  );
}

function ImportProgress({
  job,
  pollError,
  running,
}: {
  job: ImportJobDto | null;
  pollError: string | null;
  running: boolean;
}) {
  const total = job?.total_rows ?? 0;
  const processed = job?.processed_rows ?? 0;
  const report = job?.result as Report | null | undefined;
  const errors = (job?.errors as CsvRowError[] | null) ?? [];
  return (
    <section
      aria-labelledby="import-progress"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 id="import-progress" className="text-lg font-semibold">
        Import
      </h2>
      {running && (
        <>
          <label htmlFor="import-bar" className="block text-sm font-medium">
            {total === 0 ? 'Checking the file…' : `${processed} of ${total} rows`}
          </label>
          <progress
            id="import-bar"
            max={Math.max(total, 1)}
            value={total === 0 ? undefined : processed}
            aria-valuetext={total === 0 ? 'Checking the file' : `${processed} of ${total} rows`}
            className={
              'h-3 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-700 ' +
              '[&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-700'
            }
          />
          <p className="text-sm text-slate-600">You can leave this page; the import continues.</p>
        </>
      )}
      {pollError && (
        <p role="alert" className="text-sm text-red-700">
          {pollError}
        </p>
      )}
      <div aria-live="polite">
        {job?.status === 'done' && report && (
          <div
            role="status"
            className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
          >
            <p className="font-medium">
              Import finished: {processed} of {total} rows.
            </p>
            <p>
              {plural(report.created_products, 'product')} and {plural(report.created_variants, 'variant')}{' '}
              created; {plural(report.received_units, 'unit')} of opening stock received.
              {report.skipped_existing > 0 &&
                ` ${plural(report.skipped_existing, 'row')} skipped: the SKU was already in the catalog.`}
              {report.skipped_invalid > 0 &&
                ` ${plural(report.skipped_invalid, 'row')} with errors left out.`}
            </p>
            <p className="mt-1">
              <Link href="/inventory/products" className="text-brand-800 underline">
                See the products
              </Link>
            </p>
          </div>
        )}
        {job?.stalled && (
          <p
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            The import stopped after {processed} of {total} rows (the server may have restarted). Import the
            file again to finish: rows already imported are skipped.
          </p>
        )}
        {job?.status === 'failed' && (
          <div
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p className="font-medium">
              The import stopped{processed ? ` after ${processed} of ${total} rows` : ''}.
            </p>
            <ul className="mt-1 list-disc pl-5">
              {errors.slice(0, 20).map((e, i) => (
                <li key={i}>
                  {e.row > 0 ? `Row ${e.row}, ${e.field}: ` : ''}
                  {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {!running && job && (
        // A full page load on purpose: it starts this form over, which a client navigation to the same URL
        // would not (the component and its state would be kept).
        // eslint-disable-next-line @next/next/no-html-link-for-pages
        <a href="/inventory/products/import" className="inline-block text-sm text-brand-700 underline">
          Import another file
        </a>
      )}
    </section>
  );
}
