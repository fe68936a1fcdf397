'use client';

import { TextAreaField } from '@/components/form/fields';
import { SubmitRow } from '@/components/form/form-card';
import { useActionForm } from '@/components/ui/use-action-form';
import { addOrderNoteAction } from '@/lib/orders/actions';
import type { ActionState } from '@/lib/server-action';

export function AddNoteForm({ orderId }: { orderId: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(addOrderNoteAction, null, {
    resetOnSuccess: true,
  });
  const error = state && !state.ok ? state.fieldErrors?.note : undefined;
  return (
    <form onSubmit={onSubmit} aria-label="Add a note" className="space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <TextAreaField
        id="order-note"
        label="Add a note"
        name="note"
        rows={3}
        required
        maxLength={2000}
        placeholder="Visible to staff only, on this order's timeline"
        error={error}
      />
      <SubmitRow
        variant="secondary"
        pending={pending}
        pendingText="Adding…"
        state={state && !state.ok && error ? null : state}
      >
        Add note
      </SubmitRow>
    </form>
  );
}
