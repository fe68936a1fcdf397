'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { DataTableSelection } from '@/components/data-table/data-table';
import { bulkOrderStepAction } from '@/lib/orders/bulk-server-actions';
import {
  BULK_DOCUMENTS,
  BULK_ORDER_ACTIONS,
  BULK_STEP_SIZE,
  type BulkDocument,
  type BulkOrderAction,
  type BulkOrderResult,
} from '@/lib/orders/bulk-schemas';

const buttonClass =
  'inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-3 text-sm ' +
  'font-medium hover:bg-slate-50 disabled:cursor-not-allowed ' +
  'disabled:opacity-50';

type Run = {
  action: BulkOrderAction;
  total: number;
  results: BulkOrderResult[];
  done: boolean;
  error?: string;
};

/**
 * The order list's bulk bar: approve, hold, cancel and buy labels run in steps of BULK_STEP_SIZE
 * orders (decision 039), with a progress bar and each order's result; the documents open as one PDF.
 * "All matching" sends the list's filter, not the ids.
 */
export function BulkOrderActions({
  selection,
  filter,
  allowed,
}: {
  selection: DataTableSelection;
  /** the list's filter as a query string, for "all matching" */
  filter: string;
  allowed: { actions: BulkOrderAction[]; documents: BulkDocument[] };
}) {
  const router = useRouter();
  const [asking, setAsking] = useState<BulkOrderAction | null>(null);
  const [reason, setReason] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const busy = !!run && !run.done;

  async function start(action: BulkOrderAction) {
    const total = selection.count;
    const results: BulkOrderResult[] = [];
    setRun({ action, total, results: [], done: false });
    setAsking(null);
    const why = BULK_ORDER_ACTIONS[action].reason ? reason.trim() : undefined;
    const step = async (input: Record<string, unknown>) => {
      const answer = await bulkOrderStepAction({ action, reason: why, ...input });
      if (!answer?.ok) throw new Error(answer?.message ?? 'The step failed');
      results.push(...(answer.data?.results ?? []));
      setRun({ action, total, results: [...results], done: false });
      return answer.data?.next_cursor ?? null;
    };
    try {
      if (selection.allMatching) {
        let cursor: string | null | undefined;
        do cursor = await step({ filter, cursor: cursor ?? undefined });
        while (cursor);
      } else {
        for (let i = 0; i < selection.ids.length; i += BULK_STEP_SIZE)
          await step({ ids: selection.ids.slice(i, i + BULK_STEP_SIZE) });
      }
      setRun({ action, total: Math.max(total, results.length), results, done: true });
    } catch (e) {
      setRun({ action, total, results, done: true, error: e instanceof Error ? e.message : String(e) });
    }
    setReason('');
    router.refresh();
  }

  const docHref = (kind: BulkDocument) => {
    const p = new URLSearchParams({ kind });
    if (selection.allMatching) p.set('filter', filter);
    else p.set('orders', selection.ids.join(','));
    return `/orders/documents?${p.toString()}`;
  };

  const failed = run?.results.filter((r) => !r.ok) ?? [];
  const succeeded = run?.results.filter((r) => r.ok) ?? [];

  return (
    <>
      {allowed.actions.map((a) => (
        <button
          key={a}
          type="button"
          className={buttonClass}
          disabled={busy || selection.count === 0}
          onClick={() => (BULK_ORDER_ACTIONS[a].reason ? setAsking(a) : void start(a))}
        >
          {BULK_ORDER_ACTIONS[a].label}
          {selection.count > 0 ? ` ${selection.count}` : ''}
        </button>
      ))}
      {selection.count > 0 &&
        allowed.documents.map((d) => (
          <a key={d} href={docHref(d)} target="_blank" rel="noopener" className={buttonClass}>
            {BULK_DOCUMENTS[d].label}
          </a>
        ))}
      {asking && (
        <form
          className="flex w-full flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void start(asking);
          }}
        >
          <label className="flex min-w-0 flex-[1_1_16rem] flex-col text-sm font-medium">
            Reason to {BULK_ORDER_ACTIONS[asking].label.toLowerCase()} {selection.count} orders
            <input
              autoFocus
              required
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 min-h-10 rounded-md border border-slate-300 px-3 font-normal"
            />
          </label>
          <button
            type="submit"
            className="min-h-10 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
          >
            {BULK_ORDER_ACTIONS[asking].label} {selection.count} orders
          </button>
          <button type="button" className={buttonClass} onClick={() => setAsking(null)}>
            Back
          </button>
        </form>
      )}
      {run && (
        <div className="w-full" role="status" aria-live="polite">
          <label className="block text-sm font-medium" htmlFor="bulk-progress">
            {BULK_ORDER_ACTIONS[run.action].label}: {run.results.length} of {run.total} orders
            {run.done ? ` done — ${succeeded.length} succeeded, ${failed.length} failed` : '…'}
          </label>
          <progress
            id="bulk-progress"
            max={Math.max(run.total, 1)}
            value={run.results.length}
            className="mt-1 h-2 w-full"
          />
          {run.error && <p className="mt-1 text-red-800">Stopped: {run.error}</p>}
          {run.results.length > 0 && (
            <ul aria-label="Results per order" className="mt-2 max-h-48 overflow-y-auto text-sm">
              {run.results.map((r) => (
                <li key={r.order_id} className={r.ok ? 'text-green-900' : 'text-red-800'}>
                  {r.number !== null ? `#${r.number}` : r.order_id}:{' '}
                  {r.ok ? r.message : `not done: ${r.message}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
