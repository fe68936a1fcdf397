'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field } from '@/components/ui/form';
import { ChoiceField, WholeNumberField } from '@/components/form/fields';
import { SubmitRow } from '@/components/form/form-card';
import { updateSettingsAction } from '@/lib/settings/server-actions';
import { OperationalLimitFields } from '@/components/settings/operations-form';
import type { SettingsDto } from '@/lib/settings/schemas';

/** What the form edits: the settings but the fiscal year's start month (set through the API). */
type Settings = Omit<SettingsDto, 'fiscal_year_start_month'>;

/** The settings chosen from a list, with their labels (the fulfilling location's choices are the locations). */
const CHOICES = {
  inventory_costing: {
    label: 'Inventory costing',
    options: [
      { value: 'fifo', label: 'FIFO (first in, first out)' },
      { value: 'average', label: 'Moving weighted average' },
    ],
  },
  fulfilling_location: { label: 'Fulfilling location', options: [] },
  ship_unpaid_orders: {
    label: 'Orders not paid in full',
    options: [
      { value: 'false', label: 'Hold until paid (payment due)' },
      { value: 'true', label: 'Ship on invoice (no hold)' },
    ],
  },
  duties_terms: {
    label: 'Duties on parcels abroad',
    options: [
      { value: 'DDU', label: 'DDU: the recipient pays duties' },
      { value: 'DDP', label: 'DDP: the shop pays duties' },
    ],
  },
} satisfies Record<string, { label: string; options: { value: string; label: string }[] }>;

/** The two lock dates: field, label and who may still post on or before it. */
const LOCK_DATES = [
  ['lock_date', 'Lock date (all but admins)', ', except by an admin'],
  ['lock_date_all', 'Lock date (everyone)', ' by anyone'],
] as const;

export function ShopSettingsForm({
  settings,
  locations,
}: {
  settings: Settings;
  locations: { code: string; name: string }[];
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(updateSettingsAction, null);
  const choice = (name: keyof typeof CHOICES, defaultValue: string, options = CHOICES[name].options) => (
    <ChoiceField
      errors={errors}
      label={CHOICES[name].label}
      name={name}
      defaultValue={defaultValue}
      options={options}
    />
  );
  return (
    <form
      onSubmit={onSubmit}
      className="grid max-w-2xl gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2"
    >
      <div className="sm:col-span-2">
        <Field
          label="Shop name"
          name="shop_name"
          defaultValue={settings.shop_name}
          required
          error={errors.shop_name}
        />
      </div>
      <Field
        label="Currency (ISO code)"
        name="currency"
        defaultValue={settings.currency}
        required
        maxLength={3}
        error={errors.currency}
        hint="Money is kept in this currency's minor units."
      />
      <Field
        label="Time zone"
        name="timezone"
        defaultValue={settings.timezone}
        required
        error={errors.timezone}
        hint="Days on the dashboard start at midnight here."
      />
      {choice('inventory_costing', settings.inventory_costing)}
      {choice(
        'fulfilling_location',
        settings.fulfilling_location ?? '',
        locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` })),
      )}
      <OperationalLimitFields limits={settings} errors={errors} />
      {LOCK_DATES.map(([name, label, who]) => (
        <Field
          key={name}
          label={label}
          name={name}
          type="date"
          defaultValue={settings[name] ?? ''}
          error={errors[name]}
          hint={`Nothing dated on or before this day can be posted${who}. Leave empty for none.`}
        />
      ))}
      {choice('ship_unpaid_orders', settings.ship_unpaid_orders ? 'true' : 'false')}
      {choice('duties_terms', settings.duties_terms)}
      <WholeNumberField
        errors={errors}
        label="CN22 value limit (minor units)"
        name="customs_cn22_limit"
        min={1}
        defaultValue={settings.customs_cn22_limit}
        hint="SDR 300 in the shop currency. Parcels worth more get a CN23 and a commercial invoice."
      />
      <SubmitRow className="sm:col-span-2" pending={pending} state={state}>
        Save settings
      </SubmitRow>
    </form>
  );
}
