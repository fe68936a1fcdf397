'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { createCycleCountAction } from '@/lib/inventory/cycle-counts/actions';

/** errors of a list field (bins.2, skus.0, …) joined under the one input */
const listError = (errors: Record<string, string> | undefined, name: string) =>
  Object.entries(errors ?? {})
    .filter(([k]) => k === name || k.startsWith(`${name}.`))
    .map(([, v]) => v)
    .join('; ') || undefined;

export function NewCountForm({ locations }: { locations: { code: string; name: string }[] }) {
  const router = useRouter();
  const { state, onSubmit, pending } = useActionForm(createCycleCountAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok && state.data) router.push(`/inventory/cycle-counts/${state.data.id}`);
  }, [state, router]);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="New cycle count"
      className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <SelectField
        label="Location"
        name="location"
        defaultValue={locations[0]?.code}
        options={locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
        error={errors?.location}
      />
      <Field
        label="Bins (optional)"
        name="bins"
        placeholder="e.g. A-01-1, A-01-2"
        autoComplete="off"
        hint="Bin codes separated by commas or spaces. Leave empty to count every bin."
        error={listError(errors, 'bins')}
      />
      <Field
        label="SKUs (optional)"
        name="skus"
        placeholder="e.g. TEE-BLK-M"
        autoComplete="off"
        hint="SKUs separated by commas or spaces. Leave empty to count every SKU in scope."
        error={listError(errors, 'skus')}
      />
      <Field
        label="Note (optional)"
        name="note"
        placeholder="e.g. Monthly count of aisle A"
        error={errors?.note}
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingText="Creating…">
        Create count sheet
      </SubmitButton>
    </form>
  );
}
