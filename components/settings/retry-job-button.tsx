'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { retryJobAction } from '@/lib/jobs/actions';

export function RetryJobButton({ id, label }: { id: string; label: string }) {
  const { state, onSubmit, pending } = useActionForm(retryJobAction, null);
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="jobId" value={id} />
      <SubmitButton pending={pending} variant="secondary" pendingText="Retrying…" aria-label={label}>
        Retry
      </SubmitButton>
      {state && <FormMessage state={state} />}
    </form>
  );
}
