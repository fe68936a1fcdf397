'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { revokeApiKeyAction } from '@/lib/auth/api-key-actions';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { state, onSubmit, pending } = useActionForm(revokeApiKeyAction, null, () =>
    confirm(`Revoke "${name}"? Integrations using it stop working at once.`),
  );
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="apiKeyId" value={id} />
      <SubmitButton pending={pending} variant="danger" pendingText="Revoking…" aria-label={`Revoke ${name}`}>
        Revoke
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
