'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import { receiveScanAction, type ScanState } from '@/lib/returns/actions';

/**
 * The receiving station: a keyboard-wedge scanner types the code and Enter into an input that keeps
 * the focus (after every scan, and when the page is clicked elsewhere), so the next parcel can be
 * scanned without touching the tablet. Each scan receives one unit.
 */
export function ReceiveScanner({ returnId, disabled }: { returnId: string; disabled?: boolean }) {
  const [state, dispatch, pending] = useActionState<ScanState, FormData>(receiveScanAction, null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!input.current) return;
    input.current.value = '';
    input.current.focus();
  }, [state]);
  useEffect(() => {
    const refocus = () =>
      setTimeout(() => {
        const active = document.activeElement;
        if (!active || active === document.body) input.current?.focus();
      }, 0);
    document.addEventListener('click', refocus);
    return () => document.removeEventListener('click', refocus);
  }, []);
  return (
    <form
      aria-label="Receive by scanning"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
      className="space-y-3"
    >
      <input type="hidden" name="returnId" value={returnId} />
      <label htmlFor="scan-code" className="block text-base font-semibold">
        Scan an item (or type its SKU and press Enter)
      </label>
      <input
        id="scan-code"
        name="code"
        ref={input}
        autoFocus
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        disabled={disabled}
        aria-describedby="scan-result"
        className={
          'block w-full rounded-md border-2 border-brand-700 bg-white px-4 py-3 font-mono ' +
          'text-xl disabled:bg-slate-100'
        }
      />
      <div id="scan-result" aria-live="assertive" className="min-h-12">
        {pending && <p className="text-slate-700">Receiving…</p>}
        {!pending && state && (
          <p
            role={state.ok ? 'status' : 'alert'}
            className={
              `rounded-md px-4 py-3 text-base ` +
              (`font-medium ` +
                (state.ok
                  ? 'border border-green-300 bg-green-50 text-green-900'
                  : 'border border-red-300 bg-red-50 text-red-900'))
            }
          >
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
