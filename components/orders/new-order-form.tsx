'use client';

import { useRef, useState } from 'react';
import { Field, FieldError, FormMessage, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createManualOrderAction, lookupSkuAction, searchCustomersAction } from '@/lib/orders/actions';
import { formatMoney, toDecimalString } from '@/lib/money';
import { liveTotals, parseQuantity, type ManualOrderText } from '@/lib/orders/manual-order-form';
import type { ActionState } from '@/lib/server-action';
import type { LineLookupRow } from '@/lib/orders/line-lookup';
import type { CustomerMatch } from '@/lib/customers/queries';

type Row = {
  key: number;
  sku: string;
  quantity: string;
  unit_price: string;
  /** the person typed a price: a lookup no longer overwrites it */
  priceEdited: boolean;
  /** the variant the SKU resolved to, with its price and stock */
  info: LineLookupRow | null;
  suggestions: LineLookupRow[];
  state: 'idle' | 'looking' | 'found' | 'none';
};

type Address = ManualOrderText['shipping_address'];

const emptyRow = (key: number): Row => ({
  key,
  sku: '',
  quantity: '1',
  unit_price: '',
  priceEdited: false,
  info: null,
  suggestions: [],
  state: 'idle',
});
const EMPTY_ADDRESS: Address = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postal_code: '',
  country: 'US',
};

/** The shipping address's fields: name, label, autocomplete token (after "shipping") and hint. */
const ADDRESS_FIELDS: readonly (readonly [keyof Address, string, string, string?])[] = [
  ['name', 'Recipient name', 'name'],
  ['line1', 'Street address', 'address-line1'],
  ['line2', 'Apartment, suite (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'],
  ['region', 'State / province', 'address-level1', 'Required for US, CA and AU'],
  ['postal_code', 'Postal code', 'postal-code'],
  ['country', 'Country', 'country', 'Two-letter code, e.g. US'],
];

/** The order-level amounts typed in the shop currency, in the order the form shows them. */
const ORDER_AMOUNTS = [
  ['shipping_amount', 'Shipping'],
  ['tax_amount', 'Tax'],
  ['discount_amount', 'Discount'],
] as const;

/**
 * Manual order entry (phone and email orders): customer (search existing ones to fill the form in),
 * shipping address, lines by SKU with the variant's price and available stock, amounts, and live
 * totals computed with the same rule as the server. Submits to createManualOrderAction, which goes
 * to the new order or hands back errors keyed by these fields (`lines.2.quantity`).
 */
export function NewOrderForm({ currency, location }: { currency: string; location: string }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState<{ id: string }>>(createManualOrderAction, null);
  const [customer, setCustomer] = useState({ email: '', name: '', phone: '' });
  const [address, setAddress] = useState<Address>(EMPTY_ADDRESS);
  const [rows, setRows] = useState<Row[]>([emptyRow(0)]);
  const [amounts, setAmounts] = useState({ shipping_amount: '', tax_amount: '', discount_amount: '' });
  const [shippingMethod, setShippingMethod] = useState('');
  const [note, setNote] = useState('');
  const [rowsChanged, setRowsChanged] = useState(false);
  const nextKey = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const latest = useRef(new Map<number, string>());

  // A new answer's line errors match the rows again (set while rendering, not in an effect).
  const [stateSeen, setStateSeen] = useState(state);
  if (state !== stateSeen) {
    setStateSeen(state);
    setRowsChanged(false);
  }
  // Line errors are keyed by row position; once rows are removed they would point at the wrong row.
  const lineError = (index: number, name: string) =>
    rowsChanged ? undefined : errors[`lines.${index}.${name}`];

  const updateRow = (key: number, change: Partial<Row> | ((r: Row) => Partial<Row>)) =>
    setRows((rs) =>
      rs.map((r) => (r.key === key ? { ...r, ...(typeof change === 'function' ? change(r) : change) } : r)),
    );

  const lookup = (key: number, text: string) => {
    clearTimeout(timers.current.get(key));
    latest.current.set(key, text);
    if (!text.trim()) return updateRow(key, { info: null, suggestions: [], state: 'idle' });
    updateRow(key, { state: 'looking' });
    const lookUp = async () => {
      const result = await lookupSkuAction(text);
      if (latest.current.get(key) !== text) return; // the person typed on meanwhile
      const found = result?.ok ? (result.data ?? []) : [];
      const exact = found.find((f) => f.match !== 'partial') ?? null;
      updateRow(key, (r) => ({
        suggestions: found,
        info: exact,
        state: exact ? 'found' : 'none',
        // A barcode or a lower-case SKU becomes the variant's SKU; its price fills in unless typed.
        ...(exact
          ? {
              sku: exact.sku,
              unit_price: r.priceEdited ? r.unit_price : toDecimalString(exact.price, exact.currency),
            }
          : {}),
      }));
      if (exact) latest.current.set(key, exact.sku);
    };
    timers.current.set(
      key,
      setTimeout(() => void lookUp(), 250),
    );
  };

  const totals = liveTotals({ lines: rows, ...amounts }, currency);
  const money = (n: number) => formatMoney(n, currency);

  return (
    <form onSubmit={onSubmit} aria-label="New order" className="space-y-6" noValidate>
      <CustomerSection
        customer={customer}
        setCustomer={setCustomer}
        errors={errors}
        onPick={(c) => {
          setCustomer({ email: c.email, name: c.name, phone: c.phone ?? '' });
          if (c.address) {
            const a = c.address;
            setAddress({
              name: a.name,
              line1: a.line1,
              line2: a.line2 ?? '',
              city: a.city,
              region: a.region ?? '',
              postal_code: a.postal_code,
              country: a.country,
            });
          } else setAddress((prev) => ({ ...prev, name: prev.name || c.name }));
        }}
      />

      <fieldset className="rounded-xl border border-slate-200 bg-white p-5">
        <legend className="px-1 text-lg font-semibold">Shipping address</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {ADDRESS_FIELDS.map(([name, label, autoComplete, hint]) => (
            <Field
              key={name}
              label={label}
              name={`shipping_address.${name}`}
              id={`ship-${name}`}
              value={address[name]}
              hint={hint}
              autoComplete={`shipping ${autoComplete}`}
              maxLength={name === 'country' ? 2 : undefined}
              onFocus={
                name === 'name'
                  ? () => {
                      if (!address.name && customer.name) setAddress((a) => ({ ...a, name: customer.name }));
                    }
                  : undefined
              }
              onChange={(e) => {
                const value = name === 'country' ? e.target.value.toUpperCase() : e.target.value;
                setAddress((a) => ({ ...a, [name]: value }));
              }}
              error={errors[`shipping_address.${name}`]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="rounded-xl border border-slate-200 bg-white p-5">
        <legend className="px-1 text-lg font-semibold">Lines</legend>
        <p className="text-sm text-slate-600">
          Type a SKU, scan a barcode or type part of a product name. Stock shown is what is available at{' '}
          {location}, where the order is reserved.
        </p>
        {errors.lines && !rowsChanged && <p className="mt-2 text-sm text-red-700">{errors.lines}</p>}
        <ol className="mt-3 space-y-3">
          {rows.map((row, index) => {
            const n = index + 1;
            const id = `line-${row.key}`;
            const qty = parseQuantity(row.quantity);
            const short =
              row.info && !row.info.allow_backorder && !Number.isNaN(qty) && qty > row.info.available;
            const skuError = lineError(index, 'sku');
            return (
              <li key={row.key} className="border-b border-slate-100 pb-3">
                <div className="flex flex-wrap items-start gap-3">
                  <LineInput
                    id={`${id}-sku`}
                    label="SKU"
                    n={n}
                    error={skuError}
                    className="w-full sm:w-56"
                    inputClassName="font-mono"
                    name="lines.sku"
                    value={row.sku}
                    list={`${id}-options`}
                    spellCheck={false}
                    onChange={(e) => {
                      const sku = e.target.value;
                      updateRow(row.key, { sku, info: null });
                      lookup(row.key, sku);
                    }}
                    aria-describedby={`${id}-info${skuError ? ` ${id}-sku-error` : ''}`}
                  >
                    <datalist id={`${id}-options`}>
                      {row.suggestions.map((s) => (
                        <option key={s.sku} value={s.sku}>{`${s.name} · ${s.available} available`}</option>
                      ))}
                    </datalist>
                    <FieldError id={`${id}-sku-error`} error={skuError} />
                  </LineInput>
                  {NUMBER_INPUTS.map(([suffix, field, label, inputMode, width]) => (
                    <LineInput
                      key={field}
                      id={`${id}-${suffix}`}
                      label={field === 'unit_price' ? `${label} (${currency})` : label}
                      n={n}
                      error={lineError(index, field)}
                      className={width}
                      name={`lines.${field}`}
                      value={row[field]}
                      inputMode={inputMode}
                      onChange={(e) =>
                        updateRow(
                          row.key,
                          // a typed price stays: a lookup no longer overwrites it
                          field === 'unit_price'
                            ? { unit_price: e.target.value, priceEdited: true }
                            : { quantity: e.target.value },
                        )
                      }
                    />
                  ))}
                  {rows.length > 1 && (
                    <button
                      type="button"
                      aria-label={`Remove line ${n}`}
                      onClick={() => {
                        setRows((rs) => rs.filter((r) => r.key !== row.key));
                        setRowsChanged(true);
                      }}
                      className="mt-5 min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
                    >
                      Remove
                    </button>
                  )}
                </div>
                <p
                  id={`${id}-info`}
                  aria-live="polite"
                  className={`mt-1 text-sm ${short ? 'text-amber-900' : 'text-slate-700'}`}
                >
                  {row.state === 'looking' && 'Looking up…'}
                  {row.state === 'none' &&
                    row.sku.trim() &&
                    (row.suggestions.length
                      ? `${row.suggestions.length} possible matches: pick one from the list`
                      : 'No active SKU, barcode or product matches this')}
                  {row.state === 'found' && row.info && (
                    <>
                      {row.info.name} · <strong>{row.info.available} available</strong>
                      {row.info.location ? ` at ${row.info.location}` : ''}
                      {short &&
                        (row.info.available > 0
                          ? ` — only ${row.info.available} can be reserved`
                          : ' — out of stock')}
                      {row.info.allow_backorder && ' · backorders allowed'}
                    </>
                  )}
                </p>
                {NUMBER_INPUTS.map(([suffix, field]) => (
                  <FieldError key={field} id={`${id}-${suffix}-error`} error={lineError(index, field)} />
                ))}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          onClick={() => setRows((rs) => [...rs, emptyRow(nextKey.current++)])}
          className="mt-3 min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
        >
          Add line
        </button>
      </fieldset>

      <div className="grid gap-6 lg:grid-cols-2">
        <fieldset className="rounded-xl border border-slate-200 bg-white p-5">
          <legend className="px-1 text-lg font-semibold">Shipping, tax and discount</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Shipping method (optional)"
              name="shipping_method"
              value={shippingMethod}
              onChange={(e) => setShippingMethod(e.target.value)}
              placeholder="e.g. Standard"
              error={errors.shipping_method}
            />
            {ORDER_AMOUNTS.map(([name, label]) => (
              <Field
                key={name}
                label={`${label} (${currency})`}
                name={name}
                inputMode="decimal"
                placeholder="0.00"
                value={amounts[name]}
                onChange={(e) => setAmounts((a) => ({ ...a, [name]: e.target.value }))}
                error={errors[name]}
              />
            ))}
          </div>
          <div className="mt-4">
            <label htmlFor="order-note" className="block text-sm font-medium">
              Order note (optional)
            </label>
            <textarea
              id="order-note"
              name="note"
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className={inputClass}
              placeholder="e.g. Phoned in; gift wrap"
            />
          </div>
        </fieldset>

        <section aria-labelledby="totals-title" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="totals-title" className="text-lg font-semibold">
            Totals
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-y-2 text-sm" data-testid="live-totals">
            <dt className="text-slate-600">Subtotal</dt>
            <dd className="text-right tabular-nums">{money(totals.subtotal)}</dd>
            <dt className="text-slate-600">Discount</dt>
            <dd className="text-right tabular-nums">{money(-totals.discount)}</dd>
            <dt className="text-slate-600">Shipping</dt>
            <dd className="text-right tabular-nums">{money(totals.shipping)}</dd>
            <dt className="text-slate-600">Tax</dt>
            <dd className="text-right tabular-nums">{money(totals.tax)}</dd>
            <dt className="border-t border-slate-200 pt-2 font-semibold">Total</dt>
            <dd
              className="border-t border-slate-200 pt-2 text-right font-semibold tabular-nums"
              data-testid="live-total"
            >
              {money(totals.total)}
            </dd>
          </dl>
          {!totals.complete && (
            <p className="mt-2 text-sm text-slate-600">
              Some amounts cannot be read yet; they count as zero here.
            </p>
          )}
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={pending}
              className={
                'inline-flex min-h-10 items-center justify-center rounded-md bg-brand-700 ' +
                'px-5 py-2 text-sm font-medium text-white hover:bg-brand-800 ' +
                'disabled:opacity-60'
              }
            >
              {pending ? 'Creating order…' : 'Create order'}
            </button>
          </div>
          <div className="mt-3">
            <FormMessage state={state} />
          </div>
        </section>
      </div>
    </form>
  );
}

/**
 * A line's input: its label names the line for screen readers ("SKU (line 2)"); the error it is
 * invalid with is shown where the caller puts it (`${id}-error`).
 */
function LineInput({
  id,
  label,
  n,
  error,
  className,
  inputClassName,
  children,
  ...props
}: {
  id: string;
  label: string;
  n: number;
  error?: string;
  className: string;
  inputClassName?: string;
  children?: React.ReactNode;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
        <span className="sr-only"> (line {n})</span>
      </label>
      <input
        id={id}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClass} mt-0.5${inputClassName ? ` ${inputClassName}` : ''}`}
        {...props}
      />
      {children}
    </div>
  );
}

/** A line's number inputs: id suffix, field, label, input mode and width. */
const NUMBER_INPUTS = [
  ['qty', 'quantity', 'Quantity', 'numeric', 'w-24'],
  ['price', 'unit_price', 'Unit price', 'decimal', 'w-32'],
] as const;

/** The customer's fields: name, label and input type. */
const CUSTOMER_FIELDS = [
  ['email', 'Email', 'email'],
  ['name', 'Name', undefined],
  ['phone', 'Phone (optional)', 'tel'],
] as const;

function CustomerSection({
  customer,
  setCustomer,
  errors,
  onPick,
}: {
  customer: { email: string; name: string; phone: string };
  setCustomer: React.Dispatch<React.SetStateAction<{ email: string; name: string; phone: string }>>;
  errors: Record<string, string>;
  onPick: (c: CustomerMatch) => void;
}) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatch[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef('');

  const search = (text: string) => {
    setQuery(text);
    clearTimeout(timer.current);
    latest.current = text;
    if (text.trim().length < 2) return setMatches(null);
    const lookUp = async () => {
      const result = await searchCustomersAction(text);
      if (latest.current !== text) return;
      setMatches(result?.ok ? (result.data ?? []) : []);
    };
    timer.current = setTimeout(() => void lookUp(), 300);
  };

  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5">
      <legend className="px-1 text-lg font-semibold">Customer</legend>
      <div className="max-w-xl">
        <label htmlFor="customer-search" className="block text-sm font-medium">
          Find an existing customer
        </label>
        <input
          id="customer-search"
          type="search"
          value={query}
          onChange={(e) => search(e.target.value)}
          placeholder="Email or name"
          autoComplete="off"
          aria-describedby="customer-search-status"
          className={inputClass}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
        <p id="customer-search-status" aria-live="polite" className="mt-1 text-sm text-slate-600">
          {picked
            ? `Filled in from ${picked}.`
            : matches === null
              ? 'Or type a new customer below.'
              : matches.length === 0
                ? 'No customer matches; fill in a new one below.'
                : (matches.length >= 10
                    ? 'The first 10 customers'
                    : `${matches.length} ${matches.length === 1 ? 'customer' : 'customers'}`) +
                  ` ` +
                  `matching: pick one to fill in the ` +
                  `form${matches.length >= 10 ? ', or type more to narrow it down' : ''}.`}
        </p>
        {matches && matches.length > 0 && (
          <ul
            aria-label="Matching customers"
            className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200"
          >
            {matches.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  onClick={() => {
                    onPick(m);
                    setPicked(`${m.name} (${m.email})`);
                    setMatches(null);
                    setQuery('');
                  }}
                  className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-slate-50"
                >
                  <span className="font-medium">{m.name}</span> · {m.email}
                  {m.address ? (
                    <span className="text-slate-600">
                      {' '}
                      · {m.address.city}, {m.address.region ?? m.address.country}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        {CUSTOMER_FIELDS.map(([name, label, type]) => (
          <Field
            key={name}
            label={label}
            name={`customer.${name}`}
            id={`customer-${name}`}
            type={type}
            autoComplete="off"
            value={customer[name]}
            onChange={(e) => {
              setCustomer((c) => ({ ...c, [name]: e.target.value }));
              if (name !== 'phone') setPicked(null);
            }}
            error={errors[`customer.${name}`]}
          />
        ))}
      </div>
    </fieldset>
  );
}
