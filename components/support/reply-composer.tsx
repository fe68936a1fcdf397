'use client';

import { useRef, useState, useTransition } from 'react';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { previewReplyAction, sendTicketMessageAction } from '@/lib/support/actions';
import type { ActionState } from '@/lib/server-action';
import type { RenderedReply } from '@/lib/support/rules';

type Props = {
  ticketId: string;
  status: string;
  /** statuses the reply may be sent with, besides keeping the current one */
  sendAs: string[];
  canned: { id: string; name: string; body: string }[];
  placeholders: { name: string; label: string }[];
  /** a closed ticket takes internal notes only */
  notesOnly?: boolean;
};

const STATUS_WORD: Record<string, string> = {
  open: 'open',
  pending: 'pending',
  solved: 'solved',
  closed: 'closed',
};

/**
 * The reply / internal-note composer. A canned reply is inserted into the text (its placeholders
 * still as {{…}}), and "Preview" shows the text exactly as the customer will get it, or names the
 * placeholders that are unknown or have no value on this ticket. The server fills and checks the
 * placeholders again when sending, so a reply with a problem is never sent.
 */
export function ReplyComposer({ ticketId, status, sendAs, canned, placeholders, notesOnly = false }: Props) {
  const [kind, setKind] = useState<'reply' | 'note'>(notesOnly ? 'note' : 'reply');
  const [body, setBody] = useState('');
  const [cannedId, setCannedId] = useState('');
  const [preview, setPreview] = useState<
    { for: string; result: RenderedReply } | { for: string; error: string } | null
  >(null);
  const [previewing, startPreview] = useTransition();
  const text = useRef<HTMLTextAreaElement>(null);
  const { state, onSubmit, pending } = useActionForm<ActionState>(sendTicketMessageAction, null);
  const [lastState, setLastState] = useState<ActionState>(null);
  if (state !== lastState) {
    setLastState(state);
    if (state?.ok) {
      setBody('');
      setPreview(null);
      setCannedId('');
    }
  }
  const bodyError = state && !state.ok ? state.fieldErrors?.body : undefined;

  const runPreview = (value: string) => {
    if (!value.trim()) return;
    startPreview(async () => {
      const answer = await previewReplyAction(ticketId, value);
      setPreview(
        answer?.ok && answer.data
          ? { for: value, result: answer.data }
          : { for: value, error: answer?.message ?? 'The preview failed.' },
      );
    });
  };
  const insertCanned = () => {
    const reply = canned.find((c) => c.id === cannedId);
    if (!reply) return;
    setKind('reply');
    setBody(reply.body);
    runPreview(reply.body);
    text.current?.focus();
  };
  const stale = preview && preview.for !== body;
  const label = kind === 'reply' ? 'Reply to the customer' : 'Note for staff (not sent)';

  return (
    <section aria-labelledby="composer-title" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="composer-title" className="sr-only">
        Write a reply or an internal note
      </h2>
      <form onSubmit={onSubmit} aria-label="Reply or note" className="space-y-3">
        <input type="hidden" name="ticketId" value={ticketId} />
        {notesOnly ? (
          <input type="hidden" name="kind" value="note" />
        ) : (
          <fieldset className="flex flex-wrap gap-2">
            <legend className="sr-only">Message type</legend>
            {(['reply', 'note'] as const).map((k) => (
              <label
                key={k}
                className={
                  `inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-md ` +
                  (`border px-3 text-sm font-medium ` +
                    (kind === k
                      ? k === 'note'
                        ? 'border-amber-500 bg-amber-50 text-amber-950'
                        : 'border-brand-700 bg-brand-50 text-brand-900'
                      : 'border-slate-300 bg-white'))
                }
              >
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === 'reply' ? 'Public reply' : 'Internal note'}
              </label>
            ))}
          </fieldset>
        )}

        {kind === 'reply' && canned.length > 0 && (
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-[1_1_14rem]">
              <label htmlFor="canned" className="block text-sm font-medium">
                Canned reply
              </label>
              <select
                id="canned"
                value={cannedId}
                onChange={(e) => setCannedId(e.target.value)}
                className={inputClass}
              >
                <option value="">Choose a canned reply…</option>
                {canned.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              onClick={insertCanned}
              disabled={!cannedId}
              className={
                'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                'bg-white px-4 text-sm font-medium hover:bg-slate-50 disabled:opacity-60'
              }
            >
              Insert and preview
            </button>
          </div>
        )}

        <div>
          <label htmlFor="message-body" className="block text-sm font-medium">
            {label}
          </label>
          <textarea
            id="message-body"
            ref={text}
            name="body"
            rows={6}
            required
            maxLength={20_000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={
              kind === 'reply'
                ? 'Emailed to the customer. Placeholders like {{customer.first_name}} are filled in.'
                : 'Staff only: never sent to the customer.'
            }
            className={`${inputClass} ${kind === 'note' ? 'bg-amber-50' : ''}`}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? 'message-body-error' : 'placeholder-help'}
          />
          {bodyError && (
            <p id="message-body-error" className="mt-1 text-sm text-red-700">
              {bodyError}
            </p>
          )}
          {kind === 'reply' && (
            <details id="placeholder-help" className="mt-1 text-sm text-slate-700">
              <summary className="cursor-pointer">Placeholders you can use</summary>
              <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
                {placeholders.map((p) => (
                  <li key={p.name}>
                    <code>{`{{${p.name}}}`}</code> — {p.label}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>

        {kind === 'reply' && preview && (
          <div
            role="region"
            aria-label="Preview"
            aria-live="polite"
            className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm"
          >
            <p className="mb-1 font-medium">
              Preview{stale ? ' (the text changed since — preview again)' : ''}
            </p>
            {'error' in preview ? (
              <p className="text-red-800">{preview.error}</p>
            ) : (
              <>
                {(preview.result.unknown.length > 0 || preview.result.missing.length > 0) && (
                  <ul className="mb-2 list-disc pl-5 text-red-800">
                    {preview.result.unknown.map((n) => (
                      <li key={n}>
                        Unknown placeholder <code>{`{{${n}}}`}</code>: it cannot be sent like this.
                      </li>
                    ))}
                    {preview.result.missing.map((n) => (
                      <li key={n}>
                        This ticket has no value for <code>{`{{${n}}}`}</code>: link an order or write the
                        text yourself.
                      </li>
                    ))}
                  </ul>
                )}
                <p data-testid="reply-preview" className="whitespace-pre-wrap text-slate-900">
                  {preview.result.text}
                </p>
              </>
            )}
          </div>
        )}

        <div className="flex flex-wrap items-end gap-3">
          {kind === 'reply' && (
            <>
              <button
                type="button"
                onClick={() => runPreview(body)}
                disabled={!body.trim() || previewing}
                className={
                  'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                  'bg-white px-4 text-sm font-medium hover:bg-slate-50 disabled:opacity-60'
                }
              >
                {previewing ? 'Previewing…' : 'Preview'}
              </button>
              <div className="w-56">
                <label htmlFor="send-status" className="block text-sm font-medium">
                  Then the ticket is
                </label>
                <select id="send-status" name="status" defaultValue="keep" className={inputClass}>
                  <option value="keep">Still {STATUS_WORD[status] ?? status}</option>
                  {sendAs.map((s) => (
                    <option key={s} value={s}>
                      Set to {STATUS_WORD[s] ?? s}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <SubmitButton
            pending={pending}
            pendingText="Sending…"
            variant={kind === 'note' ? 'secondary' : 'primary'}
          >
            {kind === 'reply' ? 'Send reply' : 'Add note'}
          </SubmitButton>
        </div>
        <FormMessage state={state && !state.ok && bodyError ? null : state} />
      </form>
    </section>
  );
}
