'use client';

import Link from 'next/link';
import { ImportErrorsTable } from '@/components/data-table/import-errors-table';
import { useEffect, useState } from 'react';
import type { OrderImportDto } from '@/lib/channels/queries';

const POLL_MS = 1000;
const button =
  'inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-medium ' +
  'disabled:cursor-not-allowed disabled:opacity-60';
const FORMATS = [
  { value: 'shopify', label: 'Shopify (Orders → Export)' },
  { value: 'woocommerce', label: 'WooCommerce order export' },
  { value: 'backroom', label: 'Backroom CSV (template)' },
];

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function money(amount: number, currency: string) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount / 100);
}

function duration(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * Upload an order export, preview it (a dry run: every row checked, nothing written), then import
 * it; the upload streams to /orders/imports/upload and the job's progress is polled from
 * /orders/imports/jobs/[id].
 */
export function OrderImport({ maxMiB }: { maxMiB: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('shopify');
  const [mode, setMode] = useState<'history' | 'live'>('history');
  const [validOnly, setValidOnly] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<OrderImportDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/orders/imports/jobs/${jobId}`, { cache: 'no-store' });
        const body = (await res.json()) as OrderImportDto & { error?: { message?: string } };
        if (!res.ok) throw new Error(body?.error?.message ?? 'Could not read the import’s progress.');
        if (stopped) return;
        setJob(body);
        if (body.status === 'completed' || body.status === 'failed') return;
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : 'Could not read the import’s progress.');
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const start = async (dryRun: boolean) => {
    if (!file) {
      setError('Choose a CSV file first.');
      return;
    }
    if (file.size > maxMiB * 1024 * 1024) {
      setError(`The file is larger than ${maxMiB} MiB; split it into several imports.`);
      return;
    }
    setBusy(true);
    setError(null);
    setJob(null);
    setJobId(null);
    try {
      const qs = new URLSearchParams({
        format,
        mode,
        dry_run: String(dryRun),
        valid_only: String(validOnly),
        file_name: file.name.slice(0, 200),
      });
      const res = await fetch(`/orders/imports/upload?${qs}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
      const body = (await res.json()) as { id?: string; error?: { message?: string } };
      if (!res.ok || !body.id) throw new Error(body.error?.message ?? 'The upload failed; try again.');
      setJobId(body.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The upload failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  const running = !!jobId && job?.status !== 'completed' && job?.status !== 'failed';
  return (
    <div className="space-y-6">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start(false);
        }}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      >
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            Order export (CSV)
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            required
            disabled={running}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby="import-file-hint"
            className={
              'mt-1 block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md ' +
              'file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm ' +
              'file:font-medium hover:file:bg-slate-50'
            }
          />
          <p id="import-file-hint" className="mt-1 text-sm text-slate-600">
            Up to {maxMiB} MiB. Columns are found by name, in any case and order.
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="import-format" className="block text-sm font-medium">
              Format
            </label>
            <select
              id="import-format"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              disabled={running}
              className="mt-1 block min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm"
            >
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="block text-sm font-medium">Mode</legend>
            <div className="mt-1 space-y-1 text-sm">
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="mode"
                  value="history"
                  checked={mode === 'history'}
                  onChange={() => setMode('history')}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <span className="font-medium">History</span>: recorded as they were; no stock moves, nothing
                  is posted, nothing to fulfil.
                </span>
              </label>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="mode"
                  value="live"
                  checked={mode === 'live'}
                  onChange={() => setMode('live')}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <span className="font-medium">Live</span>: open orders to fulfil here; stock is reserved and
                  the sale posted.
                </span>
              </label>
            </div>
          </fieldset>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={validOnly}
            onChange={(e) => setValidOnly(e.target.checked)}
            className="mt-1 h-4 w-4"
          />
          <span>
            <span className="font-medium">Valid orders only</span>: import the orders without errors and leave
            the others out. Without it a file with any error imports nothing.
          </span>
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={busy || running}
            onClick={() => void start(true)}
            className={`${button} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}
          >
            Preview (dry run)
          </button>
          <button
            type="submit"
            disabled={busy || running}
            className={`${button} bg-brand-700 text-white hover:bg-brand-800`}
          >
            {busy ? 'Uploading…' : 'Import'}
          </button>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
      {jobId && <ImportProgress job={job} />}
    </div>
  );
}

function ImportProgress({ job }: { job: OrderImportDto | null }) {
  const label = !job
    ? 'Starting…'
    : job.phase === 'queued'
      ? 'Waiting to start…'
      : job.phase === 'validating'
        ? `Checking: ${plural(job.rows, 'row')} read`
        : job.phase === 'writing'
          ? `Writing: ${plural(job.processed, 'row')} of ${job.rows.toLocaleString('en-US')}`
          : 'Finished';
  const done = job?.status === 'completed' || job?.status === 'failed';
  return (
    <section
      aria-labelledby="import-progress"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 id="import-progress" className="text-lg font-semibold">
        {job?.dry_run ? 'Preview' : 'Import'}
      </h2>
      {!done && (
        <>
          <label htmlFor="import-bar" className="block text-sm font-medium">
            {label}
          </label>
          <progress
            id="import-bar"
            max={100}
            value={job?.percent ?? 0}
            aria-valuetext={`${job?.percent ?? 0} %: ${label}`}
            className={
              'h-3 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-700 ' +
              '[&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-700'
            }
          />
          {job && (
            <p className="text-sm text-slate-600">
              {plural(job.totals.orders, 'order')} · {plural(job.error_count, 'error')}
              {job.rate_rows_per_s !== null && ` · ${job.rate_rows_per_s.toLocaleString('en-US')} rows/s`}
              {job.seconds_left !== null && ` · about ${duration(job.seconds_left)} left`}. You can leave this
              page; the import continues.
            </p>
          )}
        </>
      )}
      <div aria-live="polite">{job && done && <ImportResult job={job} />}</div>
    </section>
  );
}

export function ImportResult({ job }: { job: OrderImportDto }) {
  const ok = job.status === 'completed';
  return (
    <div className="space-y-3">
      <div
        role="status"
        className={
          `rounded-md border px-3 py-2 ` +
          `text-sm ${ok ? 'border-green-200 bg-green-50 text-green-900' : 'border-red-200 bg-red-50 text-red-900'}`
        }
      >
        <p className="font-medium">
          {job.dry_run
            ? ok
              ? `Preview: ${plural(job.created, 'order')} would be imported`
              : 'Preview: the file has errors'
            : ok
              ? `Imported ${plural(job.created, 'order')}`
              : job.error_count
                ? 'Nothing was imported: the file has errors'
                : 'The import failed'}
          {` (${plural(job.rows, 'row')}, ${money(job.totals.gross, job.currency)} in all).`}
        </p>
        <p>
          {plural(job.skipped, 'order')} already imported (skipped) · {plural(job.failed, 'order')} with
          errors.
          {!ok &&
            job.error_count > 0 &&
            ' Fix the rows below, or choose “Valid orders only”, and import again.'}
        </p>
        {ok && !job.dry_run && (
          <p className="mt-1">
            <Link href={`/orders?channel=${job.channel}`} className="underline">
              See the orders
            </Link>{' '}
            ·{' '}
            <Link href="/" className="underline">
              Dashboard
            </Link>
          </p>
        )}
      </div>
      {job.errors.length > 0 && (
        <>
          <ImportErrorsTable errors={job.errors.slice(0, 200)} />
          <a
            href={`/orders/imports/jobs/${job.id}/errors`}
            className="inline-block text-sm text-brand-700 underline"
          >
            Download the errors as CSV
          </a>
          {job.errors.length < job.error_count && (
            <p className="text-sm text-slate-600">
              The first {job.errors.length} of {job.error_count} errors are kept.
            </p>
          )}
        </>
      )}
    </div>
  );
}
