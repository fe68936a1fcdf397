'use client';

import { TextAreaField } from '@/components/form/fields';
import { SubmitRow } from '@/components/form/form-card';
import { useState } from 'react';
import { StaticTable } from '@/components/data-table/static-table';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  approveReturnAction,
  closeReturnAction,
  exchangeReturnAction,
  inspectReturnAction,
  rejectReturnAction,
  requestReturnAction,
} from '@/lib/returns/actions';
import { decideRefundAction, goodwillRefundAction, refundReturnAction } from '@/lib/refunds/actions';
import type { ActionState } from '@/lib/server-action';
import { refundCap, refundTotal } from '@/lib/refunds/rules';
import { amountExample, formatMoney, parseAmountInput, toDecimalString } from '@/lib/money';

/** A typed amount in major units → minor units of `currency` (JPY has none, KWD three); NaN if not one. */

export type ReturnableLineView = {
  sku: string;
  name: string;
  shipped: number;
  on_returns: number;
  returnable: number;
};

export function RequestReturnForm({
  orderId,
  ticketId,
  lines,
  reasons,
  defaultReason = 'defective',
}: {
  orderId: string;
  ticketId?: string;
  lines: ReturnableLineView[];
  reasons: { value: string; label: string }[];
  /** preselected on every line (from the ticket's tags: lib/returns/rules.ts returnReasonForTags) */
  defaultReason?: string;
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(requestReturnAction, null);
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} aria-label="Start a return" className="space-y-4">
      <input type="hidden" name="orderId" value={orderId} />
      {ticketId && <input type="hidden" name="ticketId" value={ticketId} />}
      <StaticTable
        label="Units to return table"
        caption="Units to return"
        columns={[
          { id: 'item', header: 'Item' },
          { id: 'shipped', header: 'Shipped', align: 'end' },
          { id: 'on_returns', header: 'On returns', align: 'end' },
          { id: 'return', header: 'Return' },
          { id: 'reason', header: 'Reason' },
        ]}
        rows={lines.map((l, i) => ({
          id: `${l.sku}-${i}`,
          cells: {
            item: (
              <>
                <span className="font-mono">{l.sku}</span>
                <br />
                <span className="text-slate-700">{l.name}</span>
              </>
            ),
            shipped: l.shipped,
            on_returns: l.on_returns,
            return: (
              <>
                {/* Disabled inputs are not sent: the SKU goes only with a returnable line, so the lists align. */}
                {l.returnable > 0 && <input type="hidden" name="sku" value={l.sku} />}
                <label htmlFor={`qty-${i}`} className="sr-only">
                  Units of {l.sku} to return (at most {l.returnable})
                </label>
                <input
                  id={`qty-${i}`}
                  name="quantity"
                  type="number"
                  min={0}
                  max={l.returnable}
                  defaultValue={0}
                  disabled={l.returnable === 0}
                  className={`${inputClass} w-24`}
                  aria-invalid={err[`lines.${i}.quantity`] ? true : undefined}
                  aria-describedby={`qty-${i}-hint`}
                />
                <p id={`qty-${i}-hint`} className="mt-1 text-xs text-slate-600">
                  {l.returnable === 0 ? 'Nothing left to return' : `At most ${l.returnable}`}
                </p>
              </>
            ),
            reason: (
              <>
                <label htmlFor={`reason-${i}`} className="sr-only">
                  Reason for {l.sku}
                </label>
                <select
                  id={`reason-${i}`}
                  name="reason"
                  className={inputClass}
                  disabled={l.returnable === 0}
                  defaultValue={defaultReason}
                >
                  {reasons.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </>
            ),
          },
        }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="resolution" className="block text-sm font-medium">
            The customer wants
          </label>
          <select id="resolution" name="resolution" className={inputClass} defaultValue="refund">
            <option value="refund">A refund</option>
            <option value="exchange">An exchange</option>
          </select>
        </div>
        <div>
          <label htmlFor="return-note" className="block text-sm font-medium">
            Note for staff (optional)
          </label>
          <input id="return-note" name="note" maxLength={2000} className={inputClass} />
        </div>
      </div>
      <SubmitRow pending={pending} pendingText="Requesting…" state={state}>
        Request return
      </SubmitRow>
    </form>
  );
}

export function ApproveReturnForm({ returnId }: { returnId: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(approveReturnAction, null);
  return (
    <form onSubmit={onSubmit} aria-label="Approve the return" className="space-y-3">
      <input type="hidden" name="returnId" value={returnId} />
      <TextAreaField
        id="approve-message"
        label="Message to the customer (optional)"
        name="message"
        rows={2}
        maxLength={2000}
        placeholder="e.g. Please send it back within 14 days"
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="issueLabel" className="size-4" /> Issue a prepaid return label
      </label>
      <SubmitRow pending={pending} pendingText="Approving…" state={state}>
        Approve return
      </SubmitRow>
    </form>
  );
}

export function RejectReturnForm({ returnId }: { returnId: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(rejectReturnAction, null);
  const error = state && !state.ok ? state.fieldErrors?.message : undefined;
  return (
    <form onSubmit={onSubmit} aria-label="Reject the return" className="space-y-3">
      <input type="hidden" name="returnId" value={returnId} />
      <TextAreaField
        id="reject-message"
        label="Why (sent to the customer)"
        name="message"
        rows={2}
        required
        maxLength={2000}
        error={error}
      />
      <SubmitRow variant="danger" pending={pending} pendingText="Rejecting…" state={state}>
        Reject return
      </SubmitRow>
    </form>
  );
}

export function CloseReturnForm({ returnId }: { returnId: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(closeReturnAction, null, () =>
    window.confirm('Close this return? Units not received become returnable again.'),
  );
  return (
    <form onSubmit={onSubmit} aria-label="Close the return" className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="returnId" value={returnId} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Closing…">
        Close return
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function InspectForm({
  returnId,
  lines,
}: {
  returnId: string;
  lines: { sku: string; name: string; uninspected: number }[];
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(inspectReturnAction, null);
  const open = lines.filter((l) => l.uninspected > 0);
  if (!open.length) return <p className="text-sm text-slate-700">No received units wait for inspection.</p>;
  return (
    <form onSubmit={onSubmit} aria-label="Inspect received units" className="space-y-3">
      <input type="hidden" name="returnId" value={returnId} />
      <StaticTable
        label="Dispositions table"
        caption="Dispositions per item"
        columns={[
          { id: 'item', header: 'Item' },
          { id: 'uninspected', header: 'To inspect', align: 'end' },
          { id: 'restock', header: 'Restock' },
          { id: 'damaged', header: 'Damaged' },
          { id: 'scrap', header: 'Scrap' },
        ]}
        rows={open.map((l, i) => ({
          id: l.sku,
          cells: {
            item: (
              <>
                <span className="font-mono">{l.sku}</span> <span className="text-slate-700">{l.name}</span>
                <input type="hidden" name="sku" value={l.sku} />
              </>
            ),
            uninspected: l.uninspected,
            ...Object.fromEntries(
              (['restock', 'damaged', 'scrap'] as const).map((d) => [
                d,
                <>
                  <label htmlFor={`${d}-${i}`} className="sr-only">
                    {d === 'restock'
                      ? 'Restock (sellable)'
                      : d === 'damaged'
                        ? 'Damaged (unsellable)'
                        : 'Scrap (written off)'}{' '}
                    units of {l.sku}
                  </label>
                  <input
                    id={`${d}-${i}`}
                    name={d}
                    type="number"
                    min={0}
                    max={l.uninspected}
                    defaultValue={d === 'restock' ? l.uninspected : 0}
                    className={`${inputClass} w-20`}
                  />
                </>,
              ]),
            ),
          },
        }))}
      />
      <p className="text-sm text-slate-600">
        Restock: back to sellable stock. Damaged: kept apart, unsellable. Scrap: written off.
      </p>
      <SubmitRow pending={pending} pendingText="Saving…" state={state}>
        Save inspection
      </SubmitRow>
    </form>
  );
}

/**
 * The refund form with its live cap: the total follows the options as they change, and an amount
 * above what the units come to, or above what the order still has paid, is flagged before sending.
 */
export function RefundForm(props: {
  returnId: string;
  ticketId?: string;
  idempotencyKey: string;
  currency: string;
  goods: number;
  tax: number;
  fee: number;
  shippingLeft: number;
  paidLeft: number;
  limit: number | null;
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(refundReturnAction, null);
  const [waive, setWaive] = useState(false);
  const [shipping, setShipping] = useState('');
  const [amount, setAmount] = useState('');
  const money = (n: number) => formatMoney(n, props.currency);
  const shipInput = parseAmountInput(shipping, props.currency);
  const ship = shipInput ?? 0;
  const computed = refundTotal({
    goods: props.goods,
    tax: props.tax,
    shipping: ship,
    fee: waive ? 0 : props.fee,
  });
  const cap = refundCap({ amountPaid: props.paidLeft, units: computed });
  const asked = parseAmountInput(amount, props.currency);
  const total = asked ?? computed;
  const problem =
    shipInput === null || asked === null
      ? `Enter amounts like ${amountExample(props.currency)}`
      : ship > props.shippingLeft
        ? `At most ${money(props.shippingLeft)} of shipping is left to refund`
        : total > cap
          ? `At most ${money(cap)} can be refunded`
          : null;
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} aria-label="Refund the return" className="space-y-3">
      <input type="hidden" name="returnId" value={props.returnId} />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.ticketId && <input type="hidden" name="ticketId" value={props.ticketId} />}
      <dl className="grid max-w-md grid-cols-2 gap-y-1 text-sm">
        <dt className="text-slate-600">Items</dt>
        <dd className="text-right tabular-nums">{money(props.goods)}</dd>
        <dt className="text-slate-600">Tax</dt>
        <dd className="text-right tabular-nums">{money(props.tax)}</dd>
        <dt className="text-slate-600">Restocking fee</dt>
        <dd className="text-right tabular-nums">{money(waive ? 0 : -props.fee)}</dd>
        <dt className="text-slate-600">Paid and not refunded</dt>
        <dd className="text-right tabular-nums">{money(props.paidLeft)}</dd>
      </dl>
      {props.fee > 0 && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="waiveFee"
            checked={waive}
            onChange={(e) => setWaive(e.target.checked)}
            className="size-4"
          />{' '}
          Waive the restocking fee
        </label>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="refund-shipping" className="block text-sm font-medium">
            Shipping to refund (optional)
          </label>
          <input
            id="refund-shipping"
            name="shipping"
            inputMode="decimal"
            value={shipping}
            onChange={(e) => setShipping(e.target.value)}
            placeholder={toDecimalString(0, props.currency)}
            className={inputClass}
            aria-describedby="refund-shipping-hint"
          />
          <p id="refund-shipping-hint" className="mt-1 text-xs text-slate-600">
            Up to {money(props.shippingLeft)}
          </p>
        </div>
        <div>
          <label htmlFor="refund-amount" className="block text-sm font-medium">
            Refund a smaller amount (optional)
          </label>
          <input
            id="refund-amount"
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder={toDecimalString(computed, props.currency)}
            className={inputClass}
            aria-invalid={problem || err.amount ? true : undefined}
            aria-describedby="refund-cap"
          />
        </div>
      </div>
      <div>
        <label htmlFor="refund-reason" className="block text-sm font-medium">
          Note (optional)
        </label>
        <input id="refund-reason" name="reason" maxLength={500} className={inputClass} />
      </div>
      <p
        id="refund-cap"
        aria-live="polite"
        className={`text-sm ${problem ? 'text-red-700' : 'text-slate-800'}`}
      >
        {problem ?? (
          <>
            Refund total: <strong data-testid="refund-total">{money(total)}</strong> (at most {money(cap)}).
            {props.limit !== null && total > props.limit
              ? ` Above your limit of ${money(props.limit)}: a manager approves it.`
              : ''}
          </>
        )}
      </p>
      <SubmitRow pending={pending} disabled={!!problem || total <= 0} pendingText="Refunding…" state={state}>
        Issue refund
      </SubmitRow>
    </form>
  );
}

export function GoodwillRefundForm({
  orderId,
  ticketId,
  idempotencyKey,
  currency,
  paidLeft,
  limit,
}: {
  orderId: string;
  ticketId?: string;
  idempotencyKey: string;
  currency: string;
  paidLeft: number;
  limit: number | null;
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(goodwillRefundAction, null);
  const [amount, setAmount] = useState('');
  const money = (n: number) => formatMoney(n, currency);
  const asked = parseAmountInput(amount, currency);
  const problem =
    asked === null
      ? `Enter an amount like ${amountExample(currency)}`
      : asked !== undefined && asked > paidLeft
        ? `At most ${money(paidLeft)} can be refunded`
        : null;
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} aria-label="Goodwill refund" className="max-w-lg space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {ticketId && <input type="hidden" name="ticketId" value={ticketId} />}
      <div>
        <label htmlFor="goodwill-amount" className="block text-sm font-medium">
          Amount
        </label>
        <input
          id="goodwill-amount"
          name="amount"
          inputMode="decimal"
          required
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          placeholder={toDecimalString(0, currency)}
          className={inputClass}
          aria-invalid={problem || err.amount ? true : undefined}
          aria-describedby="goodwill-cap"
        />
        <p
          id="goodwill-cap"
          aria-live="polite"
          className={`mt-1 text-sm ${problem ? 'text-red-700' : 'text-slate-700'}`}
        >
          {problem ?? err.amount ?? (
            <>
              At most {money(paidLeft)} (paid and not refunded).
              {limit !== null && asked !== undefined && asked !== null && asked > limit
                ? ` Above your limit of ${money(limit)}: a manager approves it.`
                : ''}
            </>
          )}
        </p>
      </div>
      <div>
        <label htmlFor="goodwill-reason" className="block text-sm font-medium">
          Reason
        </label>
        <input
          id="goodwill-reason"
          name="reason"
          required
          maxLength={500}
          className={inputClass}
          aria-invalid={err.reason ? true : undefined}
          aria-describedby={err.reason ? 'goodwill-reason-error' : undefined}
        />
        {err.reason && (
          <p id="goodwill-reason-error" className="mt-1 text-sm text-red-700">
            {err.reason}
          </p>
        )}
      </div>
      <SubmitRow pending={pending} disabled={!!problem} pendingText="Refunding…" state={state}>
        Issue refund
      </SubmitRow>
    </form>
  );
}

function DecisionForm({
  refundId,
  number,
  decision,
}: {
  refundId: string;
  number: number;
  decision: 'approve' | 'decline';
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(decideRefundAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`${decision === 'approve' ? 'Approve' : 'Decline'} refund #${number}`}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="refundId" value={refundId} />
      <input type="hidden" name="decision" value={decision} />
      <SubmitButton variant={decision === 'approve' ? 'primary' : 'danger'} pending={pending}>
        {decision === 'approve' ? 'Approve' : 'Decline'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DecideRefundForm({ refundId, number }: { refundId: string; number: number }) {
  return (
    <div className="flex flex-wrap gap-2">
      <DecisionForm refundId={refundId} number={number} decision="approve" />
      <DecisionForm refundId={refundId} number={number} decision="decline" />
    </div>
  );
}

export function ExchangeForm({ returnId }: { returnId: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(exchangeReturnAction, null);
  const err = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} aria-label="Exchange for a replacement" className="space-y-3">
      <input type="hidden" name="returnId" value={returnId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="exchange-sku" className="block text-sm font-medium">
            Replacement SKU
          </label>
          <input
            id="exchange-sku"
            name="sku"
            required
            maxLength={64}
            className={inputClass}
            aria-invalid={err['lines.0.sku'] ? true : undefined}
            aria-describedby={err['lines.0.sku'] ? 'exchange-sku-error' : undefined}
          />
          {err['lines.0.sku'] && (
            <p id="exchange-sku-error" className="mt-1 text-sm text-red-700">
              {err['lines.0.sku']}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="exchange-qty" className="block text-sm font-medium">
            Units
          </label>
          <input
            id="exchange-qty"
            name="quantity"
            type="number"
            min={1}
            defaultValue={1}
            className={inputClass}
          />
        </div>
      </div>
      <SubmitRow pending={pending} pendingText="Creating…" state={state}>
        Create replacement order
      </SubmitRow>
    </form>
  );
}
