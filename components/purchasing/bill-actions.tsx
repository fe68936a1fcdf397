'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { decideBillAction, payBillAction } from '@/lib/purchasing/bill-actions';
import { FormMessage, inputClass, SubmitButton } from '@/components/ui/form';

function DecisionForm({ billId, decision }: { billId: string; decision: 'approve' | 'reject' }) {
  const { state, onSubmit, pending } = useActionForm(decideBillAction, null);
  const id = `${decision}-reason`;
  return (
    <form
      onSubmit={onSubmit}
      aria-label={decision === 'approve' ? 'Approve the bill' : 'Reject the bill'}
      className="space-y-3 rounded-lg border border-slate-200 p-4"
    >
      <input type="hidden" name="bill_id" value={billId} />
      <input type="hidden" name="decision" value={decision} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {decision === 'approve' ? 'Why it is right (optional)' : 'Why it is wrong (optional)'}
        </label>
        <input id={id} name="reason" maxLength={500} className={inputClass} />
      </div>
      <SubmitButton variant={decision === 'approve' ? 'primary' : 'danger'} pending={pending}>
        {decision === 'approve' ? 'Approve and post' : 'Reject'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Approve or reject a bill waiting outside the match tolerance (managers and admins); audited with the reason. */
export function BillDecision({ billId }: { billId: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <DecisionForm billId={billId} decision="approve" />
      <DecisionForm billId={billId} decision="reject" />
    </div>
  );
}

/**
 * Pay a posted bill on a day (its rate settles a foreign bill): all that is open, or part of it
 * when an amount is typed (the bill is then partially paid).
 */
export function BillPayment({
  billId,
  today,
  currency,
  open,
}: {
  billId: string;
  today: string;
  currency: string;
  /** what is still open, as a decimal in the bill's currency ("120.00") */
  open: string;
}) {
  const { state, onSubmit, pending } = useActionForm(payBillAction, null, () =>
    window.confirm('Record this payment from the bank?'),
  );
  return (
    <form onSubmit={onSubmit} aria-label="Pay the bill" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="bill_id" value={billId} />
      <input type="hidden" name="currency" value={currency} />
      <div>
        <label htmlFor="paid-on" className="block text-sm font-medium">
          Paid on
        </label>
        <input
          id="paid-on"
          name="paid_on"
          type="date"
          defaultValue={today}
          max={today}
          required
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="pay-amount" className="block text-sm font-medium">
          Amount ({currency})
        </label>
        <input
          id="pay-amount"
          name="amount"
          inputMode="decimal"
          placeholder={open}
          aria-describedby="pay-amount-hint"
          className={inputClass}
        />
        <p id="pay-amount-hint" className="text-xs text-slate-600">
          Leave blank to pay all {open} that is open.
        </p>
      </div>
      <SubmitButton pending={pending} pendingText="Paying…">
        Record payment
      </SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
