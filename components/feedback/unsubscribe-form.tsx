'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { unsubscribeAction } from '@/lib/feedback/public-actions';
import type { ActionState } from '@/lib/server-action';

export function UnsubscribeForm({ customerId, token }: { customerId: string; token: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(unsubscribeAction, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="customer_id" value={customerId} />
      <input type="hidden" name="t" value={token} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingText="Saving…">
        Stop asking me for feedback
      </SubmitButton>
    </form>
  );
}
