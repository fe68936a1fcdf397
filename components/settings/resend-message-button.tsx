'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { resendNotificationAction } from '@/lib/notify/actions';

export function ResendMessageButton({ id, label }: { id: string; label: string }) {
  const { state, onSubmit, pending } = useActionForm(resendNotificationAction, null);
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="messageId" value={id} />
      <SubmitButton pending={pending} variant="secondary" pendingText="Queueing…" aria-label={label}>
        Send again
      </SubmitButton>
      {state && <FormMessage state={state} />}
    </form>
  );
}
