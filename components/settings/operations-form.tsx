'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { updateOperationsAction } from '@/lib/settings/server-actions';

export type OperationalLimits = {
  support_refund_limit: number;
  count_approval_limit: number;
  fraud_review_threshold: number;
};

/**
 * The three operational limits (refund, count approval, fraud review), as fields of a two-column
 * form: on their own settings page and in the shop settings form.
 */
export function OperationalLimitFields({
  limits,
  errors,
}: {
  limits: OperationalLimits;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <Field
        label="Support refund limit (minor units)"
        name="support_refund_limit"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        defaultValue={limits.support_refund_limit}
        error={errors.support_refund_limit}
        hint="Refunds above this by a support agent wait for a manager. 10000 = 100.00."
      />
      <Field
        label="Cycle count approval limit (minor units)"
        name="count_approval_limit"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        defaultValue={limits.count_approval_limit}
        error={errors.count_approval_limit}
        hint="A count that moves more inventory value than this is completed by a manager. 10000 = 100.00."
      />
      <Field
        label="Fraud review threshold (0–100)"
        name="fraud_review_threshold"
        type="number"
        min={0}
        max={100}
        step={1}
        inputMode="numeric"
        defaultValue={limits.fraud_review_threshold}
        error={errors.fraud_review_threshold}
        hint="Orders scoring this or more wait for review."
      />
    </>
  );
}

export function OperationsForm({ limits }: { limits: OperationalLimits }) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(updateOperationsAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Operational limits"
      className="grid max-w-2xl gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2"
    >
      <OperationalLimitFields limits={limits} errors={errors} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save limits
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
