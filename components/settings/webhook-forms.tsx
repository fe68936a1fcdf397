'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import {
  createWebhookAction,
  deleteWebhookAction,
  retryDeliveryAction,
  rotateWebhookSecretAction,
  setWebhookEnabledAction,
} from '@/lib/webhooks/actions';

function SecretOnce({ secret, title }: { secret: string; title: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <section
      role="status"
      aria-labelledby="new-secret-title"
      className="rounded-xl border border-amber-300 bg-amber-50 p-6"
    >
      <h2 id="new-secret-title" className="font-semibold text-amber-950">
        {title}
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        It is shown only this once. Verify each delivery&apos;s webhook-signature with it (Standard Webhooks).
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code
          data-testid="new-webhook-secret"
          className="break-all rounded bg-white px-3 py-2 font-mono text-sm"
        >
          {secret}
        </code>
        <button
          type="button"
          className="rounded-md border border-amber-400 bg-white px-3 py-2 text-sm hover:bg-amber-100"
          onClick={() => {
            void (navigator.clipboard?.writeText(secret) ?? Promise.resolve()).then(() => setCopied(secret));
          }}
        >
          {copied === secret ? 'Copied' : 'Copy'}
        </button>
      </div>
    </section>
  );
}

export function CreateWebhookForm({ eventTypes }: { eventTypes: readonly string[] }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(createWebhookAction, null, { resetOnSuccess: true });
  const created = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        aria-labelledby="create-webhook-title"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      >
        <h2 id="create-webhook-title" className="text-lg font-semibold">
          Add a webhook
        </h2>
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          required
          placeholder="https://example.com/webhooks/backroom"
          error={errors.url}
        />
        <Field
          label="Description (optional)"
          name="description"
          placeholder="e.g. ERP sync"
          error={errors.description}
        />
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          <p className="text-sm text-slate-600">Send only what the receiver needs, or every event.</p>
          <label className="mt-2 flex min-h-9 items-center gap-2 text-sm">
            <input type="checkbox" name="all" className="h-4 w-4" />
            <span>All events (*)</span>
          </label>
          <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {eventTypes.map((t) => (
              <label key={t} className="flex min-h-9 items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={t} className="h-4 w-4" />
                <code>{t}</code>
              </label>
            ))}
          </div>
          {errors.events && <p className="mt-1 text-sm text-red-700">{errors.events}</p>}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingText="Adding…">
            Add webhook
          </SubmitButton>
          {!created && <FormMessage state={state} />}
        </div>
      </form>
      {created && (
        <SecretOnce secret={created.secret} title={`Copy the signing secret for ${created.url} now`} />
      )}
    </div>
  );
}

export function RotateSecretButton({ id }: { id: string }) {
  const { state, onSubmit, pending } = useActionForm(rotateWebhookSecretAction, null, () =>
    confirm('Make a new signing secret? The old one keeps signing for 24 hours.'),
  );
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton pending={pending} variant="secondary" pendingText="Rotating…">
          Rotate secret
        </SubmitButton>
        {state && !state.ok && <FormMessage state={state} />}
      </form>
      {state?.ok && state.data && (
        <SecretOnce secret={state.data.secret} title="Copy the new signing secret now" />
      )}
    </div>
  );
}

export function WebhookEnabledButton({ id, enabled }: { id: string; enabled: boolean }) {
  const { state, onSubmit, pending } = useActionForm(setWebhookEnabledAction, null);
  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <SubmitButton pending={pending} variant="secondary" pendingText="Saving…">
        {enabled ? 'Disable' : 'Enable again'}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function DeleteWebhookButton({ id, url }: { id: string; url: string }) {
  const { state, onSubmit, pending } = useActionForm(deleteWebhookAction, null, () =>
    confirm(`Delete the webhook to ${url}? Its delivery log goes too.`),
  );
  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton pending={pending} variant="danger" pendingText="Deleting…">
        Delete
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function RetryDeliveryButton({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  const { state, onSubmit, pending } = useActionForm(retryDeliveryAction, null);
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton
        pending={pending}
        variant="secondary"
        pendingText="Queuing…"
        aria-label={`Retry delivery ${deliveryId}`}
      >
        Retry
      </SubmitButton>
      {state && <FormMessage state={state} />}
    </form>
  );
}
