'use client';

import { FormMessage, SubmitButton, inputClass, Field } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteCannedReplyAction, saveCannedReplyAction } from '@/lib/support/actions';
import type { ActionState } from '@/lib/server-action';

/** Add (no `reply`) or edit a canned reply; an unknown placeholder is named under the text. */
export function CannedReplyForm({ reply }: { reply?: { id: string; name: string; body: string } }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(saveCannedReplyAction, null, {
    resetOnSuccess: !reply,
  });
  const idBase = reply ? `canned-${reply.id}` : 'canned-new';
  return (
    <form
      onSubmit={onSubmit}
      aria-label={reply ? `Edit ${reply.name}` : 'Add a canned reply'}
      className="space-y-3"
    >
      {reply && <input type="hidden" name="id" value={reply.id} />}
      <Field
        label="Name"
        name="name"
        id={`${idBase}-name`}
        defaultValue={reply?.name}
        required
        maxLength={80}
        error={errors.name}
      />
      <div>
        <label htmlFor={`${idBase}-body`} className="block text-sm font-medium">
          Text
        </label>
        <textarea
          id={`${idBase}-body`}
          name="body"
          rows={5}
          required
          maxLength={10_000}
          defaultValue={reply?.body}
          className={inputClass}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? `${idBase}-body-error` : undefined}
        />
        {errors.body && (
          <p id={`${idBase}-body-error`} className="mt-1 text-sm text-red-700">
            {errors.body}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} variant={reply ? 'secondary' : 'primary'}>
          {reply ? 'Save' : 'Add canned reply'}
        </SubmitButton>
        <FormMessage state={state && !state.ok && Object.keys(errors).length ? null : state} />
      </div>
    </form>
  );
}

export function DeleteCannedReply({ id, name }: { id: string; name: string }) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(deleteCannedReplyAction, null, () =>
    confirm(`Delete the canned reply “${name}”?`),
  );
  return (
    <form onSubmit={onSubmit} aria-label={`Delete ${name}`} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" pending={pending} pendingText="Deleting…">
        Delete
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
