'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { answerSurveyAction } from '@/lib/feedback/public-actions';
import { COMMENT_MAX, ORDER_RATING_LABELS } from '@/lib/feedback/rules';
import type { ActionState } from '@/lib/server-action';

type Props = {
  surveyId: string;
  token: string;
  kind: 'order' | 'ticket';
  /** the rating chosen by the link clicked in the email */
  preselected: string | null;
  items: { line_id: string; name: string; quantity: number }[];
};

const radio =
  'flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 ' +
  'py-2 text-base has-[:checked]:border-brand-700 ' +
  'has-[:checked]:bg-brand-50';

/** The customer's answer: the rating (one click in the email chose it), a comment, optional item ratings. */
export function SurveyForm(p: Props) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(answerSurveyAction, null);
  if (state?.ok)
    return (
      <div role="status" className="rounded-md border border-green-200 bg-green-50 p-4 text-green-900">
        <p className="font-semibold">{state.message}</p>
        <p className="mt-1">You can close this page.</p>
      </div>
    );
  const choices =
    p.kind === 'order'
      ? [5, 4, 3, 2, 1].map((r) => ({ value: String(r), label: `${r} — ${ORDER_RATING_LABELS[r]}` }))
      : [
          { value: 'good', label: 'Good — you helped me' },
          { value: 'bad', label: 'Bad — it did not go well' },
        ];
  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <input type="hidden" name="survey_id" value={p.surveyId} />
      <input type="hidden" name="t" value={p.token} />
      <fieldset aria-describedby={errors.rating ? 'rating-error' : undefined}>
        <legend className="text-base font-semibold">
          {p.kind === 'order' ? 'Your rating' : 'How did we do?'}
        </legend>
        <div className="mt-2 grid gap-2">
          {choices.map((c) => (
            <label key={c.value} className={radio}>
              <input
                type="radio"
                name="rating"
                value={c.value}
                defaultChecked={p.preselected === c.value}
                required
                className="size-5"
              />
              {c.label}
            </label>
          ))}
        </div>
        {errors.rating && (
          <p id="rating-error" className="mt-1 text-sm text-red-700">
            {errors.rating}
          </p>
        )}
      </fieldset>
      {p.kind === 'order' && p.items.length > 0 && (
        <fieldset>
          <legend className="text-base font-semibold">Rate each item (optional)</legend>
          <div className="mt-2 space-y-3">
            {p.items.map((item) => (
              <div key={item.line_id}>
                <label htmlFor={`item-${item.line_id}`} className="block text-sm font-medium">
                  {item.name}
                  {item.quantity > 1 ? ` × ${item.quantity}` : ''}
                </label>
                <select
                  id={`item-${item.line_id}`}
                  name={`item:${item.line_id}`}
                  defaultValue=""
                  className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
                >
                  <option value="">No rating</option>
                  {[5, 4, 3, 2, 1].map((r) => (
                    <option key={r} value={r}>
                      {r} — {ORDER_RATING_LABELS[r]}
                    </option>
                  ))}
                </select>
                {errors[`items.${item.line_id}`] && (
                  <p className="mt-1 text-sm text-red-700">{errors[`items.${item.line_id}`]}</p>
                )}
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <div>
        <label htmlFor="comment" className="block text-base font-semibold">
          Anything to add? (optional)
        </label>
        <textarea
          id="comment"
          name="comment"
          rows={4}
          maxLength={COMMENT_MAX}
          aria-invalid={errors.comment ? true : undefined}
          aria-describedby={errors.comment ? 'comment-error comment-hint' : 'comment-hint'}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
        />
        <p id="comment-hint" className="mt-1 text-sm text-slate-600">
          At most {COMMENT_MAX} characters. Only our team reads it.
        </p>
        {errors.comment && (
          <p id="comment-error" className="mt-1 text-sm text-red-700">
            {errors.comment}
          </p>
        )}
      </div>
      <FormMessage state={state && !state.ok ? state : null} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send my answer
      </SubmitButton>
    </form>
  );
}
