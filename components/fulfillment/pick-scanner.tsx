'use client';

import Link from 'next/link';
import { StaticTable } from '@/components/data-table/static-table';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import {
  evaluatePickScan,
  nextStop,
  pickRoute,
  SHORT_ACTION_LABEL,
  SHORT_ACTIONS,
  toteForNextUnit,
  type ShortAction,
} from '@/lib/fulfillment/rules';
import type { WaveDetail } from '@/lib/fulfillment/wave-queries';
import { pickUnitAction, shortPickAction, waveStateAction } from '@/lib/fulfillment/scan-actions';
import { ScanInput, type ScanInputHandle } from '@/components/fulfillment/scan-input';
import { ScanFeedbackMessage, useScanFeedback } from '@/components/fulfillment/scan-feedback-message';
import { scanCue } from '@/components/fulfillment/scan-feedback';

const big = 'inline-flex min-h-14 items-center justify-center rounded-lg px-6 text-lg font-semibold';

/**
 * The scanner pick screen of a wave: the next stop (bin and item), scan the bin then each unit, the
 * tote each unit goes into; wrong bin / wrong item / over-pick are refused with a message, a sound and
 * a buzz. Every counted unit is saved on the server before it shows, and the screen reads the wave
 * again every few seconds, so two devices on one wave (or a reload) agree.
 */
export function PickScanner({ initial }: { initial: WaveDetail }) {
  const [wave, setWave] = useState(initial);
  const [binFor, setBinFor] = useState<string | null>(null); // the SKU whose bin was scanned
  const { feedback, say } = useScanFeedback();
  const [busy, setBusy] = useState(false);
  const [shortOpen, setShortOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [action, setAction] = useState<ShortAction>('keep_reserved');
  const [shortError, setShortError] = useState<string | null>(null);
  const queue = useRef(Promise.resolve());
  const scanRef = useRef<ScanInputHandle>(null);
  const waveRef = useRef(wave);
  const binRef = useRef(binFor);
  // The latest values for handlers and timers, kept after each commit (never written while rendering).
  useLayoutEffect(() => {
    waveRef.current = wave;
    binRef.current = binFor;
  });

  const route = pickRoute(wave.tasks);
  const stop = nextStop(route);
  const total = route.reduce((s, x) => s + x.quantity, 0);
  const picked = route.reduce((s, x) => s + x.picked, 0);
  const short = route.reduce((s, x) => s + x.short_quantity, 0);
  const binConfirmed = !!stop && (!stop.bin_code || binFor === stop.sku);
  const tote = stop ? toteForNextUnit(stop) : null;

  const handle = useCallback(
    async (code: string) => {
      const current = waveRef.current;
      const r = pickRoute(current.tasks);
      const s = nextStop(r);
      const result = evaluatePickScan({
        route: r,
        binConfirmed: !!s && (!s.bin_code || binRef.current === s.sku),
        code,
        bins: current.bins,
      });
      if (result.kind === 'bin_ok') {
        setBinFor(s!.sku);
        say({ tone: 'ok', message: result.message });
        return;
      }
      if (result.kind !== 'unit_ok') {
        say({ tone: result.tone, message: result.message });
        return;
      }
      setBusy(true);
      const res = await pickUnitAction(current.id, result.sku);
      setBusy(false);
      if (res?.ok && res.data) {
        setWave(res.data);
        const after = nextStop(pickRoute(res.data.tasks));
        say({
          tone: after ? 'ok' : 'done',
          message: after ? res.message : `${res.message}. Every unit of this wave is picked.`,
        });
      } else {
        say({ tone: 'error', message: res?.message ?? 'The pick was not saved. Scan again.' });
        const fresh = await waveStateAction(current.id);
        if (fresh?.ok && fresh.data) setWave(fresh.data);
      }
    },
    [say],
  );

  // Scans are handled one at a time, in the order they arrive (a fast scanner does not race itself).
  const onScan = useCallback(
    (code: string) => {
      queue.current = queue.current.then(() => handle(code)).catch(() => undefined);
    },
    [handle],
  );

  // Other devices' picks show up within seconds.
  useEffect(() => {
    if (wave.status !== 'open') return;
    const refresh = async () => {
      if (document.hidden) return;
      const fresh = await waveStateAction(waveRef.current.id);
      if (fresh?.ok && fresh.data) setWave(fresh.data);
    };
    const timer = window.setInterval(() => void refresh(), 5_000);
    return () => window.clearInterval(timer);
  }, [wave.status]);

  const submitShort = async (e: FormEvent) => {
    e.preventDefault();
    if (!stop) return;
    setShortError(null);
    setBusy(true);
    const res = await shortPickAction(wave.id, { sku: stop.sku, reason, action });
    setBusy(false);
    if (res?.ok && res.data) {
      setWave(res.data);
      setShortOpen(false);
      setReason('');
      say({ tone: 'ok', message: res.message });
      scanRef.current?.focus();
    } else {
      setShortError((res && !res.ok ? res.fieldErrors?.reason : undefined) ?? res?.message ?? 'Not saved.');
      scanCue('error');
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <div className="min-w-48 flex-1">
          <p className="text-base font-medium" id="pick-progress-label">
            {picked} of {total} units picked{short ? ` · ${short} short` : ''}
          </p>
          <progress
            aria-labelledby="pick-progress-label"
            max={total}
            value={picked + short}
            className="h-3 w-full accent-brand-700"
          />
        </div>
        <p className="text-sm text-slate-700">Totes: {wave.orders.map((o) => o.tote).join(', ')}</p>
      </div>

      {stop && !shortOpen && (
        <ScanInput
          ref={scanRef}
          id="pick-scan"
          label={binConfirmed ? `Scan each unit of ${stop.sku}` : `Scan bin ${stop.bin_code}`}
          hint="Scanner or keyboard: the bin label, then the item’s barcode or SKU, then Enter."
          onScan={onScan}
        />
      )}

      <ScanFeedbackMessage feedback={feedback} minHeight="min-h-16" />

      {stop ? (
        <section aria-labelledby="stop-title" className="rounded-xl border border-slate-300 bg-white p-5">
          <h2 id="stop-title" className="sr-only">
            Next stop
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
                {binConfirmed && stop.bin_code ? 'Bin ✓' : 'Go to bin'}
              </p>
              <p className="font-mono text-5xl font-bold" data-testid="stop-bin">
                {stop.bin_code ?? 'No bin'}
              </p>
              {!stop.bin_code && (
                <p className="text-sm text-slate-700">
                  This SKU has no bin: ask where it is kept, then scan the item.
                </p>
              )}
            </div>
            <div>
              <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Item</p>
              <p className="font-mono text-3xl font-bold" data-testid="stop-sku">
                {stop.sku}
              </p>
              <p className="text-base">
                {stop.name}
                {stop.barcode && <span className="block text-sm text-slate-600">Barcode {stop.barcode}</span>}
              </p>
            </div>
          </div>
          <p className="mt-4 text-2xl font-semibold" data-testid="stop-count">
            {stop.picked} of {stop.quantity - stop.short_quantity} picked
          </p>
          {tote && (
            <p className="mt-1 text-xl">
              Next unit → <strong className="font-mono">tote {tote.tote}</strong>
            </p>
          )}
          <StaticTable
            label="Totes table"
            caption={`Units of ${stop.sku} per tote`}
            className="mt-4"
            size="base"
            columns={[
              { id: 'tote', header: 'Tote', className: 'font-mono' },
              { id: 'wants', header: 'Wants', align: 'end' },
              { id: 'picked', header: 'Picked', align: 'end' },
              { id: 'state', header: <span className="sr-only">State</span> },
            ]}
            rows={stop.totes.map((t) => ({
              id: t.task_id,
              className: tote?.task_id === t.task_id ? 'bg-brand-50 font-semibold' : '',
              cells: {
                tote: t.tote,
                wants: t.quantity,
                picked: t.picked,
                state:
                  t.remaining === 0
                    ? t.short_quantity
                      ? `${t.short_quantity} short`
                      : 'Done'
                    : tote?.task_id === t.task_id
                      ? 'Next'
                      : '',
              },
            }))}
          />
          {!shortOpen ? (
            <div className="mt-4 flex flex-wrap gap-3">
              <button
                type="button"
                onClick={() => {
                  setShortOpen(true);
                  setShortError(null);
                }}
                disabled={busy}
                className={`${big} border-2 border-amber-700 bg-white text-amber-900 hover:bg-amber-50`}
              >
                Short pick…<span className="sr-only"> {stop.sku}</span>
              </button>
            </div>
          ) : (
            <form
              onSubmit={(e) => void submitShort(e)}
              aria-label={`Short pick ${stop.sku}`}
              className="mt-4 space-y-3 rounded-lg border-2 border-amber-700 bg-amber-50 p-4"
            >
              <p className="text-base font-semibold">
                {stop.remaining} × {stop.sku} cannot be picked
              </p>
              <div>
                <label htmlFor="short-reason" className="block text-base font-medium">
                  Reason
                </label>
                <input
                  id="short-reason"
                  autoFocus
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={shortError ? true : undefined}
                  aria-describedby={shortError ? 'short-error' : undefined}
                  className="mt-1 block min-h-12 w-full rounded-md border border-slate-400 bg-white px-3 text-lg"
                  placeholder="e.g. Bin empty, item damaged"
                />
              </div>
              <fieldset>
                <legend className="text-base font-medium">The missing units</legend>
                {SHORT_ACTIONS.map((a) => (
                  <label
                    key={a}
                    className={
                      'mt-2 flex min-h-12 cursor-pointer items-center gap-3 rounded-md ' +
                      'border border-slate-300 bg-white px-3'
                    }
                  >
                    <input
                      type="radio"
                      name="short-action"
                      value={a}
                      checked={action === a}
                      onChange={() => setAction(a)}
                      className="size-5"
                    />
                    <span>{SHORT_ACTION_LABEL[a]}</span>
                  </label>
                ))}
              </fieldset>
              {shortError && (
                <p id="short-error" role="alert" className="text-base text-red-800">
                  {shortError}
                </p>
              )}
              <div className="flex flex-wrap gap-3">
                <button
                  type="submit"
                  disabled={busy}
                  className={`${big} bg-amber-700 text-white hover:bg-amber-800`}
                >
                  Mark {stop.remaining} short
                </button>
                <button
                  type="button"
                  onClick={() => setShortOpen(false)}
                  className={`${big} border border-slate-300 bg-white`}
                >
                  Cancel
                </button>
              </div>
            </form>
          )}
        </section>
      ) : (
        <section
          aria-labelledby="done-title"
          className="rounded-xl border-2 border-green-700 bg-green-50 p-5"
        >
          <h2 id="done-title" className="text-2xl font-semibold">
            Wave picked
          </h2>
          <p className="mt-1 text-base">
            {picked} units in {wave.orders.length} {wave.orders.length === 1 ? 'tote' : 'totes'}
            {short ? `, ${short} short (left on their orders)` : ''}. Take the totes to the pack station.
          </p>
          <p className="mt-4 flex flex-wrap gap-3">
            <Link href="/fulfillment/pack" className={`${big} bg-brand-700 text-white hover:bg-brand-800`}>
              Go to the pack station
            </Link>
            <Link
              href={`/fulfillment/waves/${wave.id}/labels`}
              className={`${big} border border-slate-300 bg-white`}
            >
              Labels for this wave
            </Link>
          </p>
        </section>
      )}

      <section aria-labelledby="route-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="route-title" className="mb-2 text-lg font-semibold">
          Route
        </h2>
        <ol className="divide-y divide-slate-100">
          {route.map((s) => (
            // Bin | SKU with the name under it | count: one grid, so every stop reads the same at tablet width.
            <li
              key={s.sku}
              className={
                `grid grid-cols-[5.5rem_1fr_auto] items-start gap-x-3 ` +
                `py-2 ${s === stop ? 'font-semibold' : s.remaining === 0 ? 'text-slate-600' : ''}`
              }
            >
              <span className="font-mono">{s.bin_code ?? '—'}</span>
              <span className="min-w-0">
                <span className="font-mono">{s.sku}</span>
                <span className="block text-sm text-slate-600">{s.name}</span>
              </span>
              <span className="whitespace-nowrap text-right tabular-nums">
                {s.remaining === 0
                  ? s.short_quantity
                    ? `${s.picked} picked, ${s.short_quantity} short`
                    : `✓ ${s.picked}`
                  : `${s.picked} / ${s.quantity}`}
                {s === stop ? ' · now' : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
