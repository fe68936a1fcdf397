'use client';

import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
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
      <div>
        <label htmlFor="order-note" className="block text-sm font-medium">
          Add a note
        </label>
        <textarea
          id="order-note"
          name="note"
          rows={3}
          required
          maxLength={2000}
          placeholder="Visible to staff only, on this order's timeline"
          className={inputClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'order-note-error' : undefined}
        />
        {error && (
          <p id="order-note-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pending={pending} pendingText="Adding…">
          Add note
        </SubmitButton>
        <FormMessage state={state && !state.ok && error ? null : state} />
      </div>
    </form>
  );
}
