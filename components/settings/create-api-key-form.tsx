'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { createApiKeyAction } from '@/lib/auth/api-key-actions';

export function CreateApiKeyForm({ scopes }: { scopes: readonly string[] }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(createApiKeyAction, null, { resetOnSuccess: true });
  // "Copied" belongs to the key it was shown for, so a new key starts uncopied.
  const [copiedKey, setCopiedKey] = useState<string | null>(null);
  const created = state?.ok ? state.data : undefined;
  const copied = !!created && copiedKey === created.key;
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        aria-labelledby="create-key-title"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      >
        <h2 id="create-key-title" className="text-lg font-semibold">
          Create an API key
        </h2>
        <Field label="Name" name="name" required placeholder="e.g. Shopify sync" error={errors.name} />
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          <p className="text-sm text-slate-600">Give a key only what its integration needs.</p>
          <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {scopes.map((s) => (
              <label key={s} className="flex min-h-9 items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={s} className="h-4 w-4" />
                <code>{s === '*' ? '* (everything)' : s}</code>
              </label>
            ))}
          </div>
          {errors.scopes && <p className="mt-1 text-sm text-red-700">{errors.scopes}</p>}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingText="Creating…">
            Create key
          </SubmitButton>
          {!created && <FormMessage state={state} />}
        </div>
      </form>
      {created && (
        <section
          role="status"
          aria-labelledby="new-key-title"
          className="rounded-xl border border-amber-300 bg-amber-50 p-6"
        >
          <h2 id="new-key-title" className="font-semibold text-amber-950">
            Copy the key for “{created.name}” now
          </h2>
          <p className="mt-1 text-sm text-amber-950">
            It is shown only this once. Backroom keeps only a hash of it.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <code
              data-testid="new-api-key"
              className="break-all rounded bg-white px-3 py-2 font-mono text-sm"
            >
              {created.key}
            </code>
            <button
              type="button"
              className="rounded-md border border-amber-400 bg-white px-3 py-2 text-sm hover:bg-amber-100"
              onClick={() =>
                void (async () => {
                  await navigator.clipboard?.writeText(created.key);
                  setCopiedKey(created.key);
                })()
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
