'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { moveToBinAction } from '@/lib/inventory/actions';

export function MoveBinForm({
  sku,
  locations,
}: {
  sku: string;
  locations: { code: string; name: string }[];
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(moveToBinAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="bin-title"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 id="bin-title" className="text-lg font-semibold">
        Move to another bin
      </h2>
      <input type="hidden" name="sku" value={sku} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Location"
          name="location"
          id="bin-location"
          options={locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
          error={errors.location}
        />
        <Field label="New bin" name="bin" id="bin-code" placeholder="A-03-2" required error={errors.bin} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} variant="secondary">
          Move
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
