'use server';

import { runAction, formObject, type ActionState } from '@/lib/server-action';
import { answerSurvey } from '@/lib/feedback/answer-survey';
import { unsubscribeFromSurveys } from '@/lib/feedback/unsubscribe';

/**
 * The public survey form (no sign-in: the signed token in the form is the permission, checked by
 * answerSurvey before anything is read or written). Fields: rating, comment, item:<order line id>.
 */
export async function answerSurveyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const raw = formObject(formData);
    const items: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw))
      if (key.startsWith('item:') && value !== '') items[key.slice(5)] = value;
    await answerSurvey({
      surveyId: String(raw.survey_id ?? ''),
      token: String(raw.t ?? ''),
      input: {
        ...(raw.rating !== undefined ? { rating: raw.rating } : {}),
        ...(raw.comment !== undefined ? { comment: raw.comment } : {}),
        ...(Object.keys(items).length ? { items } : {}),
      },
    });
    return { message: 'Thank you! Your answer reached us.' };
  });
}

/** The unsubscribe page's button. */
export async function unsubscribeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const raw = formObject(formData);
    await unsubscribeFromSurveys({ customerId: String(raw.customer_id ?? ''), token: String(raw.t ?? '') });
    return { message: 'Done: we will not ask for your feedback again.' };
  });
}
