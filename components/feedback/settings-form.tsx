'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { updateFeedbackSettingsAction } from '@/lib/feedback/actions';
import type { ActionState } from '@/lib/server-action';

type Props = {
  channels: { value: string; label: string }[];
  settings: {
    delivery_delay_days: Record<string, number | null>;
    ticket_surveys: boolean;
    reopen_on_bad_rating: boolean;
    daily_send_limit: number;
    link_valid_days: number;
  };
};

export function FeedbackSettingsForm({ channels, settings }: Props) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(updateFeedbackSettingsAction, null);
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">After delivery</legend>
        <p className="mb-3 text-sm text-slate-600">
          Days after delivery before &ldquo;How was your order?&rdquo; goes out, per sales channel. Leave
          empty for no survey (marketplaces ask their own reviews). No survey goes to an order with an open
          return or ticket.
        </p>
        <div className="grid gap-3 sm:grid-cols-3">
          {channels.map((c) => (
            <Field
              key={c.value}
              label={c.label}
              name={`delay_${c.value}`}
              type="number"
              min={0}
              max={90}
              inputMode="numeric"
              defaultValue={settings.delivery_delay_days[c.value] ?? ''}
              error={errors[`delivery_delay_days.${c.value}`]}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">After support</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="ticket_surveys" defaultChecked={settings.ticket_surveys} /> Ask
          &ldquo;How did we do?&rdquo; when a ticket is solved
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="reopen_on_bad_rating" defaultChecked={settings.reopen_on_bad_rating} />{' '}
          Reopen the ticket when the customer answers &ldquo;bad&rdquo;
        </label>
      </fieldset>
      <fieldset className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">Sending</legend>
        <Field
          label="Survey emails per 24 hours, at most"
          name="daily_send_limit"
          type="number"
          min={0}
          inputMode="numeric"
          defaultValue={settings.daily_send_limit}
          error={errors.daily_send_limit}
        />
        <Field
          label="Days a survey link stays valid"
          name="link_valid_days"
          type="number"
          min={1}
          max={365}
          inputMode="numeric"
          defaultValue={settings.link_valid_days}
          error={errors.link_valid_days}
        />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Save settings</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
