'use client';

import { useCallback, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { tallySubmitClass } from '@/components/fulfillment/tally-input';
import { TallyLine, useScanTally } from '@/components/form/scan-tally';
import type { CountSheet } from '@/lib/inventory/cycle-counts/queries';
import { recordCountsAction } from '@/lib/inventory/cycle-counts/actions';
import { ScanInput, type ScanInputHandle } from '@/components/fulfillment/scan-input';
import { ScanFeedbackMessage, useScanFeedback } from '@/components/fulfillment/scan-feedback-message';

/** undefined: no bin chosen yet; null: the items that have no bin */
type BinChoice = string | null | undefined;

const same = (a: string | null | undefined, b: string) => !!a && a.toUpperCase() === b.toUpperCase();

/**
 * The blind count screen: scan a bin label (or pick the bin), then scan each unit in it (each scan adds
 * one) or type the number counted, then save the bin. The expected quantity is never sent to this
 * screen. Saved counts show as "Saved: n"; saving again is a recount.
 */
export function CountScanner({ initial }: { initial: CountSheet }) {
  const [sheet, setSheet] = useState(initial);
  const [bin, setBin] = useState<BinChoice>(undefined);
  const units = useScanTally();
  const { tally, replace: setTally, setFieldErrors } = units;
  const { feedback, say } = useScanFeedback();
  const { add } = units;
  const [busy, setBusy] = useState(false);
  const scanRef = useRef<ScanInputHandle>(null);
  const state = useRef({ sheet, bin });
  // The latest values for handlers and timers, kept after each commit (never written while rendering).
  useLayoutEffect(() => {
    state.current = { sheet, bin };
  });

  const groups: (string | null)[] = [...sheet.bins, ...(sheet.lines.some((l) => !l.bin_code) ? [null] : [])];
  const linesIn = (s: CountSheet, b: string | null) => s.lines.filter((l) => (l.bin_code ?? null) === b);
  const counted = sheet.lines.filter((l) => l.counted !== null).length;

  const choose = useCallback(
    (b: string | null) => {
      setBin(b);
      setFieldErrors({});
      setTally(Object.fromEntries(linesIn(state.current.sheet, b).map((l) => [l.sku, ''])));
    },
    [setTally, setFieldErrors],
  );

  const onScan = useCallback(
    (code: string) => {
      const { sheet: s, bin: b } = state.current;
      const binHit = s.bins.find((x) => same(x, code));
      if (binHit) {
        choose(binHit);
        say({
          tone: 'ok',
          message: `Bin ${binHit}: scan each unit, or type the counts, then “Save counts”.`,
        });
        return;
      }
      const line = s.lines.find((l) => same(l.sku, code) || same(l.barcode, code));
      if (!line) return say({ tone: 'error', message: `“${code}” is not on this count sheet.` });
      if (b === undefined)
        return say({
          tone: 'error',
          message:
            `Scan the bin label first` +
            `${line.bin_code ? ` (${line.sku} is listed in bin ${line.bin_code})` : ''}.`,
        });
      if ((line.bin_code ?? null) !== b)
        return say({
          tone: 'error',
          message:
            `${line.sku} is listed in ${line.bin_code ? `bin ${line.bin_code}` : 'no bin'}, ` +
            `not here. Put it aside and tell a manager.`,
        });
      const n = add(line.sku);
      say({ tone: 'ok', message: `${line.sku}: ${n}` });
    },
    [choose, say, add],
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const entries = units.filled((v) => v === '');
    if (!entries.length)
      return say({
        tone: 'error',
        message: 'Nothing to save: scan units or type a count (0 if the shelf is empty).',
      });
    const lines = entries.map(({ sku, n }) => ({ sku, counted: n }));
    setBusy(true);
    const res = await recordCountsAction(sheet.id, lines);
    setBusy(false);
    if (res?.ok && res.data) {
      setSheet(res.data);
      setFieldErrors({});
      const after = res.data.lines.filter((l) => l.counted !== null).length;
      say({
        tone: after === res.data.lines.length ? 'done' : 'ok',
        message: after === res.data.lines.length ? `${res.message} Every line is counted.` : res.message,
      });
      setTally(Object.fromEntries(Object.keys(tally).map((k) => [k, ''])));
      scanRef.current?.focus();
    } else {
      units.showErrors(res, lines);
      say({ tone: 'error', message: res?.message ?? 'Not saved. Try again.' });
    }
  };

  const current = bin === undefined ? [] : linesIn(sheet, bin);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-base font-medium" id="count-progress-label">
          {counted} of {sheet.lines.length} lines counted
        </p>
        <progress
          aria-labelledby="count-progress-label"
          max={sheet.lines.length}
          value={counted}
          className="h-3 w-full accent-brand-700"
        />
      </div>

      <ScanInput
        ref={scanRef}
        id="count-scan"
        label={
          bin === undefined
            ? 'Scan a bin label'
            : `Scan each unit in ${bin === null ? 'the items without a bin' : `bin ${bin}`}`
        }
        hint="Scanner or keyboard: the bin label, then each unit’s barcode or SKU, then Enter."
        onScan={onScan}
      />

      <ScanFeedbackMessage feedback={feedback} />

      <nav aria-label="Bins on this sheet">
        <ul className="flex flex-wrap gap-2">
          {groups.map((g) => {
            const ls = linesIn(sheet, g);
            const done = ls.filter((l) => l.counted !== null).length;
            return (
              <li key={g ?? '(none)'}>
                <button
                  type="button"
                  aria-pressed={bin === g}
                  onClick={() => choose(g)}
                  className={
                    `min-h-12 rounded-lg border px-4 text-left ` +
                    (`text-sm ` +
                      (bin === g
                        ? 'border-brand-700 bg-brand-50 font-semibold text-brand-900'
                        : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-50'))
                  }
                >
                  <span className="font-mono text-base">{g ?? 'No bin'}</span>
                  <span className="block text-xs text-slate-700">
                    {done} of {ls.length} counted
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>

      {bin === undefined ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          Go to a bin and scan its label, or choose it above. Then count what is on the shelf.
        </p>
      ) : (
        <form
          onSubmit={(e) => void save(e)}
          aria-labelledby="bin-title"
          className="rounded-xl border border-slate-300 bg-white p-5"
        >
          <h2 id="bin-title" className="text-lg font-semibold">
            {bin === null ? (
              'Items without a bin'
            ) : (
              <>
                Bin <span className="font-mono">{bin}</span>
              </>
            )}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {current.map((l) => (
              <TallyLine
                key={l.sku}
                sku={l.sku}
                testId="count-sku"
                inputId={`count-${l.sku}`}
                label={`Counted units of ${l.sku}`}
                tally={units}
              >
                <p className="text-sm text-slate-700">
                  {l.name}
                  {l.barcode && <span className="block">Barcode {l.barcode}</span>}
                </p>
                {l.counted !== null && (
                  <p className="text-sm font-medium text-green-900" data-testid={`saved-${l.sku}`}>
                    Saved: {l.counted}
                  </p>
                )}
              </TallyLine>
            ))}
          </ul>
          <button type="submit" disabled={busy} className={tallySubmitClass}>
            {busy ? 'Saving…' : 'Save counts'}
          </button>
        </form>
      )}
    </div>
  );
}
