'use client';

import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
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
    <form
      onSubmit={onSubmit}
      aria-labelledby="payout-title"
      className="@container rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="payout-title" className="mb-4 text-lg font-semibold">
        Record a payout
      </h2>
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
        <Field
          label="Currency"
          name="currency"
          required
          maxLength={3}
          autoComplete="off"
          defaultValue={currency}
          error={errors.currency}
          hint="The processor balance's currency"
        />
        <Field
          label="Amount paid out"
          name="amount"
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder="1250.00"
          error={errors.amount}
          hint="In that currency"
        />
        <Field
          label={`Reached the bank (${currency})`}
          name="bank_amount"
          inputMode="decimal"
          autoComplete="off"
          error={errors.bank_amount}
          hint="Leave empty to use the day's rate"
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Posting…">
          Post payout
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Run the month-end revaluation for a month that has ended (the job does it on the 1st). */
export function RevalueForm({ period }: { period: string }) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(revalueAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="revalue-title"
      className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="revalue-title" className="mb-2 text-lg font-semibold">
        Revalue a month
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        Open foreign-currency balances at the month&apos;s closing rate, reversed on the next month&apos;s
        first day. Runs by itself on the 1st; once per month.
      </p>
      <Field
        label="Month"
        name="period"
        type="month"
        required
        defaultValue={period}
        error={errors.period}
        hint="YYYY-MM"
      />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Revaluing…">
          Revalue
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
