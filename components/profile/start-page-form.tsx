'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { setStartPageAction } from '@/lib/users/server-actions';

export function StartPageForm({
  current,
  defaultLabel,
  sections,
}: {
  current: string;
  defaultLabel: string;
  sections: { key: string; label: string }[];
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(setStartPageAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="start-page-title"
      className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 id="start-page-title" className="text-lg font-semibold">
        Start page
      </h2>
      <SelectField
        label="After signing in, open"
        name="start_page"
        defaultValue={current}
        error={errors.start_page}
        options={[
          { value: '', label: `Default for your role (${defaultLabel})` },
          ...sections.map((s) => ({ value: s.key, label: s.label })),
        ]}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save start page
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
