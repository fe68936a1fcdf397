'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { formText, formTexts } from '@/lib/form-data';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { deleteWebhook } from '@/lib/webhooks/delete-webhook';
import { retryDelivery } from '@/lib/webhooks/retry-delivery';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';
import { updateWebhook } from '@/lib/webhooks/update-webhook';

export type ShownSecret = { secret: string; url: string };

export const createWebhookAction = action<ShownSecret>(
  { permission: 'webhooks:write' },
  async ({ actor, formData }) => {
    const events = formText(formData, 'all') === 'on' ? ['*'] : formTexts(formData, 'events');
    const created = await createWebhook({
      input: {
        url: formText(formData, 'url'),
        events,
        description: formText(formData, 'description') || null,
      },
      actor,
    });
    revalidatePath('/settings/webhooks');
    return {
      message: 'Webhook created. Copy its signing secret now: it will not be shown again.',
      data: { secret: created.secret, url: created.url },
    };
  },
);

export const rotateWebhookSecretAction = action<ShownSecret>(
  { permission: 'webhooks:write' },
  async ({ actor, formData }) => {
    const id = formText(formData, 'id');
    const rotated = await rotateWebhookSecret({ id, actor });
    revalidatePath(`/settings/webhooks/${id}`);
    return {
      message: 'New secret made; the old one also signs for 24 hours.',
      data: { secret: rotated.secret, url: '' },
    };
  },
);

export const retryDeliveryAction = action({ permission: 'webhooks:write' }, async ({ actor, formData }) => {
  const webhookId = formText(formData, 'webhookId');
  await retryDelivery({ webhookId, deliveryId: formText(formData, 'deliveryId'), actor });
  revalidatePath(`/settings/webhooks/${webhookId}`);
  return { message: 'Queued to send again now.' };
});

export const setWebhookEnabledAction = action(
  { permission: 'webhooks:write' },
  async ({ actor, formData }) => {
    const id = formText(formData, 'id');
    const enabled = formData.get('enabled') === 'true';
    await updateWebhook({ id, input: { enabled }, actor });
    revalidatePath(`/settings/webhooks/${id}`);
    return { message: enabled ? 'Webhook enabled.' : 'Webhook disabled.' };
  },
);

export const deleteWebhookAction = action({ permission: 'webhooks:write' }, async ({ actor, formData }) => {
  await deleteWebhook({ id: formText(formData, 'id'), actor });
  revalidatePath('/settings/webhooks');
  return { message: 'Webhook deleted.' };
});
