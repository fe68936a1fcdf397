'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { parseAmountInput, toDecimalString, amountExample } from '@/lib/money';
import type { ActionState } from '@/lib/server-action';
import { enterBillAction } from '@/lib/purchasing/bill-actions';
import { FieldError, FormMessage, inputClass } from '@/components/ui/form';

export type BillableLine = {
  sku: string;
  name: string;
  ordered: number;
  received: number;
  billed: number;
  unit_cost: number;
};

type Row = { quantity: string; cost: string };

/** A FormData text value ('' when absent or a file). */
const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/**
 * A supplier bill against a PO: the supplier's invoice number, dates, input tax and, per PO line, the
 * quantity and unit cost billed. Each line starts at what arrived and is not yet billed, at the PO's
 * cost; the server runs the three-way match (decision 034).
 */
export function BillForm({
  purchaseOrderId,
  currency,
  lines,
  today,
  terms,
}: {
  purchaseOrderId: string;
  currency: string;
  lines: BillableLine[];
  today: string;
  terms: string | null;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(
    lines.map((l) => ({
      quantity: String(Math.max(0, l.received - l.billed)),
      cost: toDecimalString(l.unit_cost, currency),
    })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<ActionState<{ id: string }>>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Row>) =>
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const local: Record<string, string> = {};
    const billed = rows
      .map((r, i) => ({ r, i, l: lines[i] }))
      .filter(({ r }) => r.quantity.trim() !== '' && r.quantity.trim() !== '0');
    const out = billed.map(({ r, i, l }, k) => {
      const cost = parseAmountInput(r.cost, currency);
      if (cost === null || cost === undefined)
        local[`row-${i}-cost`] = `Enter an amount like ${amountExample(currency)}`;
      if (!/^\d+$/.test(r.quantity.trim())) local[`row-${i}-qty`] = 'Enter a whole number of units';
      return { k, i, line: { sku: l.sku, quantity: Number(r.quantity.trim()), unit_cost: cost ?? 0 } };
    });
    const tax = parseAmountInput(str(form.get('input_tax')), currency);
    if (tax === null) local.input_tax = `Enter an amount like ${amountExample(currency)}`;
    if (!out.length) local.lines = 'Bill at least one line (a quantity above 0)';
    if (Object.keys(local).length) {
      setErrors(local);
      setState({ ok: false, message: 'Check the highlighted fields.' });
      return;
    }
    setBusy(true);
    const due = str(form.get('due_date'));
    const res = await enterBillAction({
      purchase_order_id: purchaseOrderId,
      supplier_reference: str(form.get('supplier_reference')),
      bill_date: str(form.get('bill_date')),
      ...(due ? { due_date: due } : {}),
      input_tax: tax ?? 0,
      lines: out.map((o) => o.line),
    });
    setBusy(false);
    setState(res);
    if (res?.ok && res.data) {
      router.push(`/purchasing/bills/${res.data.id}`);
      return;
    }
    // server field names (lines.k.x) back onto the rows they came from
    const mapped: Record<string, string> = {};
    for (const [key, msg] of Object.entries(res && !res.ok ? (res.fieldErrors ?? {}) : {})) {
      const m = /^lines\.(\d+)\.(quantity|unit_cost|sku)$/.exec(key);
      if (m) mapped[`row-${out[Number(m[1])].i}-${m[2] === 'unit_cost' ? 'cost' : 'qty'}`] = msg;
      else mapped[key] = msg;
    }
    setErrors(mapped);
  };

  const err = (k: string) => <FieldError id={`${k}-error`} error={errors[k]} />;
  const described = (k: string) => (errors[k] ? `${k}-error` : undefined);

  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label="Supplier bill"
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-5"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="bill-ref" className="block text-sm font-medium">
            Supplier’s invoice number
          </label>
          <input
            id="bill-ref"
            name="supplier_reference"
            required
            maxLength={80}
            className={inputClass}
            aria-invalid={errors.supplier_reference ? true : undefined}
            aria-describedby={described('supplier_reference')}
          />
          {err('supplier_reference')}
        </div>
        <div>
          <label htmlFor="bill-date" className="block text-sm font-medium">
            Bill date
          </label>
          <input
            id="bill-date"
            name="bill_date"
            type="date"
            required
            defaultValue={today}
            max={today}
            className={inputClass}
            aria-invalid={errors.bill_date ? true : undefined}
            aria-describedby={described('bill_date')}
          />
          {err('bill_date')}
        </div>
        <div>
          <label htmlFor="bill-due" className="block text-sm font-medium">
            Due date (optional)
          </label>
          <input
            id="bill-due"
            name="due_date"
            type="date"
            className={inputClass}
            aria-describedby="bill-due-hint"
          />
          <p id="bill-due-hint" className="mt-1 text-sm text-slate-600">
            Blank: the bill date plus the supplier’s terms ({terms || 'due on receipt'}).
          </p>
          {err('due_date')}
        </div>
        <div>
          <label htmlFor="bill-tax" className="block text-sm font-medium">
            Input tax you reclaim ({currency}, optional)
          </label>
          <input
            id="bill-tax"
            name="input_tax"
            inputMode="decimal"
            className={inputClass}
            aria-invalid={errors.input_tax ? true : undefined}
            aria-describedby={described('input_tax')}
          />
          {err('input_tax')}
        </div>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Billed lines</legend>
        {lines.map((l, i) => (
          <div
            key={l.sku}
            className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_7rem_9rem]"
          >
            <div>
              <p className="font-mono">{l.sku}</p>
              <p className="text-sm text-slate-600">
                {l.name} · ordered {l.ordered}, received {l.received}, billed {l.billed} · PO cost{' '}
                {toDecimalString(l.unit_cost, currency)}
              </p>
            </div>
            <div>
              <label htmlFor={`row-${i}-qty`} className="block text-sm font-medium">
                Quantity billed
              </label>
              <input
                id={`row-${i}-qty`}
                inputMode="numeric"
                value={rows[i].quantity}
                onChange={(e) => set(i, { quantity: e.target.value })}
                className={inputClass}
                aria-invalid={errors[`row-${i}-qty`] ? true : undefined}
                aria-describedby={described(`row-${i}-qty`)}
              />
              {err(`row-${i}-qty`)}
            </div>
            <div>
              <label htmlFor={`row-${i}-cost`} className="block text-sm font-medium">
                Unit cost billed
              </label>
              <input
                id={`row-${i}-cost`}
                inputMode="decimal"
                value={rows[i].cost}
                onChange={(e) => set(i, { cost: e.target.value })}
                className={inputClass}
                aria-invalid={errors[`row-${i}-cost`] ? true : undefined}
                aria-describedby={described(`row-${i}-cost`)}
              />
              {err(`row-${i}-cost`)}
            </div>
          </div>
        ))}
        {err('lines')}
      </fieldset>
      <p className="text-sm text-slate-600">
        Within the supplier’s tolerance the bill posts at once (the difference is a purchase price variance);
        otherwise it waits for a manager.
      </p>
      <FormMessage state={state} />
      <button
        type="submit"
        disabled={busy}
        className={
          'inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-6 text-base ' +
          'font-semibold text-white hover:bg-brand-800 disabled:opacity-60'
        }
      >
        {busy ? 'Saving…' : 'Enter bill'}
      </button>
    </form>
  );
}
