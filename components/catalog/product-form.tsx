'use client';

import { useEffect, useRef, useState } from 'react';
import { Field, FormMessage, SelectField, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createProductAction, updateProductAction } from '@/lib/catalog/actions';
import { productCreateFromForm, productUpdateFromForm } from '@/lib/catalog/form';
import { toDecimalString } from '@/lib/money';
import type { ProductDto, VariantDto } from '@/lib/catalog/schemas';

type Row = { key: number; existing?: VariantDto };

/**
 * Create or edit a product and its variants. The same parsing and zod schema run here before submit
 * (errors show under each field at once) and again in the server action.
 */
export function ProductForm({
  mode,
  currency,
  product,
  productTypes,
}: {
  mode: 'create' | 'edit';
  currency: string;
  product?: ProductDto;
  productTypes: string[];
}) {
  // Dispatched from onSubmit (not <form action>), so what was typed survives an error from the server.
  const {
    state,
    onSubmit: dispatch,
    pending,
  } = useActionForm(mode === 'create' ? createProductAction : updateProductAction, null);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [rows, setRows] = useState<Row[]>(() =>
    product?.variants.length ? product.variants.map((v, i) => ({ key: i, existing: v })) : [{ key: 0 }],
  );
  const formRef = useRef<HTMLFormElement>(null);
  const errors = clientErrors ?? (state && !state.ok ? (state.fieldErrors ?? {}) : {});

  // After a save the page re-renders with the saved product: variants added here are now saved ones.
  // (Set while rendering when the prop changes, as React recommends, not in an effect that renders twice.)
  const [shownProduct, setShownProduct] = useState(product);
  if (product !== shownProduct) {
    setShownProduct(product);
    if (product) setRows(product.variants.map((v, i) => ({ key: i, existing: v })));
  }

  // Take the keyboard to the first field with an error, whether the browser or the server found it.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [clientErrors, state]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const result =
      mode === 'create' ? productCreateFromForm(data, currency) : productUpdateFromForm(data, currency);
    if (!result.success) {
      event.preventDefault();
      setClientErrors(result.fieldErrors);
      return;
    }
    setClientErrors(null);
    dispatch(event);
  }

  const nextKey = () => Math.max(-1, ...rows.map((r) => r.key)) + 1;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={pending || undefined} className="space-y-6">
      {product && <input type="hidden" name="productId" value={product.id} />}
      <section
        aria-labelledby="product-fields"
        className="grid gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2"
      >
        <h2 id="product-fields" className="text-lg font-semibold sm:col-span-2">
          Product
        </h2>
        <div className="sm:col-span-2">
          <Field
            label="Name"
            name="name"
            defaultValue={product?.name}
            required
            maxLength={200}
            error={errors.name}
          />
        </div>
        <Field
          label="Type"
          name="product_type"
          defaultValue={product?.product_type ?? ''}
          list="product-types"
          maxLength={120}
          error={errors.product_type}
          hint="e.g. T-shirts; the list can be filtered by it."
        />
        <datalist id="product-types">
          {productTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <Field
          label="Vendor"
          name="vendor"
          defaultValue={product?.vendor ?? ''}
          maxLength={120}
          error={errors.vendor}
        />
        <div className="sm:col-span-2">
          <label htmlFor="field-description" className="block text-sm font-medium">
            Description
          </label>
          <textarea
            id="field-description"
            name="description"
            rows={3}
            defaultValue={product?.description ?? ''}
            maxLength={5000}
            className={inputClass}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? 'field-description-error' : undefined}
          />
          {errors.description && (
            <p id="field-description-error" className="mt-1 text-sm text-red-700">
              {errors.description}
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="variant-fields" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="variant-fields" className="text-lg font-semibold">
            Variants
          </h2>
          <button
            type="button"
            onClick={() => setRows((r) => [...r, { key: nextKey() }])}
            className="min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50"
          >
            Add variant
          </button>
        </div>
        {errors.variants && (
          <p role="alert" className="text-sm text-red-700">
            {errors.variants}
          </p>
        )}
        {rows.map((row, i) => (
          <VariantFields
            key={row.key}
            index={i}
            existing={row.existing}
            currency={currency}
            errors={errors}
            mode={mode}
            onRemove={
              !row.existing && rows.length > 1
                ? () => setRows((r) => r.filter((x) => x.key !== row.key))
                : undefined
            }
          />
        ))}
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{mode === 'create' ? 'Create product' : 'Save changes'}</SubmitButton>
        {clientErrors ? (
          <FormMessage state={{ ok: false, message: 'Check the highlighted fields.' }} />
        ) : (
          <FormMessage state={state} />
        )}
      </div>
    </form>
  );
}

function VariantFields({
  index,
  existing,
  currency,
  errors,
  mode,
  onRemove,
}: {
  index: number;
  existing?: VariantDto;
  currency: string;
  errors: Record<string, string>;
  mode: 'create' | 'edit';
  onRemove?: () => void;
}) {
  const name = (field: string) => `variants.${index}.${field}`;
  const field = (
    label: string,
    f: string,
    props: React.InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {},
  ) => <Field label={label} name={name(f)} error={errors[name(f)]} autoComplete="off" {...props} />;
  const checkboxId = `field-${name('allow_backorder')}`;
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-6">
      <legend className="px-1 text-base font-semibold">
        Variant {index + 1}
        {existing ? `: ${existing.sku}` : ' (new)'}
      </legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {field('SKU', 'sku', {
          defaultValue: existing?.sku,
          required: true,
          maxLength: 64,
          ...(existing
            ? { readOnly: true, hint: 'A SKU cannot be changed.', className: `${inputClass} bg-slate-100` }
            : {}),
        })}
        {field('Option', 'title', { defaultValue: existing?.title, maxLength: 120, placeholder: 'Blue / M' })}
        {field(`Price (${currency})`, 'price', {
          defaultValue: existing ? toDecimalString(existing.price, existing.currency) : '',
          inputMode: 'decimal',
          required: true,
          placeholder: '24.99',
        })}
        {field('Barcode', 'barcode', {
          defaultValue: existing?.barcode ?? '',
          maxLength: 64,
          placeholder: 'EAN / UPC',
        })}
        {field('Weight (g)', 'weight_grams', {
          defaultValue: existing?.weight_grams ?? '',
          inputMode: 'numeric',
        })}
        {field('Length (mm)', 'length_mm', { defaultValue: existing?.length_mm ?? '', inputMode: 'numeric' })}
        {field('Width (mm)', 'width_mm', { defaultValue: existing?.width_mm ?? '', inputMode: 'numeric' })}
        {field('Height (mm)', 'height_mm', { defaultValue: existing?.height_mm ?? '', inputMode: 'numeric' })}
        {field('Reorder point', 'reorder_point', {
          defaultValue: existing?.reorder_point ?? 0,
          inputMode: 'numeric',
          hint: 'Reorder when available falls to this.',
        })}
        {field('Safety stock', 'safety_stock', {
          defaultValue: existing?.safety_stock ?? 0,
          inputMode: 'numeric',
        })}
        {field('Lead time (days)', 'lead_time_days', {
          defaultValue: existing?.lead_time_days ?? 0,
          inputMode: 'numeric',
        })}
        {field('HS code', 'hs_code', {
          defaultValue: existing?.hs_code ?? '',
          maxLength: 14,
          placeholder: '6109.10',
          hint: 'Customs tariff number, for parcels leaving the country.',
        })}
        {field('Country of origin', 'country_of_origin', {
          defaultValue: existing?.country_of_origin ?? '',
          maxLength: 2,
          placeholder: 'PT',
          hint: 'Two-letter code of the country where it was made.',
        })}
        {mode === 'edit' && existing && (
          <SelectField
            label="Status"
            name={name('status')}
            defaultValue={existing.status}
            error={errors[name('status')]}
            options={[
              { value: 'active', label: 'Active' },
              { value: 'archived', label: 'Archived' },
            ]}
          />
        )}
        <div className="flex items-start gap-2 sm:col-span-2 lg:col-span-4">
          <input
            id={checkboxId}
            name={name('allow_backorder')}
            type="checkbox"
            defaultChecked={existing?.allow_backorder ?? false}
            className="mt-1 h-5 w-5"
            aria-describedby={errors[name('allow_backorder')] ? `${checkboxId}-error` : `${checkboxId}-hint`}
            aria-invalid={errors[name('allow_backorder')] ? true : undefined}
          />
          <div>
            <label htmlFor={checkboxId} className="text-sm font-medium">
              Allow backorders
            </label>
            <p id={`${checkboxId}-hint`} className="text-sm text-slate-600">
              Orders may reserve more than is on hand; the shortfall waits for the next receipt.
            </p>
            {errors[name('allow_backorder')] && (
              <p id={`${checkboxId}-error`} className="mt-1 text-sm text-red-700">
                {errors[name('allow_backorder')]}
              </p>
            )}
          </div>
        </div>
      </div>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          className="mt-4 min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
          aria-label={`Remove variant ${index + 1}`}
        >
          Remove variant
        </button>
      )}
    </fieldset>
  );
}
