'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { revokeApiKeyAction } from '@/app/(app)/settings/actions';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(revokeApiKeyAction, null);
  return (
    <form action={action} onSubmit={(e) => { if (!confirm(`Revoke "${name}"? Integrations using it stop working at once.`)) e.preventDefault(); }} className="flex flex-col items-start gap-1">
      <input type="hidden" name="apiKeyId" value={id} />
      <SubmitButton variant="danger" pendingText="Revoking…" aria-label={`Revoke ${name}`}>Revoke</SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
