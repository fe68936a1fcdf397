'use client';

import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateLocationAction } from '@/lib/locations/actions';

type Location = {
  code: string;
  name: string;
  kind: string;
  bins: number;
  address: Record<string, string> | null;
};

/** A location's name and postal address (the ship-from printed on its labels). */
export function LocationForm({ location }: { location: Location }) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(updateLocationAction, null);
  const a = location.address ?? {};
  const id = (name: string) => `${location.code}-${name}`;
  const err = (name: string) => errors[`address.${name}`];
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby={id('title')}
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2"
    >
      <h2 id={id('title')} className="text-lg font-semibold sm:col-span-2">
        {location.name}{' '}
        <span className="text-sm font-normal text-slate-600">
          ({location.code} · {location.kind} · {location.bins} bins)
        </span>
      </h2>
      <input type="hidden" name="code" value={location.code} />
      <Field
        id={id('name')}
        label="Location name"
        name="name"
        defaultValue={location.name}
        required
        error={errors.name}
      />
      <Field
        id={id('address_name')}
        label="Name on labels"
        name="address_name"
        defaultValue={a.name ?? ''}
        required
        error={err('name')}
      />
      <Field
        id={id('line1')}
        label="Street address"
        name="line1"
        defaultValue={a.line1 ?? ''}
        required
        error={err('line1')}
      />
      <Field
        id={id('line2')}
        label="Address line 2"
        name="line2"
        defaultValue={a.line2 ?? ''}
        error={err('line2')}
      />
      <Field
        id={id('city')}
        label="City"
        name="city"
        defaultValue={a.city ?? ''}
        required
        error={err('city')}
      />
      <Field
        id={id('region')}
        label="State / region"
        name="region"
        defaultValue={a.region ?? ''}
        error={err('region')}
      />
      <Field
        id={id('postal_code')}
        label="Postal code"
        name="postal_code"
        defaultValue={a.postal_code ?? ''}
        required
        error={err('postal_code')}
      />
      <Field
        id={id('country')}
        label="Country (2 letters)"
        name="country"
        defaultValue={a.country ?? 'US'}
        required
        maxLength={2}
        error={err('country')}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending}>Save {location.code}</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
