'use client';

import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { PL_SECTIONS, PL_SECTION_LABELS } from '@/lib/ledger/statements';
import { createAccountAction } from '@/lib/ledger/actions';

const TYPE_OPTIONS = [
  { value: 'asset', label: 'Asset' },
  { value: 'liability', label: 'Liability' },
  { value: 'equity', label: 'Equity' },
  { value: 'revenue', label: 'Revenue' },
  { value: 'expense', label: 'Expense' },
];

const SECTION_OPTIONS = [
  { value: '', label: 'Default (revenue / operating expense)' },
  ...PL_SECTIONS.map((s) => ({ value: s, label: PL_SECTION_LABELS[s] })),
];

export function CreateAccountForm() {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(createAccountAction, null, { resetOnSuccess: true });
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="create-account-title"
      className="@container rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="create-account-title" className="mb-4 text-lg font-semibold">
        Add an account
      </h2>
      <div className="grid gap-4 @lg:grid-cols-[10rem_minmax(0,1fr)] @2xl:grid-cols-[10rem_minmax(0,1fr)_12rem]">
        <Field
          label="Code"
          name="code"
          required
          inputMode="numeric"
          pattern="\d{4,6}"
          maxLength={6}
          autoComplete="off"
          error={errors.code}
          hint="4–6 digits, e.g. 6100"
        />
        <Field label="Name" name="name" required maxLength={120} autoComplete="off" error={errors.name} />
        <SelectField
          label="Type"
          name="type"
          defaultValue="expense"
          options={TYPE_OPTIONS}
          error={errors.type}
        />
        <SelectField
          label="Profit and loss section (revenue and expense accounts)"
          name="statement_section"
          defaultValue=""
          options={SECTION_OPTIONS}
          error={errors.statement_section}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Adding…">
          Add account
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
