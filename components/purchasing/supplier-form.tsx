'use client';

import { answerErrors, useRowsForm } from '@/components/form/use-rows-form';
import { RowsFormCard } from '@/components/form/rows-form';
import type { FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { parseMoney, toDecimalString } from '@/lib/money';
import { saveSupplierAction } from '@/lib/purchasing/actions';
import { Field, FieldError, inputClass } from '@/components/ui/form';

/** A FormData text value ('' when absent or a file). */
const str = (v: FormDataEntryValue | null, fallback = '') => (typeof v === 'string' ? v : fallback);

export type SupplierFormValues = {
  id: string | null;
  name: string;
  email: string;
  currency: string;
  payment_terms: string;
  lead_time_days: number;
  lead_time_stddev_days: number;
  review_period_days: number;
  minimum_order_value: number;
  over_receipt_tolerance_pct: number;
  products: { sku: string; supplier_sku: string; unit_cost: number; pack_size: number; moq: number }[];
};

type ProductRow = { sku: string; supplier_sku: string; cost: string; pack_size: string; moq: string };

const int = (v: FormDataEntryValue | null) => {
  const s = (typeof v === 'string' ? v : '').trim();
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
};

/** Create or edit a supplier and its catalog (SKU ↔ their SKU, unit cost, pack size, MOQ). */
export function SupplierForm({ initial }: { initial: SupplierFormValues }) {
  const router = useRouter();
  const currency = initial.currency;
  const { rows, setRows, set, errors, setErrors, state, busy, refuse, send } = useRowsForm<ProductRow>(
    initial.products.length
      ? initial.products.map((p) => ({
          sku: p.sku,
          supplier_sku: p.supplier_sku,
          cost: toDecimalString(p.unit_cost, currency),
          pack_size: String(p.pack_size),
          moq: String(p.moq),
        }))
      : [{ sku: '', supplier_sku: '', cost: '', pack_size: '1', moq: '1' }],
  );

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const cur = str(f.get('currency')).trim().toUpperCase() || currency;
    const local: Record<string, string> = {};
    const products = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.sku.trim())
      .map(({ r, i }) => {
        const cost = parseMoney(r.cost, cur);
        if (cost === null) local[`products.${i}.unit_cost`] = 'Enter an amount like 4.50';
        return {
          sku: r.sku.trim(),
          ...(r.supplier_sku.trim() ? { supplier_sku: r.supplier_sku.trim() } : {}),
          unit_cost: cost ?? 0,
          pack_size: int(r.pack_size),
          moq: int(r.moq),
        };
      });
    const mov = parseMoney(str(f.get('minimum_order_value'), '0') || '0', cur);
    if (mov === null) local.minimum_order_value = 'Enter an amount like 100.00';
    if (Object.keys(local).length) return refuse(local);
    const stddev = Number(str(f.get('lead_time_stddev_days'), '0') || '0');
    const res = await send(() =>
      saveSupplierAction(initial.id, {
        name: str(f.get('name')),
        email: str(f.get('email')).trim(),
        currency: cur,
        payment_terms: str(f.get('payment_terms')).trim() || undefined,
        lead_time_days: int(f.get('lead_time_days')),
        lead_time_stddev_days: stddev,
        review_period_days: int(f.get('review_period_days')),
        minimum_order_value: mov ?? 0,
        over_receipt_tolerance_pct: int(f.get('over_receipt_tolerance_pct')),
        products,
      }),
    );
    if (res?.ok && res.data) {
      setErrors({});
      if (!initial.id) router.push(`/purchasing/suppliers/${res.data.id}`);
      else router.refresh();
    } else setErrors(answerErrors(res));
  };

  const err = (k: string) => <FieldError id={`sf-${k}-error`} error={errors[k]} />;
  const field = (
    name: keyof SupplierFormValues,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement>,
  ) => <Field id={`sf-${name}`} label={label} name={name} error={errors[name]} {...props} />;

  return (
    <RowsFormCard
      label="Supplier"
      onSubmit={(e) => void submit(e)}
      state={state}
      busy={busy}
      submit="Save supplier"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {field('name', 'Name', { defaultValue: initial.name, required: true, maxLength: 120 })}
        {field('email', 'Email for purchase orders', {
          defaultValue: initial.email,
          type: 'email',
          required: true,
        })}
        {field('currency', 'Currency', { defaultValue: initial.currency, maxLength: 3 })}
        {field('payment_terms', 'Payment terms (optional)', {
          defaultValue: initial.payment_terms,
          placeholder: 'Net 30',
        })}
        {field('lead_time_days', 'Lead time, days', {
          defaultValue: String(initial.lead_time_days),
          inputMode: 'numeric',
        })}
        {field('lead_time_stddev_days', 'Lead time spread (std dev), days', {
          defaultValue: String(initial.lead_time_stddev_days),
          inputMode: 'decimal',
        })}
        {field('review_period_days', 'Order every … days', {
          defaultValue: String(initial.review_period_days),
          inputMode: 'numeric',
        })}
        {field('minimum_order_value', 'Minimum order value', {
          defaultValue: toDecimalString(initial.minimum_order_value, currency),
          inputMode: 'decimal',
        })}
        {field('over_receipt_tolerance_pct', 'Over-receipt tolerance, %', {
          defaultValue: String(initial.over_receipt_tolerance_pct),
          inputMode: 'numeric',
        })}
      </div>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Products this supplier sells</legend>
        {rows.map((r, i) => (
          <div key={i} className="grid grid-cols-2 gap-3 border-b border-slate-100 pb-3 sm:grid-cols-5">
            {(
              [
                ['sku', 'Our SKU', 'text'],
                ['supplier_sku', 'Their SKU', 'text'],
                ['cost', 'Unit cost', 'decimal'],
                ['pack_size', 'Pack size', 'numeric'],
                ['moq', 'MOQ', 'numeric'],
              ] as const
            ).map(([key, label, mode]) => {
              const path = `products.${i}.${key === 'cost' ? 'unit_cost' : key}`;
              return (
                <div key={key}>
                  <label htmlFor={`sp-${i}-${key}`} className="block text-sm font-medium">
                    {label}
                    <span className="sr-only">, product {i + 1}</span>
                  </label>
                  <input
                    id={`sp-${i}-${key}`}
                    value={r[key]}
                    inputMode={mode === 'text' ? undefined : mode}
                    autoComplete="off"
                    onChange={(e) => set(i, { [key]: e.target.value })}
                    aria-invalid={errors[path] ? true : undefined}
                    className={inputClass}
                  />
                  {err(path)}
                </div>
              );
            })}
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setRows((r) => [...r, { sku: '', supplier_sku: '', cost: '', pack_size: '1', moq: '1' }])
          }
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
        >
          Add a product
        </button>
      </fieldset>
    </RowsFormCard>
  );
}
