'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { action } from '@/lib/server-action';
import { formText, formTexts } from '@/lib/form-data';
import { CHANNELS } from '@/lib/orders/schemas';
import { tagFeedback } from '@/lib/feedback/tag-feedback';
import { replyToFeedback } from '@/lib/feedback/reply-to-feedback';
import { saveTheme } from '@/lib/feedback/save-theme';
import { updateFeedbackSettings } from '@/lib/feedback/update-feedback-settings';

/** Tag an answer with themes (the checked boxes). feedback:write. */
export const tagFeedbackAction = action({ permission: 'feedback:write' }, async ({ actor, formData }) => {
  const r = await tagFeedback({
    input: { answer_id: formText(formData, 'answer_id'), themes: formTexts(formData, 'themes') },
    actor,
  });
  revalidatePath('/feedback');
  return { message: r.themes.length ? `Tagged: ${r.themes.join(', ')}` : 'Tags removed' };
});

/** Reply to an answer: it becomes a ticket (or joins the one it already is). feedback:write and support:tickets. */
export const replyToFeedbackAction = action<{ ticket_id: string }>(
  { permission: 'feedback:write' },
  async ({ actor, formData }) => {
    await requirePermission('support:tickets');
    const r = await replyToFeedback({
      input: { answer_id: formText(formData, 'answer_id'), body: formText(formData, 'body') },
      actor,
    });
    revalidatePath('/feedback');
    return {
      message: `Sent as ticket #${r.ticket_number}${r.created ? ' (new)' : ''}.`,
      data: { ticket_id: r.ticket_id },
    };
  },
);

/** Create or edit a theme. feedback:write. */
export const saveThemeAction = action({ permission: 'feedback:write' }, async ({ actor, formData }) => {
  const id = formText(formData, 'id');
  await saveTheme({
    input: {
      ...(id ? { id } : {}),
      slug: formText(formData, 'slug'),
      label: formText(formData, 'label'),
      keywords: formText(formData, 'keywords'),
      archived: formText(formData, 'archived') === 'on',
    },
    actor,
  });
  revalidatePath('/feedback/themes');
  return { message: id ? 'Theme saved' : 'Theme added' };
});

/** Settings → Feedback (the survey delays, limits and the reopen rule). settings:write (admin). */
export const updateFeedbackSettingsAction = action(
  { permission: 'settings:write' },
  async ({ actor, formData }) => {
    await updateFeedbackSettings({
      input: {
        delivery_delay_days: Object.fromEntries(CHANNELS.map((c) => [c, formText(formData, `delay_${c}`)])),
        ticket_surveys: formText(formData, 'ticket_surveys') === 'on',
        reopen_on_bad_rating: formText(formData, 'reopen_on_bad_rating') === 'on',
        daily_send_limit: formText(formData, 'daily_send_limit'),
        link_valid_days: formText(formData, 'link_valid_days'),
      },
      actor,
    });
    revalidatePath('/feedback/settings');
    return { message: 'Feedback settings saved' };
  },
);
