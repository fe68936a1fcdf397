'use client';

import { useCallback, useRef, useState } from 'react';
import { TallyInput } from '@/components/fulfillment/tally-input';
import type { ActionState } from '@/lib/server-action';

type Tally = Record<string, string>;

/**
 * The units a scan screen tallies by SKU (a count sheet's bin, a receipt): each scan adds one, or the
 * number is typed. Scans arrive faster than renders, so the tally is also kept in a ref that every
 * change writes at once: the next scan adds to this one. `fieldErrors` are the last refusal's errors
 * by SKU.
 */
export function useScanTally() {
  const [tally, setTally] = useState<Tally>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const latest = useRef<Tally>({});
  const replace = useCallback((next: Tally) => {
    latest.current = next;
    setTally(next);
  }, []);
  /** one more unit of `sku`; the new count */
  const add = useCallback(
    (sku: string) => {
      const n = (Number.parseInt(latest.current[sku] ?? '', 10) || 0) + 1;
      replace({ ...latest.current, [sku]: String(n) });
      return n;
    },
    [replace],
  );
  const type = useCallback(
    (sku: string, value: string) => replace({ ...latest.current, [sku]: value }),
    [replace],
  );
  /** the lines to send: the filled-in SKUs (not the skipped values) and their whole numbers (NaN if not one) */
  const filled = (skip: (value: string) => boolean) =>
    Object.entries(tally)
      .filter(([, v]) => !skip(v.trim()))
      .map(([sku, v]) => ({ sku, n: /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN }));
  /** show a refusal's errors (`lines.2.quantity`) beside the SKU of the line sent at that position */
  const showErrors = (res: ActionState<unknown>, sent: { sku: string }[]) => {
    const errs: Record<string, string> = {};
    for (const [k, v] of Object.entries(res && !res.ok ? (res.fieldErrors ?? {}) : {})) {
      const m = /^lines\.(\d+)\./.exec(k);
      if (m) errs[sent[Number(m[1])].sku] = v;
    }
    setFieldErrors(errs);
  };
  return { tally, replace, add, type, filled, fieldErrors, setFieldErrors, showErrors };
}

/** One SKU of a scan screen's tally: the SKU large, what is known of it, and its unit-count input. */
export function TallyLine({
  sku,
  testId,
  inputId,
  label,
  tally,
  children,
}: {
  sku: string;
  /** the data-testid of the SKU's text */
  testId: string;
  inputId: string;
  label: string;
  tally: Pick<ReturnType<typeof useScanTally>, 'tally' | 'fieldErrors' | 'type'>;
  children: React.ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-48">
        <p className="font-mono text-xl font-bold" data-testid={testId}>
          {sku}
        </p>
        {children}
      </div>
      <TallyInput
        id={inputId}
        label={label}
        value={tally.tally[sku] ?? ''}
        error={tally.fieldErrors[sku]}
        onChange={(v) => tally.type(sku, v)}
      />
    </li>
  );
}
