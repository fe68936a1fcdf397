'use client';

import { answerErrors, useRowsForm } from '@/components/form/use-rows-form';
import { RowsFormCard } from '@/components/form/rows-form';
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { parseMoney, toDecimalString } from '@/lib/money';
import { createPurchaseOrderAction } from '@/lib/purchasing/actions';
import { FieldError, inputClass } from '@/components/ui/form';

/** A FormData text value ('' when absent or a file). */
const str = (v: FormDataEntryValue | null, fallback = '') => (typeof v === 'string' ? v : fallback);

export type SupplierChoice = {
  id: string;
  name: string;
  currency: string;
  products: { sku: string; name: string; unit_cost: number; pack_size: number; moq: number }[];
};

type Row = { sku: string; quantity: string; cost: string };
const empty: Row = { sku: '', quantity: '', cost: '' };

/**
 * A new draft PO: supplier, receiving location, expected date, notes and lines. A line's unit cost
 * may stay blank: it then takes the supplier's catalog cost (shown as the placeholder).
 */
export function NewPurchaseOrderForm({
  suppliers,
  locations,
  shopCurrency,
}: {
  suppliers: SupplierChoice[];
  locations: { code: string; name: string }[];
  shopCurrency: string;
}) {
  const router = useRouter();
  const [supplierId, setSupplierId] = useState(suppliers[0]?.id ?? '');
  const { rows, setRows, set, errors, setErrors, state, busy, refuse, send } = useRowsForm<Row>([
    { ...empty },
  ]);
  const supplier = suppliers.find((s) => s.id === supplierId);
  const catalog = new Map((supplier?.products ?? []).map((p) => [p.sku, p]));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const local: Record<string, string> = {};
    const lines = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.sku.trim() || r.quantity.trim())
      .map(({ r, i }) => {
        const cost = r.cost.trim() ? parseMoney(r.cost, shopCurrency) : undefined;
        if (cost === null) local[`lines.${i}.unit_cost`] = 'Enter an amount like 4.50';
        return {
          sku: r.sku.trim(),
          quantity: /^\d+$/.test(r.quantity.trim()) ? Number(r.quantity.trim()) : Number.NaN,
          ...(cost !== undefined && cost !== null ? { unit_cost: cost } : {}),
        };
      });
    if (Object.keys(local).length) return refuse(local, 'Check the highlighted lines.');
    const expected = str(form.get('expected_at'));
    const notes = str(form.get('notes')).trim();
    const res = await send(() =>
      createPurchaseOrderAction({
        supplier_id: supplierId,
        location: str(form.get('location')),
        ...(expected ? { expected_at: expected } : {}),
        ...(notes ? { notes } : {}),
        lines,
      }),
    );
    if (res?.ok && res.data) router.push(`/purchasing/${res.data.id}`);
    else setErrors(answerErrors(res));
  };

  const err = (k: string) => <FieldError id={`${k}-error`} error={errors[k]} />;

  return (
    <RowsFormCard
      label="New purchase order"
      onSubmit={(e) => void submit(e)}
      state={state}
      busy={busy}
      submit="Save draft"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="po-supplier" className="block text-sm font-medium">
            Supplier
          </label>
          <select
            id="po-supplier"
            value={supplierId}
            onChange={(e) => setSupplierId(e.target.value)}
            className={inputClass}
            aria-invalid={errors.supplier_id || errors.currency ? true : undefined}
          >
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.currency})
              </option>
            ))}
          </select>
          {err('supplier_id')}
          {err('currency')}
        </div>
        <div>
          <label htmlFor="po-location" className="block text-sm font-medium">
            Deliver to
          </label>
          <select id="po-location" name="location" className={inputClass}>
            {locations.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name} ({l.code})
              </option>
            ))}
          </select>
          {err('location')}
        </div>
        <div>
          <label htmlFor="po-expected" className="block text-sm font-medium">
            Expected on (optional)
          </label>
          <input id="po-expected" name="expected_at" type="date" className={inputClass} />
          {err('expected_at')}
        </div>
        <div>
          <label htmlFor="po-notes" className="block text-sm font-medium">
            Notes for the supplier (optional)
          </label>
          <input id="po-notes" name="notes" className={inputClass} maxLength={2000} />
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Lines</legend>
        {supplier && supplier.products.length > 0 && (
          <datalist id="po-catalog">
            {supplier.products.map((p) => (
              <option key={p.sku} value={p.sku}>
                {p.name}
              </option>
            ))}
          </datalist>
        )}
        {rows.map((r, i) => {
          const known = catalog.get(r.sku.trim());
          return (
            <div key={i} className="grid grid-cols-[1fr_6rem_8rem] items-start gap-3">
              <div>
                <label htmlFor={`line-${i}-sku`} className="block text-sm font-medium">
                  SKU, line {i + 1}
                </label>
                <input
                  id={`line-${i}-sku`}
                  list="po-catalog"
                  value={r.sku}
                  autoComplete="off"
                  onChange={(e) => set(i, { sku: e.target.value })}
                  aria-invalid={errors[`lines.${i}.sku`] ? true : undefined}
                  className={inputClass}
                />
                {known && (
                  <p className="mt-1 text-xs text-slate-600">
                    {known.name} · pack {known.pack_size} · MOQ {known.moq}
                  </p>
                )}
                {err(`lines.${i}.sku`)}
              </div>
              <div>
                <label htmlFor={`line-${i}-qty`} className="block text-sm font-medium">
                  Quantity
                </label>
                <input
                  id={`line-${i}-qty`}
                  inputMode="numeric"
                  value={r.quantity}
                  onChange={(e) => set(i, { quantity: e.target.value })}
                  aria-invalid={errors[`lines.${i}.quantity`] ? true : undefined}
                  className={inputClass}
                />
                {err(`lines.${i}.quantity`)}
              </div>
              <div>
                <label htmlFor={`line-${i}-cost`} className="block text-sm font-medium">
                  Unit cost
                </label>
                <input
                  id={`line-${i}-cost`}
                  inputMode="decimal"
                  value={r.cost}
                  placeholder={known ? toDecimalString(known.unit_cost, shopCurrency) : ''}
                  onChange={(e) => set(i, { cost: e.target.value })}
                  aria-invalid={errors[`lines.${i}.unit_cost`] ? true : undefined}
                  className={inputClass}
                />
                {err(`lines.${i}.unit_cost`)}
              </div>
            </div>
          );
        })}
        {err('lines')}
        <button
          type="button"
          onClick={() => setRows((r) => [...r, { ...empty }])}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
        >
          Add a line
        </button>
      </fieldset>
      <p className="text-sm text-slate-600">A blank unit cost takes the supplier’s catalog cost.</p>
    </RowsFormCard>
  );
}
