'use client';

import { useState } from 'react';
import { Field } from '@/components/ui/form';
import { SubmitRow } from '@/components/form/form-card';
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
const CLOCK_MODES = ['business', 'always'] as const;
const HOURS = [
  ['opens_at', 'Opens at'],
  ['closes_at', 'Closes at'],
] as const;
/** A policy's two times: field, id suffix and label. */
const POLICY_TIMES = [
  ['first_response_minutes', 'first', 'First response within'],
  ['resolution_minutes', 'resolution', 'Resolution within'],
] as const;

/** SLA policies per priority and the clock's calendar (24/7 or business hours in the shop's time zone). */
export function SlaSettingsForm({ settings }: { settings: SlaSettingsDto }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(updateSlaSettingsAction, null);
  const [mode, setMode] = useState<(typeof CLOCK_MODES)[number]>(
    settings.business_hours_only ? 'business' : 'always',
  );
  return (
    <form onSubmit={onSubmit} aria-label="SLA settings" className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="font-semibold">When the SLA clock runs</legend>
        {CLOCK_MODES.map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input
              type="radio"
              name="business_hours_only"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />{' '}
            {m === 'business' ? `Business hours only (${settings.timezone})` : 'Around the clock (24/7)'}
          </label>
        ))}
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
          {HOURS.map(([name, label]) => (
            <Field
              key={name}
              wrapperClassName="w-36"
              label={label}
              name={name}
              type="time"
              defaultValue={settings[name]}
              error={errors[name]}
            />
          ))}
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
              {POLICY_TIMES.map(([key, suffix, label]) => (
                <Field
                  key={key}
                  label={label}
                  name={`${p}.${key}`}
                  id={`sla-${p}-${suffix}`}
                  type="number"
                  min={1}
                  required
                  defaultValue={settings.policies[p]?.[key]}
                  error={errors[`policies.${p}.${key}`]}
                />
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      <SubmitRow pending={pending} state={state}>
        Save SLA settings
      </SubmitRow>
    </form>
  );
}
