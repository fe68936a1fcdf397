'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { resendNotification } from '@/lib/notify/resend-notification';
import { formText } from '@/lib/form-data';

/** Settings → Outbox (admin): one message queued to be sent again. */
export const resendNotificationAction = action(
  { permission: 'settings:write' },
  async ({ actor, formData }) => {
    await resendNotification({ messageId: formText(formData, 'messageId'), actor });
    revalidatePath('/settings/outbox');
    return { message: 'Queued to be sent again.' };
  },
);
