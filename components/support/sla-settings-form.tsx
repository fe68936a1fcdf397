'use client';

import { useState } from 'react';
import { FormMessage, SubmitButton, Field } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateSlaSettingsAction } from '@/lib/support/actions';
import type { ActionState } from '@/lib/server-action';
import type { SlaSettingsDto } from '@/lib/support/queries';
import { PRIORITY_LABEL } from '@/components/support/ticket-badges';

const DAYS = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/** SLA policies per priority and the clock's calendar (24/7 or business hours in the shop's time zone). */
export function SlaSettingsForm({ settings }: { settings: SlaSettingsDto }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(updateSlaSettingsAction, null);
  const [mode, setMode] = useState(settings.business_hours_only ? 'business' : 'always');
  return (
    <form onSubmit={onSubmit} aria-label="SLA settings" className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="font-semibold">When the SLA clock runs</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="business_hours_only"
            value="business"
            checked={mode === 'business'}
            onChange={() => setMode('business')}
          />{' '}
          Business hours only ({settings.timezone})
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="business_hours_only"
            value="always"
            checked={mode === 'always'}
            onChange={() => setMode('always')}
          />{' '}
          Around the clock (24/7)
        </label>
      </fieldset>
      <fieldset className="space-y-3" disabled={mode !== 'business'}>
        <legend className="font-semibold">Business hours</legend>
        <div className="flex flex-wrap gap-3">
          {DAYS.map(([n, label]) => (
            <label
              key={n}
              className="inline-flex min-h-10 items-center gap-2 rounded-md border border-slate-300 px-3"
            >
              <input
                type="checkbox"
                name="business_days"
                value={n}
                defaultChecked={settings.business_days.includes(n)}
              />{' '}
              {label}
            </label>
          ))}
        </div>
        {errors.business_days && <p className="text-sm text-red-700">{errors.business_days}</p>}
        <div className="flex flex-wrap gap-3">
          <div className="w-36">
            <Field
              label="Opens at"
              name="opens_at"
              type="time"
              defaultValue={settings.opens_at}
              error={errors.opens_at}
            />
          </div>
          <div className="w-36">
            <Field
              label="Closes at"
              name="closes_at"
              type="time"
              defaultValue={settings.closes_at}
              error={errors.closes_at}
            />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-2 font-semibold">
          Policies (minutes{mode === 'business' ? ' of business time' : ''})
        </legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {PRIORITIES.map((p) => (
            <div key={p} className="rounded-md border border-slate-200 p-3">
              <p className="mb-1 font-medium">{PRIORITY_LABEL[p]}</p>
              <Field
                label="First response within"
                name={`${p}.first_response_minutes`}
                id={`sla-${p}-first`}
                type="number"
                min={1}
                required
                defaultValue={settings.policies[p]?.first_response_minutes}
                error={errors[`policies.${p}.first_response_minutes`]}
              />
              <Field
                label="Resolution within"
                name={`${p}.resolution_minutes`}
                id={`sla-${p}-resolution`}
                type="number"
                min={1}
                required
                defaultValue={settings.policies[p]?.resolution_minutes}
                error={errors[`policies.${p}.resolution_minutes`]}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Save SLA settings</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
