'use client';

import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { recordPaymentAction } from '@/lib/orders/payment-actions';
import type { ActionState } from '@/lib/server-action';

/** "Record a payment": money that arrived after the order (a transfer, an invoice paid, the rest of a part payment). */
export function RecordPaymentForm({
  orderId,
  currency,
  owed,
}: {
  orderId: string;
  currency: string;
  /** what is still owed, as a decimal string in the currency ("58.95") */
  owed: string;
}) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(recordPaymentAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Record a payment"
      className="grid gap-3 sm:grid-cols-3 sm:items-end"
    >
      <input type="hidden" name="orderId" value={orderId} />
      <Field
        label={`Amount received (${currency})`}
        name="amount"
        inputMode="decimal"
        required
        defaultValue={owed}
        error={errors.amount}
        hint={`${owed} is still owed.`}
      />
      <SelectField
        label="Paid by"
        name="method"
        defaultValue="bank_transfer"
        error={errors.method}
        options={[
          { value: 'bank_transfer', label: 'Bank transfer' },
          { value: 'card', label: 'Card' },
          { value: 'cash', label: 'Cash' },
          { value: 'check', label: 'Check' },
          { value: 'other', label: 'Other' },
        ]}
      />
      <div className="flex flex-wrap items-center gap-3 pb-1">
        <SubmitButton variant="secondary" pending={pending} pendingText="Recording…">
          Record payment
        </SubmitButton>
      </div>
      <div className="sm:col-span-3">
        <FormMessage state={state && !state.ok && Object.keys(errors).length ? null : state} />
      </div>
    </form>
  );
}
