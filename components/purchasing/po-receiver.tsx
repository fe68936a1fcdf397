'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { tallySubmitClass } from '@/components/fulfillment/tally-input';
import { TallyLine, useScanTally } from '@/components/form/scan-tally';
import type { PurchaseOrderDto } from '@/lib/purchasing/queries';
import { parsePoNumber } from '@/lib/purchasing/rules';
import { findPurchaseOrderAction, receivePurchaseOrderAction } from '@/lib/purchasing/actions';
import { ScanInput, type ScanInputHandle } from '@/components/fulfillment/scan-input';
import { ScanFeedbackMessage, useScanFeedback } from '@/components/fulfillment/scan-feedback-message';

const same = (a: string | null | undefined, b: string) => !!a && a.toUpperCase() === b.toUpperCase();

/**
 * Receiving against a PO, scan-first at tablet width: scan the PO number (the barcode on the PO the
 * supplier sends back with the goods, or type it), then each unit (its barcode, our SKU or the
 * supplier's SKU: each scan adds one), or type the quantities; then “Receive”. A short receipt leaves
 * the rest open; more than is open (plus the supplier's tolerance) is refused by the server, line named.
 */
export function PurchaseOrderReceiver({ initial }: { initial: PurchaseOrderDto | null }) {
  const [po, setPo] = useState<PurchaseOrderDto | null>(initial);
  const units = useScanTally();
  const { replace: setTally, setFieldErrors, add } = units;
  const { feedback, say } = useScanFeedback(
    initial ? { tone: 'ok', message: `${initial.label}: scan each unit, then “Receive”.` } : null,
  );
  const [busy, setBusy] = useState(false);
  const scanRef = useRef<ScanInputHandle>(null);
  // Scans arrive faster than renders: handlers read this ref, renders sync it.
  const state = useRef({ po });
  useEffect(() => {
    state.current = { po };
  }, [po]);

  const load = useCallback(
    async (code: string) => {
      setBusy(true);
      const res = await findPurchaseOrderAction(code);
      setBusy(false);
      if (res?.ok && res.data) {
        setPo(res.data);
        setTally({});
        setFieldErrors({});
        say({ tone: 'ok', message: res.message });
      } else say({ tone: 'error', message: res?.message ?? 'Could not find that purchase order.' });
    },
    [say, setTally, setFieldErrors],
  );

  const onScan = useCallback(
    (code: string) => {
      const current = state.current.po;
      const line = current?.lines.find(
        (l) => same(l.sku, code) || same(l.barcode, code) || same(l.supplier_sku, code),
      );
      if (current && line) {
        const n = add(line.sku);
        say({
          tone: n > line.open ? 'error' : 'ok',
          message:
            n > line.open
              ? `${line.sku}: ${n}, but only ${line.open} ${line.open === 1 ? 'is' : 'are'} open ` +
                `on ${current.label}. Put the extra aside.`
              : `${line.sku}: ${n} of ${line.open} open`,
        });
        return;
      }
      if (parsePoNumber(code) !== null) {
        void load(code);
        return;
      }
      say({
        tone: 'error',
        message: current
          ? `“${code}” is not on ${current.label}. Put it aside and tell a manager.`
          : `Scan the PO number first (like PO-1001).`,
      });
    },
    [load, say, add],
  );

  const receive = async (e: FormEvent) => {
    e.preventDefault();
    if (!po) return;
    const entries = units.filled((v) => v === '' || v === '0');
    if (!entries.length)
      return say({ tone: 'error', message: 'Nothing to receive: scan units or type quantities.' });
    const lines = entries.map(({ sku, n }) => ({ sku, quantity: n }));
    setBusy(true);
    const res = await receivePurchaseOrderAction(po.id, lines);
    setBusy(false);
    if (res?.ok && res.data) {
      setPo(res.data);
      setFieldErrors({});
      setTally({});
      say({ tone: res.data.status === 'received' ? 'done' : 'ok', message: res.message });
      scanRef.current?.focus();
    } else {
      units.showErrors(res, lines);
      say({ tone: 'error', message: res?.message ?? 'Not received. Try again.' });
    }
  };

  const open = po ? po.lines.filter((l) => l.open > 0) : [];
  const receivable = po && (po.status === 'sent' || po.status === 'partially_received');
  return (
    <div className="space-y-4">
      <ScanInput
        ref={scanRef}
        id="receive-scan"
        label={po ? `Scan each unit for ${po.label}` : 'Scan the PO number'}
        hint={
          po
            ? 'Barcode, our SKU or the supplier’s SKU, then Enter. Scan another PO number to switch.'
            : 'The barcode on the purchase order (or type its number, e.g. PO-1001), then Enter.'
        }
        onScan={onScan}
        disabled={busy}
      />

      <ScanFeedbackMessage feedback={feedback} />

      {!po ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          Scan the purchase order that came with the delivery (or type its number) to start receiving.
        </p>
      ) : (
        <form
          onSubmit={(e) => void receive(e)}
          aria-labelledby="po-title"
          className="rounded-xl border border-slate-300 bg-white p-5"
        >
          <h2 id="po-title" className="text-lg font-semibold">
            {po.label} · {po.supplier.name} · into {po.location}
          </h2>
          {!receivable || open.length === 0 ? (
            <p className="mt-3 text-slate-700">Everything on {po.label} has arrived. Scan the next PO.</p>
          ) : (
            <>
              <ul className="mt-3 divide-y divide-slate-100">
                {open.map((l) => (
                  <TallyLine
                    key={l.sku}
                    sku={l.sku}
                    testId="receive-sku"
                    inputId={`receive-${l.sku}`}
                    label={`Receiving now: ${l.sku}`}
                    tally={units}
                  >
                    <p className="text-sm text-slate-700">
                      {l.name}
                      <span className="block" data-testid={`open-${l.sku}`}>
                        {l.received} of {l.quantity - l.cancelled} received · {l.open} open
                      </span>
                    </p>
                  </TallyLine>
                ))}
              </ul>
              <button type="submit" disabled={busy} className={tallySubmitClass}>
                {busy ? 'Receiving…' : 'Receive'}
              </button>
            </>
          )}
        </form>
      )}
    </div>
  );
}
