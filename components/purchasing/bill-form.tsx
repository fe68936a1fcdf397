'use client';

import { answerErrors, useRowsForm } from '@/components/form/use-rows-form';
import { RowsFormCard } from '@/components/form/rows-form';
import type { FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { parseAmountInput, toDecimalString, amountExample } from '@/lib/money';
import { enterBillAction } from '@/lib/purchasing/bill-actions';
import { Field, FieldError } from '@/components/ui/form';

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
  const { rows, set, errors, setErrors, state, busy, refuse, send } = useRowsForm<Row>(
    lines.map((l) => ({
      quantity: String(Math.max(0, l.received - l.billed)),
      cost: toDecimalString(l.unit_cost, currency),
    })),
  );

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
    if (Object.keys(local).length) return refuse(local);
    const due = str(form.get('due_date'));
    const res = await send(() =>
      enterBillAction({
        purchase_order_id: purchaseOrderId,
        supplier_reference: str(form.get('supplier_reference')),
        bill_date: str(form.get('bill_date')),
        ...(due ? { due_date: due } : {}),
        input_tax: tax ?? 0,
        lines: out.map((o) => o.line),
      }),
    );
    if (res?.ok && res.data) {
      router.push(`/purchasing/bills/${res.data.id}`);
      return;
    }
    // server field names (lines.k.x) back onto the rows they came from
    const mapped: Record<string, string> = {};
    for (const [key, msg] of Object.entries(answerErrors(res))) {
      const m = /^lines\.(\d+)\.(quantity|unit_cost|sku)$/.exec(key);
      if (m) mapped[`row-${out[Number(m[1])].i}-${m[2] === 'unit_cost' ? 'cost' : 'qty'}`] = msg;
      else mapped[key] = msg;
    }
    setErrors(mapped);
  };

  const err = (k: string) => <FieldError id={`${k}-error`} error={errors[k]} />;
  // the error under a field is named after its key (`input_tax-error`), not the input's id
  const keyed = (k: string) => ({ error: errors[k], errorId: `${k}-error` });

  return (
    <RowsFormCard
      label="Supplier bill"
      onSubmit={(e) => void submit(e)}
      state={state}
      busy={busy}
      submit="Enter bill"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="bill-ref"
          label="Supplier’s invoice number"
          name="supplier_reference"
          required
          maxLength={80}
          {...keyed('supplier_reference')}
        />
        <Field
          id="bill-date"
          label="Bill date"
          name="bill_date"
          type="date"
          required
          defaultValue={today}
          max={today}
          {...keyed('bill_date')}
        />
        <Field
          id="bill-due"
          label="Due date (optional)"
          name="due_date"
          type="date"
          hint={`Blank: the bill date plus the supplier’s terms (${terms || 'due on receipt'}).`}
          {...keyed('due_date')}
        />
        <Field
          id="bill-tax"
          label={`Input tax you reclaim (${currency}, optional)`}
          name="input_tax"
          inputMode="decimal"
          {...keyed('input_tax')}
        />
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
            <Field
              id={`row-${i}-qty`}
              label="Quantity billed"
              name=""
              inputMode="numeric"
              value={rows[i].quantity}
              onChange={(e) => set(i, { quantity: e.target.value })}
              error={errors[`row-${i}-qty`]}
            />
            <Field
              id={`row-${i}-cost`}
              label="Unit cost billed"
              name=""
              inputMode="decimal"
              value={rows[i].cost}
              onChange={(e) => set(i, { cost: e.target.value })}
              error={errors[`row-${i}-cost`]}
            />
          </div>
        ))}
        {err('lines')}
      </fieldset>
      <p className="text-sm text-slate-600">
        Within the supplier’s tolerance the bill posts at once (the difference is a purchase price variance);
        otherwise it waits for a manager.
      </p>
    </RowsFormCard>
  );
}
