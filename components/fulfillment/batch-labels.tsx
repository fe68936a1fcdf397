'use client';

import { useRouter } from 'next/navigation';
import { StaticTable } from '@/components/data-table/static-table';
import { useState } from 'react';
import { buyPackLabelAction } from '@/lib/fulfillment/scan-actions';

export type BatchRow = {
  order_id: string;
  order_number: number;
  pack_id: string | null;
  pack_status: string | null;
  tracking_number: string | null;
};
type Outcome = { ok: true; tracking: string; note: string } | { ok: false; message: string };

const big =
  'inline-flex min-h-14 items-center justify-center rounded-lg px-6 text-lg font-semibold disabled:opacity-60';

/**
 * Batch labels for a wave: buys the label of every packed parcel, one request per parcel so the
 * screen shows progress and each order's own error; a failure never stops the rest. Then one PDF of
 * every label of the wave.
 */
export function BatchLabels({
  waveId,
  waveNumber,
  rows,
}: {
  waveId: string;
  waveNumber: number;
  rows: BatchRow[];
}) {
  const router = useRouter();
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const todo = rows.filter((r) => r.pack_status === 'packed' && r.pack_id);
  const shipped =
    rows.filter((r) => r.pack_status === 'shipped').length +
    Object.values(outcomes).filter((o) => o.ok).length;

  const run = async () => {
    if (running) return;
    setRunning(true);
    setDone(0);
    for (const r of todo) {
      const res = await buyPackLabelAction(r.pack_id!);
      setOutcomes((prev) => ({
        ...prev,
        [r.order_id]:
          res?.ok && res.data
            ? {
                ok: true,
                tracking: res.data.tracking_number,
                note: `${res.data.carrier} ${res.data.service}`,
              }
            : { ok: false, message: res?.message ?? 'Failed.' },
      }));
      setDone((d) => d + 1);
    }
    setRunning(false);
    router.refresh();
  };

  const failed = Object.values(outcomes).filter((o) => !o.ok).length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void run()}
          disabled={running || todo.length === 0}
          className={`${big} bg-brand-700 text-white hover:bg-brand-800`}
        >
          {running
            ? `Buying ${Math.min(done + 1, todo.length)} of ${todo.length}…`
            : todo.length
              ? `Buy ${todo.length} ${todo.length === 1 ? 'label' : 'labels'}`
              : 'No packed parcels waiting'}
        </button>
        {shipped > 0 && !running && (
          <a
            href={`/fulfillment/waves/${waveId}/labels/pdf`}
            target="_blank"
            rel="noopener"
            className={`${big} border border-slate-300 bg-white`}
          >
            Print all labels of wave {waveNumber} (PDF)
          </a>
        )}
      </div>
      {(running || done > 0) && (
        <div>
          <p id="batch-progress-label" className="text-base font-medium" aria-live="polite">
            {running
              ? `Buying labels: ${done} of ${todo.length} done`
              : `Done: ${done - failed} bought${failed ? `, ${failed} failed — see below` : ''}.`}
          </p>
          <progress
            aria-labelledby="batch-progress-label"
            max={Math.max(todo.length, 1)}
            value={done}
            className="h-3 w-full accent-brand-700"
          />
        </div>
      )}
      <StaticTable
        label="Wave labels table"
        caption={`Orders of wave ${waveNumber} and their labels`}
        size="base"
        columns={[
          { id: 'order', header: 'Order', className: 'font-semibold' },
          { id: 'parcel', header: 'Parcel' },
          { id: 'label', header: 'Label' },
        ]}
        rows={rows.map((r) => {
          const o = outcomes[r.order_id];
          return {
            id: r.order_id,
            data: { 'data-testid': `batch-row-${r.order_number}` },
            cells: {
              order: `#${r.order_number}`,
              parcel:
                r.pack_status === 'packed'
                  ? 'Packed'
                  : r.pack_status === 'shipped'
                    ? 'Shipped'
                    : 'Not packed yet',
              label: o ? (
                o.ok ? (
                  <span className="text-green-900">
                    ✓ <span className="font-mono">{o.tracking}</span> · {o.note}
                  </span>
                ) : (
                  <span role="alert" className="text-red-800">
                    ✗ {o.message}
                  </span>
                )
              ) : r.tracking_number ? (
                <span className="font-mono">{r.tracking_number}</span>
              ) : r.pack_status === 'packed' ? (
                'Waiting'
              ) : (
                'Pack it at the pack station first'
              ),
            },
          };
        })}
      />
    </div>
  );
}
