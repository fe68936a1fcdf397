'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { ChoiceCard } from '@/components/ui/choice-card';
import { FormMessage, inputClass } from '@/components/ui/form';
import { StaticTable } from '@/components/data-table/static-table';
import { formatMoney } from '@/lib/money';
import { buyLabelAction, getRatesAction, type LabelData, type RatesData } from '@/lib/fulfillment/actions';
import type { ActionState } from '@/lib/server-action';
import { DUTIES_TERMS, DUTIES_TERMS_LABEL, type CustomsForm, type DutiesTerms } from '@/lib/shipping/customs';

export type PackageOption = {
  code: string;
  name: string;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  tare_grams: number;
  max_weight_grams: number;
};

const STATUS_WORDS: Record<string, string> = {
  fulfilled: 'Fulfilled',
  partially_fulfilled: 'Partially fulfilled',
};
const primary =
  'inline-flex min-h-12 items-center justify-center rounded-md bg-brand-700 px-5 text-base ' +
  'font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
const secondary =
  'inline-flex min-h-12 items-center justify-center rounded-md border border-slate-300 bg-white ' +
  'px-5 text-base font-medium text-slate-900 hover:bg-slate-50 ' +
  'disabled:opacity-60';

/**
 * The pack station's ship step: box (or dimensions) and weight → "Get rates" → choose a service →
 * "Buy label". Buying is refused while a request is in flight and after a label was bought, so a
 * double tap cannot buy twice (buyLabel also serialises on the order row). Changing the parcel after
 * rating hides the rates until they are fetched again, so the label is never bought for stale rates.
 */
export type ShipCustoms = {
  form: CustomsForm;
  duties_terms: DutiesTerms;
  from_country: string;
  to_country: string;
  /** "SKU X (name) has no HS code: …" per missing field */
  missing: string[];
};

export function ShipOrderForm({
  orderId,
  packageTypes,
  canShip,
  currency,
  customs = null,
}: {
  orderId: string;
  packageTypes: PackageOption[];
  canShip: boolean;
  currency: string;
  /** a parcel leaving the shop's country (decision 040): its form, the shop's duties terms, what is missing */
  customs?: ShipCustoms | null;
}) {
  const [rates, getRates, ratesPending] = useActionState<ActionState<RatesData>, FormData>(
    getRatesAction,
    null,
  );
  const [bought, buy, buyPending] = useActionState<ActionState<LabelData>, FormData>(buyLabelAction, null);
  const [last, setLast] = useState<'rates' | 'buy' | null>(null);
  const [pkg, setPkg] = useState(packageTypes[0]?.code ?? 'custom');
  const [dims, setDims] = useState({ length_mm: '', width_mm: '', height_mm: '' });
  const [weight, setWeight] = useState('');
  const [ratedFor, setRatedFor] = useState<string | null>(null);
  const [service, setService] = useState<string>('');
  const signature = JSON.stringify([pkg, pkg === 'custom' ? dims : null, weight]);
  const done = !!bought?.ok;

  // New rates preselect their service (set while rendering when the answer changes, not in an effect).
  const [ratesSeen, setRatesSeen] = useState(rates);
  if (rates !== ratesSeen) {
    setRatesSeen(rates);
    if (rates?.ok && rates.data) setService(rates.data.preselected ?? '');
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value === 'buy' ? 'buy' : 'rates';
    if (ratesPending || buyPending || done) return;
    const data = new FormData(event.currentTarget);
    setLast(intent);
    if (intent === 'rates') {
      setRatedFor(signature);
      startTransition(() => getRates(data));
    } else {
      startTransition(() => buy(data));
    }
  };

  const current = last === 'buy' ? bought : rates;
  const errors = current && !current.ok ? (current.fieldErrors ?? {}) : {};
  const ratesShown = rates?.ok && rates.data && ratedFor === signature ? rates.data : null;
  const stale = rates?.ok && ratedFor !== signature;
  const selected = packageTypes.find((p) => p.code === pkg);
  const err = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `ship-${name}-error` } : {};
  const errorText = (name: string) =>
    errors[name] && (
      <p id={`ship-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name]}
      </p>
    );

  if (done && bought.data) {
    const b = bought.data;
    return (
      <div
        role="status"
        aria-live="polite"
        className="rounded-xl border border-green-300 bg-green-50 p-5 text-green-950"
      >
        <h3 className="text-lg font-semibold">Label bought — shipment #{b.shipment_number}</h3>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium">Tracking number</dt>
            <dd className="font-mono text-base" data-testid="tracking-number">
              {b.tracking_number}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Carrier / service</dt>
            <dd>
              {b.carrier} · {b.service}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Label cost</dt>
            <dd>
              {formatMoney(
                b.label_cost,
                (rates?.ok ? rates.data?.quotes.find((q) => q.currency)?.currency : null) ?? currency,
              )}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Order status</dt>
            <dd data-testid="order-status">{STATUS_WORDS[b.order_status] ?? b.order_status}</dd>
          </div>
        </dl>
        <p className="mt-4">
          <a
            href={`/fulfillment/shipments/${b.shipment_id}/label`}
            target="_blank"
            rel="noopener"
            className={primary}
          >
            {b.customs_form ? `Print label and ${b.customs_form} (PDF)` : 'Print label (PDF)'}
          </a>
        </p>
      </div>
    );
  }
  if (!canShip) return null;

  return (
    <form onSubmit={onSubmit} aria-label="Ship this order" className="space-y-6" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      {customs && (
        <fieldset className="rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-base font-semibold">Customs</legend>
          <p className="text-sm text-slate-800">
            Leaves {customs.from_country} for {customs.to_country}: a {customs.form} customs declaration
            {customs.form === 'CN23' ? ' and a commercial invoice print' : ' prints'} with the label.
          </p>
          <div className="mt-3 max-w-xl">
            <label htmlFor="ship-duties_terms" className="block text-sm font-medium">
              Duties terms
            </label>
            <select
              id="ship-duties_terms"
              name="duties_terms"
              defaultValue={customs.duties_terms}
              className={inputClass}
              {...err('duties_terms')}
            >
              {DUTIES_TERMS.map((t) => (
                <option key={t} value={t}>
                  {DUTIES_TERMS_LABEL[t]}
                  {t === customs.duties_terms ? ' (shop default)' : ''}
                </option>
              ))}
            </select>
            {errorText('duties_terms')}
          </div>
          {customs.missing.length > 0 && (
            <div
              role="alert"
              className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
            >
              <p className="font-medium">No label until the customs data is complete:</p>
              <ul className="mt-1 list-disc pl-5">
                {customs.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
        </fieldset>
      )}
      <fieldset
        className="min-w-0"
        aria-describedby={errors.package_type ? 'ship-package_type-error' : undefined}
      >
        <legend className="mb-2 text-base font-semibold">1. Box</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {[
            ...packageTypes.map((p) => ({
              value: p.code,
              title: p.name,
              note:
                `${p.length_mm} × ${p.width_mm} × ${p.height_mm} mm · box ${p.tare_grams} g · ` +
                `max ${p.max_weight_grams / 1000} kg`,
            })),
            { value: 'custom', title: 'Other box: enter its size', note: 'Outside dimensions in mm' },
          ].map((o) => (
            <ChoiceCard
              key={o.value}
              name="package_type"
              value={o.value}
              checked={pkg === o.value}
              onChoose={() => setPkg(o.value)}
              title={o.title}
              note={o.note}
            />
          ))}
        </div>
        {errorText('package_type')}
      </fieldset>

      {pkg === 'custom' && (
        <fieldset className="min-w-0">
          <legend className="mb-2 text-base font-semibold">Box size (mm)</legend>
          <div className="grid grid-cols-3 gap-3">
            {(['length_mm', 'width_mm', 'height_mm'] as const).map((k) => (
              <div key={k}>
                <label htmlFor={`ship-${k}`} className="block text-sm font-medium">
                  {{ length_mm: 'Length', width_mm: 'Width', height_mm: 'Height' }[k]} (mm)
                </label>
                <input
                  id={`ship-${k}`}
                  name={k}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  autoComplete="off"
                  value={dims[k]}
                  onChange={(e) => setDims({ ...dims, [k]: e.target.value })}
                  className={`${inputClass} min-h-12`}
                  {...err(k)}
                />
                {errorText(k)}
              </div>
            ))}
          </div>
        </fieldset>
      )}

      <div className="max-w-xs">
        <label htmlFor="ship-weight_grams" className="block text-base font-semibold">
          2. Weight (g)
        </label>
        <input
          id="ship-weight_grams"
          name="weight_grams"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          value={weight}
          onChange={(e) => setWeight(e.target.value)}
          className={`${inputClass} min-h-12 text-lg`}
          aria-describedby={errors.weight_grams ? 'ship-weight_grams-error' : 'ship-weight-hint'}
          aria-invalid={errors.weight_grams ? true : undefined}
        />
        <p id="ship-weight-hint" className="mt-1 text-sm text-slate-600">
          {selected
            ? `The scale reading of the contents; ` +
              `the ${selected.name.split(' ').slice(0, 2).join(' ').toLowerCase()} ` +
              `adds ${selected.tare_grams} g.`
            : 'The scale reading of the packed parcel.'}
        </p>
        {errorText('weight_grams')}
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          name="intent"
          value="rates"
          disabled={ratesPending || buyPending}
          className={ratesShown ? secondary : primary}
        >
          {ratesPending ? 'Getting rates…' : ratesShown ? 'Get rates again' : 'Get rates'}
        </button>
        {stale && (
          <p className="text-sm text-amber-900">The parcel changed: get rates again before buying.</p>
        )}
      </div>

      {ratesShown && (
        <fieldset className="min-w-0" aria-describedby={errors.service ? 'ship-service-error' : undefined}>
          <legend className="mb-2 text-base font-semibold">
            3. Service{' '}
            <span className="font-normal text-slate-600">
              ({ratesShown.billable_note}, ships {ratesShown.ship_date})
            </span>
          </legend>
          <p className="mb-2 text-sm text-slate-800" data-testid="paid-service">
            Paid for: <strong>{ratesShown.paid.label}</strong>
            {ratesShown.paid.method
              ? ` (“${ratesShown.paid.method}”${ratesShown.paid.mapped ? '' : ', not mapped yet: counted as Standard'})`
              : ''}
            {ratesShown.paid.promised_by
              ? ` · delivery promised by ${ratesShown.paid.promised_by}`
              : ' · no delivery date promised'}
          </p>
          <StaticTable
            label="Shipping rates"
            caption="Carrier rates for this parcel"
            className="rounded-lg border border-slate-200"
            columns={[
              { id: 'choose', header: <span className="sr-only">Choose</span> },
              { id: 'carrier', header: 'Carrier' },
              { id: 'service', header: 'Service' },
              { id: 'price', header: 'Price', align: 'end', className: 'whitespace-nowrap' },
              { id: 'delivery', header: 'Delivery', className: 'whitespace-nowrap' },
              { id: 'promise', header: 'Promise', className: 'whitespace-nowrap' },
            ]}
            rows={ratesShown.quotes.map((q) => {
              const id = `rate-${q.key.replace(/[^a-z0-9]/gi, '-')}`;
              const price = q.price !== null && q.currency ? formatMoney(q.price, q.currency) : null;
              const suggested = q.key === ratesShown.preselected;
              return {
                id: q.key,
                className:
                  service === q.key ? 'bg-brand-50' : q.available ? '' : 'bg-slate-50 text-slate-600',
                cells: {
                  choose: (
                    <label
                      htmlFor={id}
                      className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center"
                    >
                      <input
                        id={id}
                        type="radio"
                        name="service"
                        value={q.key}
                        checked={service === q.key}
                        disabled={!q.available}
                        onChange={() => setService(q.key)}
                        className="size-5"
                        aria-label={
                          `${q.carrier} ${q.service}${price ? `, ${price}` : ''}` +
                          (suggested ? ' (suggested)' : '')
                        }
                      />
                    </label>
                  ),
                  carrier: q.carrier,
                  service: (
                    <>
                      {q.service}
                      {suggested && (
                        <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-900">
                          Suggested
                        </span>
                      )}
                    </>
                  ),
                  price: price ?? '—',
                  delivery: q.available ? q.delivery_date : <span>Unavailable: {q.reason}</span>,
                  promise: (
                    <>
                      {!q.available
                        ? '—'
                        : q.meets_promise === null
                          ? 'No date promised'
                          : q.meets_promise
                            ? '✓ On time'
                            : 'Late'}
                      {q.available && q.downgrade && (
                        <span className="ml-2 text-amber-900">· Slower than paid for</span>
                      )}
                    </>
                  ),
                },
              };
            })}
          />
          {errorText('service')}
          {ratesShown.quotes.find((q) => q.key === service)?.downgrade && (
            <div className="mt-3 max-w-xl">
              <label htmlFor="ship-downgrade_reason" className="block text-sm font-medium">
                Reason for shipping slower than the {ratesShown.paid.label} service paid for
              </label>
              <input
                id="ship-downgrade_reason"
                name="downgrade_reason"
                maxLength={300}
                autoComplete="off"
                className={inputClass}
                {...err('downgrade_reason')}
              />
              {errorText('downgrade_reason')}
            </div>
          )}
          {/* Pinned to the bottom of the screen while the rates scroll by: the primary action stays in view. */}
          <div
            className={
              'sticky bottom-0 z-10 -mx-5 border-t border-slate-200 bg-white/95 px-5 ' +
              'py-3 backdrop-blur mt-4'
            }
          >
            <button
              type="submit"
              name="intent"
              value="buy"
              disabled={buyPending || ratesPending || !service}
              className={primary}
            >
              {buyPending ? 'Buying label…' : 'Buy label'}
            </button>
          </div>
        </fieldset>
      )}
      <FormMessage state={current && !current.ok ? current : null} />
    </form>
  );
}
