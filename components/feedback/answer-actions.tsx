'use client';

import Link from 'next/link';
import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { replyToFeedbackAction, tagFeedbackAction } from '@/lib/feedback/actions';
import type { ActionState } from '@/lib/server-action';

/** Theme tags of one answer: checkboxes, the suggested ones marked (from the comment's keywords). */
export function TagForm({
  answerId,
  themes,
  tagged,
  suggested,
}: {
  answerId: string;
  themes: { slug: string; label: string }[];
  tagged: string[];
  suggested: string[];
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState>(tagFeedbackAction, null);
  return (
    <form onSubmit={onSubmit} aria-label="Themes" className="space-y-2">
      <input type="hidden" name="answer_id" value={answerId} />
      <fieldset>
        <legend className="text-sm font-medium">Themes</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {themes.map((t) => (
            <label
              key={t.slug}
              className={
                `inline-flex min-h-9 items-center gap-1.5 rounded-full border px-3 py-1 ` +
                `text-sm ${suggested.includes(t.slug) ? 'border-amber-400 bg-amber-50' : 'border-slate-300 bg-white'}`
              }
            >
              <input type="checkbox" name="themes" value={t.slug} defaultChecked={tagged.includes(t.slug)} />
              {t.label}
              {suggested.includes(t.slug) && <span className="text-xs text-amber-900">(suggested)</span>}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pending={pending}>
          Save themes
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Reply to the customer: the answer becomes a ticket linked to it. */
export function ReplyForm({
  answerId,
  ticket,
}: {
  answerId: string;
  ticket: { id: string; number: number } | null;
}) {
  const { state, onSubmit, pending } = useActionForm<ActionState<{ ticket_id: string }>>(
    replyToFeedbackAction,
    null,
    {
      resetOnSuccess: true,
    },
  );
  const id = `reply-${answerId}`;
  return (
    <form onSubmit={onSubmit} aria-label="Reply" className="space-y-2">
      <input type="hidden" name="answer_id" value={answerId} />
      <label htmlFor={id} className="block text-sm font-medium">
        {ticket ? `Reply on ticket #${ticket.number}` : 'Reply to the customer (opens a ticket)'}
      </label>
      <textarea
        id={id}
        name="body"
        rows={2}
        required
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pending={pending} pendingText="Sending…">
          Send reply
        </SubmitButton>
        {ticket && (
          <Link href={`/support/${ticket.id}`} className="text-sm text-brand-700 underline">
            Open ticket #{ticket.number}
          </Link>
        )}
        <FormMessage state={state} />
      </div>
    </form>
  );
}
