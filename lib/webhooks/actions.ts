'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { runAction, type ActionState } from '@/lib/server-action';
import { formText, formTexts } from '@/lib/form-data';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { deleteWebhook } from '@/lib/webhooks/delete-webhook';
import { retryDelivery } from '@/lib/webhooks/retry-delivery';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';
import { updateWebhook } from '@/lib/webhooks/update-webhook';

export type ShownSecret = { secret: string; url: string };

export async function createWebhookAction(
  _prev: ActionState<ShownSecret>,
  formData: FormData,
): Promise<ActionState<ShownSecret>> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const events = formText(formData, 'all') === 'on' ? ['*'] : formTexts(formData, 'events');
    const created = await createWebhook({
      input: {
        url: formText(formData, 'url'),
        events,
        description: formText(formData, 'description') || null,
      },
      actor: userActor(user),
    });
    revalidatePath('/settings/webhooks');
    return {
      message: 'Webhook created. Copy its signing secret now: it will not be shown again.',
      data: { secret: created.secret, url: created.url },
    };
  });
}

export async function rotateWebhookSecretAction(
  _prev: ActionState<ShownSecret>,
  formData: FormData,
): Promise<ActionState<ShownSecret>> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const id = formText(formData, 'id');
    const rotated = await rotateWebhookSecret({ id, actor: userActor(user) });
    revalidatePath(`/settings/webhooks/${id}`);
    return {
      message: 'New secret made; the old one also signs for 24 hours.',
      data: { secret: rotated.secret, url: '' },
    };
  });
}

export async function retryDeliveryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const webhookId = formText(formData, 'webhookId');
    await retryDelivery({
      webhookId,
      deliveryId: formText(formData, 'deliveryId'),
      actor: userActor(user),
    });
    revalidatePath(`/settings/webhooks/${webhookId}`);
    return { message: 'Queued to send again now.' };
  });
}

export async function setWebhookEnabledAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const id = formText(formData, 'id');
    const enabled = formData.get('enabled') === 'true';
    await updateWebhook({ id, input: { enabled }, actor: userActor(user) });
    revalidatePath(`/settings/webhooks/${id}`);
    return { message: enabled ? 'Webhook enabled.' : 'Webhook disabled.' };
  });
}

export async function deleteWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    await deleteWebhook({ id: formText(formData, 'id'), actor: userActor(user) });
    revalidatePath('/settings/webhooks');
    return { message: 'Webhook deleted.' };
  });
}
