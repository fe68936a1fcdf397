'use client';

import { Field } from '@/components/ui/form';
import { FormCard, SubmitRow } from '@/components/form/form-card';
import { CurrencyCodeField, DecimalField } from '@/components/form/fields';
import { useActionForm } from '@/components/ui/use-action-form';
import { recordPayoutAction, revalueAction } from '@/lib/ledger/actions';

/** Record a payout of the processor balance into the bank (realized FX on a foreign balance). */
export function PayoutForm({ currency, today }: { currency: string; today: string }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(recordPayoutAction, null, { resetOnSuccess: true });
  return (
    <FormCard id="payout" title="Record a payout" container onSubmit={onSubmit}>
      <div className="grid gap-4 @lg:grid-cols-2">
        <Field
          label="Reference"
          name="reference"
          required
          autoComplete="off"
          placeholder="po_1Q2x…"
          error={errors.reference}
        />
        <Field label="Date" name="date" type="date" required defaultValue={today} error={errors.date} />
        <CurrencyCodeField errors={errors} defaultValue={currency} hint="The processor balance's currency" />
        <DecimalField
          errors={errors}
          label="Amount paid out"
          name="amount"
          required
          placeholder="1250.00"
          hint="In that currency"
        />
        <DecimalField
          errors={errors}
          label={`Reached the bank (${currency})`}
          name="bank_amount"
          hint="Leave empty to use the day's rate"
        />
      </div>
      <SubmitRow spaced pending={pending} pendingText="Posting…" state={state}>
        Post payout
      </SubmitRow>
    </FormCard>
  );
}

/** Run the month-end revaluation for a month that has ended (the job does it on the 1st). */
export function RevalueForm({ period }: { period: string }) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(revalueAction, null);
  return (
    <FormCard
      id="revalue"
      title="Revalue a month"
      onSubmit={onSubmit}
      intro={
        <>
          Open foreign-currency balances at the month&apos;s closing rate, reversed on the next month&apos;s
          first day. Runs by itself on the 1st; once per month.
        </>
      }
    >
      <Field
        label="Month"
        name="period"
        type="month"
        required
        defaultValue={period}
        error={errors.period}
        hint="YYYY-MM"
      />
      <SubmitRow spaced pending={pending} pendingText="Revaluing…" state={state}>
        Revalue
      </SubmitRow>
    </FormCard>
  );
}
