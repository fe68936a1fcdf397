'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { adjustStockAction } from '@/lib/inventory/actions';

const REASONS = [
  { value: 'lost', label: 'Lost (−)' },
  { value: 'theft', label: 'Theft (−)' },
  { value: 'expired', label: 'Expired (−)' },
  { value: 'found', label: 'Found (+)' },
  { value: 'correction', label: 'Correction (±)' },
  { value: 'count', label: 'Count correction (±)' },
  { value: 'damaged', label: 'Move to damaged (−)' },
  { value: 'quarantine', label: 'Move to quarantine (−)' },
  { value: 'release_quarantine', label: 'Release from quarantine (+)' },
  { value: 'scrap', label: 'Scrap damaged units (−)' },
];

export function AdjustForm({ sku, locations }: { sku: string; locations: { code: string; name: string }[] }) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(adjustStockAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="adjust-title"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 id="adjust-title" className="text-lg font-semibold">
        Adjust stock
      </h2>
      <input type="hidden" name="sku" value={sku} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Location"
          name="location"
          options={locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
          error={errors.location}
        />
        <SelectField label="Reason" name="reason" options={REASONS} error={errors.reason} />
        <Field
          label="Change in units"
          name="delta"
          inputMode="numeric"
          placeholder="-2"
          required
          error={errors.delta ?? errors.quantity}
          hint="Negative removes, positive adds."
        />
      </div>
      <Field label="Note" name="note" placeholder="What happened? (optional)" error={errors.note} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Save adjustment</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
