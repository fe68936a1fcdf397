'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { WholeNumberField } from '@/components/form/fields';
import { SubmitRow } from '@/components/form/form-card';
import { updateOperationsAction } from '@/lib/settings/server-actions';

export type OperationalLimits = {
  support_refund_limit: number;
  count_approval_limit: number;
  fraud_review_threshold: number;
};

const LIMIT_FIELDS: readonly (readonly [keyof OperationalLimits, string, string])[] = [
  [
    'support_refund_limit',
    'Support refund limit (minor units)',
    'Refunds above this by a support agent wait for a manager. 10000 = 100.00.',
  ],
  [
    'count_approval_limit',
    'Cycle count approval limit (minor units)',
    'A count that moves more inventory value than this is completed by a manager. 10000 = 100.00.',
  ],
  [
    'fraud_review_threshold',
    'Fraud review threshold (0–100)',
    'Orders scoring this or more wait for review.',
  ],
];

/**
 * The three operational limits (refund, count approval, fraud review), as fields of a two-column
 * form: on their own settings page and in the shop settings form.
 */
export function OperationalLimitFields({
  limits,
  errors,
}: {
  limits: OperationalLimits;
  errors: Record<string, string>;
}) {
  return (
    <>
      {LIMIT_FIELDS.map(([name, label, hint]) => (
        <WholeNumberField
          key={name}
          errors={errors}
          label={label}
          name={name}
          max={name === 'fraud_review_threshold' ? 100 : undefined}
          defaultValue={limits[name]}
          hint={hint}
        />
      ))}
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
      <SubmitRow className="sm:col-span-2" pending={pending} pendingText="Saving…" state={state}>
        Save limits
      </SubmitRow>
    </form>
  );
}
