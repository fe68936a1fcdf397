'use client';

import { FormMessage, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { resendShippingEmailAction } from '@/lib/support/actions';
import type { ActionState } from '@/lib/server-action';

/** "Resend shipping email": asks first, because each click sends the customer one more email. */
export function ResendShippingEmail({
  ticketId,
  orderNumber,
  email,
}: {
  ticketId: string;
  orderNumber: number;
  email: string;
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(resendShippingEmailAction, null, () =>
    confirm(`Send the shipping email for order #${orderNumber} to ${email} again?`),
  );
  return (
    <form onSubmit={onSubmit} aria-label="Resend shipping email" className="space-y-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Queueing…">
        Resend shipping email
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
