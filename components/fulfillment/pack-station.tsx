'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { StaticTable } from '@/components/data-table/static-table';
import { ChoiceCard } from '@/components/ui/choice-card';
import { boxVolumeWarning, evaluatePackScan, packComplete, unverifiedUnits } from '@/lib/fulfillment/rules';
import type { PackStationOrder } from '@/lib/fulfillment/pack-queries';
import type { PackLabel } from '@/lib/fulfillment/buy-pack-label';
import {
  buyPackLabelAction,
  packChoiceAction,
  packLookupAction,
  packOrderAction,
} from '@/lib/fulfillment/scan-actions';
import type { PackChoice } from '@/lib/fulfillment/quote-pack';
import { formatMoney } from '@/lib/money';
import { ScanInput } from '@/components/fulfillment/scan-input';
import { ScanFeedbackMessage, useScanFeedback } from '@/components/fulfillment/scan-feedback-message';
import type { PackageOption } from '@/components/fulfillment/ship-order-form';

const big =
  'inline-flex min-h-14 items-center justify-center rounded-lg px-6 text-lg font-semibold disabled:opacity-60';
const STATUS_WORDS: Record<string, string> = {
  fulfilled: 'Fulfilled',
  partially_fulfilled: 'Partially fulfilled',
  open: 'Open',
};

/**
 * The pack station: scan a tote (or type an order number), scan every unit into the box, choose the
 * box and accept or type the weight, close the parcel, buy its label, print. The parcel cannot be
 * closed until every unit is verified, unless a manager overrides with a reason.
 */
export function PackStation({
  packageTypes,
  canOverride,
}: {
  packageTypes: PackageOption[];
  canOverride: boolean;
}) {
  const [order, setOrder] = useState<PackStationOrder | null>(null);
  const [verified, setVerified] = useState<Record<string, number>>({});
  const { feedback, setFeedback, say } = useScanFeedback();
  const [pkg, setPkg] = useState(packageTypes[0]?.code ?? 'custom');
  const [weight, setWeight] = useState('');
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [packId, setPackId] = useState<string | null>(null);
  const [label, setLabel] = useState<PackLabel | null>(null);
  const [busy, setBusy] = useState(false);
  const state = useRef({ order, verified });
  // The latest values for handlers and timers, kept after each commit (never written while rendering).
  useLayoutEffect(() => {
    state.current = { order, verified };
  });

  // The service "Buy label" will buy and its arrival (decision 031).
  const [choice, setChoice] = useState<PackChoice | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const reset = () => {
    setOrder(null);
    setVerified({});
    setPackId(null);
    setLabel(null);
    setChoice(null);
    setWeight('');
    setOverrideOpen(false);
    setOverrideReason('');
    setErrors({});
    setFeedback(null);
  };

  // The service "Buy label" will buy and its arrival, fetched once the parcel is closed (decision 031).
  const fetchChoice = useCallback(async (id: string) => {
    setChoice(null);
    setChoiceError(null);
    const res = await packChoiceAction(id);
    if (res?.ok && res.data) setChoice(res.data);
    else setChoiceError(res?.message ?? 'Rates could not be fetched.');
  }, []);

  const load = useCallback(
    async (code: string) => {
      setBusy(true);
      const res = await packLookupAction(code);
      setBusy(false);
      if (!res?.ok || !res.data) return say({ tone: 'error', message: res?.message ?? 'Not found.' });
      const o = res.data;
      if (o.picking_incomplete && !o.packed)
        return say({
          tone: 'error',
          message:
            `Order #${o.number} is still being picked in wave ${o.wave?.number}: finish or ` +
            `short the pick first.`,
        });
      if (!o.packed && o.lines.length === 0)
        return say({
          tone: 'error',
          message: `Nothing picked for order #${o.number} is waiting to be packed.`,
        });
      setOrder(o);
      setVerified({});
      setErrors({});
      setLabel(null);
      setPackId(o.packed?.id ?? null);
      if (o.packed) void fetchChoice(o.packed.id);
      const grams = o.lines.every((l) => l.weight_grams)
        ? o.lines.reduce((s, l) => s + l.weight_grams! * l.quantity, 0)
        : 0;
      setWeight(grams > 0 ? String(grams) : '');
      // the smallest box the items fit in
      const fits = [...packageTypes]
        .sort((a, b) => a.length_mm * a.width_mm * a.height_mm - b.length_mm * b.width_mm * b.height_mm)
        .find((b) => !boxVolumeWarning(b, o.lines));
      setPkg(fits?.code ?? packageTypes[0]?.code ?? 'custom');
      say({
        tone: 'ok',
        message: o.packed
          ? `Order #${o.number}: parcel already closed — buy its label.`
          : `Order #${o.number}: scan each unit into the box.`,
      });
    },
    [packageTypes, say, fetchChoice],
  );

  const onScan = useCallback(
    (code: string) => {
      const { order: o, verified: v } = state.current;
      if (!o || packId) return void load(code);
      const r = evaluatePackScan({ lines: o.lines, verified: v, code });
      if (r.kind === 'unit_ok') setVerified({ ...v, [r.sku]: (v[r.sku] ?? 0) + 1 });
      say({ tone: r.tone, message: r.message });
    },
    [load, packId, say],
  );

  const complete = !!order && packComplete(order.lines, verified);
  const box = packageTypes.find((p) => p.code === pkg);
  const volumeWarning = order && box ? boxVolumeWarning(box, order.lines) : null;

  const closeParcel = async (override: boolean) => {
    if (!order || busy) return;
    setErrors({});
    setBusy(true);
    const grams = /^\d+$/.test(weight.trim()) ? Number(weight.trim()) : Number.NaN;
    const res = await packOrderAction(order.id, {
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      verified: Object.entries(verified).map(([sku, quantity]) => ({ sku, quantity })),
      override_reason: override ? overrideReason : undefined,
      ...(box ? { package_type: box.code } : {}),
      weight_grams: grams,
      wave_id: order.wave?.id,
    });
    setBusy(false);
    if (res?.ok && res.data) {
      setPackId(res.data.pack_id);
      void fetchChoice(res.data.pack_id);
      setOverrideOpen(false);
      say({ tone: 'done', message: `${res.message} Buy the label.` });
    } else {
      setErrors((res && !res.ok ? res.fieldErrors : undefined) ?? {});
      say({ tone: 'error', message: res?.message ?? 'Not saved.' });
    }
  };

  const buy = async () => {
    if (!packId || busy) return;
    setBusy(true);
    const res = await buyPackLabelAction(packId, choice?.key ?? undefined);
    setBusy(false);
    if (res?.ok && res.data) {
      setLabel(res.data);
      say({ tone: 'done', message: res.message });
    } else say({ tone: 'error', message: res?.message ?? 'The label was not bought.' });
  };

  const scanLabel =
    !order || packId ? 'Scan tote or order number' : `Scan each unit of order #${order.number}`;
  return (
    <div className="space-y-4">
      {!label && !overrideOpen && (
        <ScanInput
          id="pack-scan"
          label={scanLabel}
          hint={
            !order || packId
              ? 'The tote label (#1042) or the order number, then Enter.'
              : 'Each item’s barcode or SKU as it goes into the box, then Enter.'
          }
          onScan={onScan}
        />
      )}

      <ScanFeedbackMessage feedback={feedback} minHeight="min-h-16" />

      {!order && (
        <p className="text-base text-slate-700">
          Waiting for a tote. Orders picked from a paper list can be packed too: type the order number.
        </p>
      )}

      {order && !label && (
        <section aria-labelledby="parcel-title" className="rounded-xl border border-slate-300 bg-white p-5">
          <h2 id="parcel-title" className="text-xl font-semibold">
            Order #{order.number} · {order.customer}
          </h2>
          <p className="text-sm text-slate-700">
            {order.shipping_method ?? 'Standard shipping'}
            {order.wave ? ` · picked in wave ${order.wave.number}` : ''}
          </p>
          {order.packed ? (
            <p className="mt-3 text-base">
              Parcel {order.packed.number} is closed:{' '}
              {order.packed.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')},{' '}
              {order.packed.weight_grams} g.
            </p>
          ) : (
            <>
              <StaticTable
                label="Units to verify table"
                caption="Units to verify"
                className="mt-3"
                size="base"
                columns={[
                  { id: 'sku', header: 'SKU', className: 'font-mono' },
                  { id: 'item', header: 'Item' },
                  { id: 'verified', header: 'Verified', align: 'end', className: 'text-xl font-semibold' },
                ]}
                rows={order.lines.map((l) => {
                  const n = verified[l.sku] ?? 0;
                  return {
                    id: l.sku,
                    className: n === l.quantity ? 'bg-green-50' : '',
                    data: { 'data-testid': `pack-line-${l.sku}` },
                    cells: {
                      sku: l.sku,
                      item: l.name,
                      verified: `${n === l.quantity ? '✓ ' : ''}${n} / ${l.quantity}`,
                    },
                  };
                })}
              />
              {order.left_on_order.length > 0 && (
                <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                  Partial shipment: {order.left_on_order.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}{' '}
                  stay on the order for a later parcel.
                </p>
              )}

              <fieldset className="mt-5 min-w-0">
                <legend className="mb-2 text-base font-semibold">Box</legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {packageTypes.map((p) => (
                    <ChoiceCard
                      key={p.code}
                      name="pack-box"
                      value={p.code}
                      checked={pkg === p.code}
                      onChoose={() => setPkg(p.code)}
                      title={p.name}
                      note={`${p.length_mm} × ${p.width_mm} × ${p.height_mm} mm · box ${p.tare_grams} g`}
                    />
                  ))}
                </div>
                {errors.package_type && <p className="mt-1 text-sm text-red-700">{errors.package_type}</p>}
                {volumeWarning && (
                  <p
                    role="status"
                    className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
                  >
                    ⚠ {volumeWarning}
                  </p>
                )}
              </fieldset>

              <div className="mt-4 max-w-xs">
                <label htmlFor="pack-weight" className="block text-base font-semibold">
                  Weight of the contents (g)
                </label>
                <input
                  id="pack-weight"
                  inputMode="numeric"
                  autoComplete="off"
                  value={weight}
                  onChange={(e) => setWeight(e.target.value)}
                  aria-invalid={errors.weight_grams ? true : undefined}
                  aria-describedby={errors.weight_grams ? 'pack-weight-error' : 'pack-weight-hint'}
                  className="mt-1 block min-h-12 w-full rounded-md border border-slate-400 bg-white px-3 text-xl"
                />
                <p id="pack-weight-hint" className="mt-1 text-sm text-slate-600">
                  Filled in from the items’ weights: accept it, or type the scale reading.{' '}
                  {box ? `The box adds ${box.tare_grams} g.` : ''}
                </p>
                {errors.weight_grams && (
                  <p id="pack-weight-error" className="mt-1 text-sm text-red-700">
                    {errors.weight_grams}
                  </p>
                )}
              </div>

              {/* The primary action stays in view at tablet height (issue 15 item 3): pinned to the bottom. */}
              <div
                className={
                  'sticky bottom-0 z-10 -mx-5 border-t border-slate-200 bg-white/95 px-5 ' +
                  'py-3 backdrop-blur mt-5 flex flex-wrap items-center gap-3'
                }
              >
                <button
                  type="button"
                  onClick={() => void closeParcel(false)}
                  disabled={busy || !complete}
                  className={`${big} bg-brand-700 text-white hover:bg-brand-800`}
                  aria-describedby="pack-close-hint"
                >
                  Close parcel
                </button>
                <p id="pack-close-hint" className="text-base text-slate-700">
                  {complete
                    ? 'Every unit verified.'
                    : `Not verified yet: ${unverifiedUnits(order.lines, verified).join(', ')}.`}
                </p>
              </div>
              {!complete &&
                (canOverride ? (
                  !overrideOpen ? (
                    <button
                      type="button"
                      onClick={() => setOverrideOpen(true)}
                      className={`${big} mt-3 border-2 border-amber-700 bg-white text-amber-900`}
                    >
                      Manager override…
                    </button>
                  ) : (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void closeParcel(true);
                      }}
                      aria-label="Manager override"
                      className="mt-3 space-y-3 rounded-lg border-2 border-amber-700 bg-amber-50 p-4"
                    >
                      <div>
                        <label htmlFor="override-reason" className="block text-base font-medium">
                          Why close the parcel without verifying every unit?
                        </label>
                        <input
                          id="override-reason"
                          autoFocus
                          value={overrideReason}
                          onChange={(e) => setOverrideReason(e.target.value)}
                          aria-invalid={errors.override_reason ? true : undefined}
                          aria-describedby={errors.override_reason ? 'override-error' : undefined}
                          className={
                            'mt-1 block min-h-12 w-full rounded-md border border-slate-400 ' +
                            'bg-white px-3 text-lg'
                          }
                        />
                        {errors.override_reason && (
                          <p id="override-error" className="mt-1 text-sm text-red-700">
                            {errors.override_reason}
                          </p>
                        )}
                      </div>
                      <div className="flex flex-wrap gap-3">
                        <button type="submit" disabled={busy} className={`${big} bg-amber-700 text-white`}>
                          Close parcel with override
                        </button>
                        <button
                          type="button"
                          onClick={() => setOverrideOpen(false)}
                          className={`${big} border border-slate-300 bg-white`}
                        >
                          Cancel
                        </button>
                      </div>
                    </form>
                  )
                ) : (
                  <p className="mt-3 text-sm text-slate-700">
                    A unit missing or without a barcode? A manager can close the parcel with an override.
                  </p>
                ))}
            </>
          )}
          {packId && (
            <div
              className="mt-5 rounded-lg border border-slate-200 bg-slate-50 p-3 text-base"
              data-testid="pack-service"
            >
              {choice ? (
                choice.key ? (
                  <>
                    <p>
                      Ships by{' '}
                      <strong>
                        {choice.carrier} · {choice.service}
                      </strong>
                      {choice.price !== null && choice.currency
                        ? `, ${formatMoney(choice.price, choice.currency)}`
                        : ''}
                      , arrives <strong>{choice.delivery_date}</strong>
                      {choice.meets_promise === false ? ' — later than promised' : ''}
                    </p>
                    <p className="text-sm text-slate-700">
                      Paid for: {choice.paid_label}
                      {choice.promised_by ? `, delivery promised by ${choice.promised_by}` : ''}
                    </p>
                  </>
                ) : (
                  <p>No service can take this parcel: check the box and weight on the ship page.</p>
                )
              ) : (
                <p className="text-sm text-slate-700">
                  {choiceError ?? 'Getting the service and its arrival…'}
                </p>
              )}
            </div>
          )}
          {packId && (
            <div
              className={
                'sticky bottom-0 z-10 -mx-5 border-t border-slate-200 bg-white/95 px-5 py-3 ' +
                'backdrop-blur mt-5 flex flex-wrap gap-3'
              }
              data-testid="buy-label-bar"
            >
              <button
                type="button"
                onClick={() => void buy()}
                disabled={busy}
                className={`${big} bg-brand-700 text-white hover:bg-brand-800`}
              >
                {busy ? 'Buying label…' : 'Buy label'}
              </button>
              <button type="button" onClick={reset} className={`${big} border border-slate-300 bg-white`}>
                Later: next tote
              </button>
            </div>
          )}
          {!packId && (
            <p className="mt-4">
              <button
                type="button"
                onClick={reset}
                className="inline-flex min-h-11 items-center text-base text-brand-700 underline"
              >
                Put this tote aside
              </button>
            </p>
          )}
        </section>
      )}

      {label && (
        <section
          aria-labelledby="label-title"
          className="rounded-xl border-2 border-green-700 bg-green-50 p-5 text-green-950"
        >
          <h2 id="label-title" className="text-2xl font-semibold">
            Label bought — order #{label.order_number}
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-base sm:grid-cols-2">
            <div>
              <dt className="font-medium">Tracking number</dt>
              <dd className="font-mono text-lg" data-testid="tracking-number">
                {label.tracking_number}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Carrier / service</dt>
              <dd>
                {label.carrier} · {label.service}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Order status</dt>
              <dd data-testid="order-status">{STATUS_WORDS[label.order_status] ?? label.order_status}</dd>
            </div>
          </dl>
          <p className="mt-4 flex flex-wrap gap-3">
            <a
              href={`/fulfillment/shipments/${label.shipment_id}/label`}
              target="_blank"
              rel="noopener"
              className={`${big} bg-brand-700 text-white hover:bg-brand-800`}
            >
              Print label (PDF)
            </a>
            <button
              type="button"
              onClick={reset}
              className={`${big} border border-slate-300 bg-white text-slate-900`}
            >
              Next tote
            </button>
          </p>
        </section>
      )}
    </div>
  );
}
