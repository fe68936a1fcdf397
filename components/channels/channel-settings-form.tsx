'use client';

import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { saveChannelAction } from '@/lib/channels/actions';

type Settings = {
  channel: string;
  buffer_units: number;
  list_percent: number;
  max_listed: number | null;
  locations: string[];
};

/** One channel's listing settings; every location unticked means every active location feeds it. */
export function ChannelSettingsForm({
  settings,
  label,
  locations,
  canEdit,
}: {
  settings: Settings;
  label: string;
  locations: string[];
  canEdit: boolean;
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(saveChannelAction, null);
  const id = (name: string) => `${settings.channel}-${name}`;
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`${label} listing settings`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 className="text-base font-semibold">{label}</h2>
      <input type="hidden" name="channel" value={settings.channel} />
      <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-3">
        <Field
          id={id('buffer')}
          label="Buffer units"
          name="buffer_units"
          type="number"
          min={0}
          defaultValue={settings.buffer_units}
          error={errors.buffer_units}
        />
        <Field
          id={id('percent')}
          label="Percent to list"
          name="list_percent"
          type="number"
          min={0}
          max={100}
          defaultValue={settings.list_percent}
          error={errors.list_percent}
        />
        <Field
          id={id('max')}
          label="Most to list"
          name="max_listed"
          type="number"
          min={0}
          defaultValue={settings.max_listed ?? ''}
          hint="Empty: no maximum"
          error={errors.max_listed}
        />
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend className="text-sm font-medium">Locations that feed it (none ticked: all)</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {locations.map((code) => (
            <label key={code} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="locations"
                value={code}
                defaultChecked={settings.locations.includes(code)}
                className="h-4 w-4"
              />
              {code}
            </label>
          ))}
        </div>
        {errors.locations && <p className="mt-1 text-sm text-red-700">{errors.locations}</p>}
      </fieldset>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>Save</SubmitButton>
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}
