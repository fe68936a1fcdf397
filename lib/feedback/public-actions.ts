'use server';

import { publicAction } from '@/lib/server-action';
import { formText } from '@/lib/form-data';
import { answerSurvey } from '@/lib/feedback/answer-survey';
import { unsubscribeFromSurveys } from '@/lib/feedback/unsubscribe';

/**
 * The public survey form (no sign-in: the signed token in the form is the permission, checked by
 * answerSurvey before anything is read or written). Fields: rating, comment, item:<order line id>.
 */
export const answerSurveyAction = publicAction(async ({ fields: raw, formData }) => {
  const items: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw))
    if (key.startsWith('item:') && value !== '') items[key.slice(5)] = value;
  await answerSurvey({
    surveyId: formText(formData, 'survey_id'),
    token: formText(formData, 't'),
    input: {
      ...(raw.rating !== undefined ? { rating: raw.rating } : {}),
      ...(raw.comment !== undefined ? { comment: raw.comment } : {}),
      ...(Object.keys(items).length ? { items } : {}),
    },
  });
  return { message: 'Thank you! Your answer reached us.' };
});

/** The unsubscribe page's button. */
export const unsubscribeAction = publicAction(async ({ formData }) => {
  await unsubscribeFromSurveys({
    customerId: formText(formData, 'customer_id'),
    token: formText(formData, 't'),
  });
  return { message: 'Done: we will not ask for your feedback again.' };
});
