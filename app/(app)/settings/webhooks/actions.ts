'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { formObject, runAction, type ActionState } from '@/lib/server-action';
import { EVENT_TYPES } from '@/lib/events/rules';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { deleteWebhook } from '@/lib/webhooks/delete-webhook';
import { retryDelivery } from '@/lib/webhooks/retry-delivery';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';
import { updateWebhook } from '@/lib/webhooks/update-webhook';

/** A text field of the form ('' when missing or a file). */
function field(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v : '';
}

export type ShownSecret = { secret: string; url: string };

export async function createWebhookAction(
  _prev: ActionState<ShownSecret>,
  formData: FormData,
): Promise<ActionState<ShownSecret>> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const raw = formObject(formData);
    const picked = raw.events === undefined ? [] : ([] as unknown[]).concat(raw.events);
    const events =
      raw.all === 'on' ? ['*'] : picked.filter((e) => (EVENT_TYPES as readonly unknown[]).includes(e));
    const created = await createWebhook({
      input: { url: raw.url, events, description: raw.description || null },
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
    const id = field(formData, 'id');
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
    const webhookId = field(formData, 'webhookId');
    await retryDelivery({
      webhookId,
      deliveryId: field(formData, 'deliveryId'),
      actor: userActor(user),
    });
    revalidatePath(`/settings/webhooks/${webhookId}`);
    return { message: 'Queued to send again now.' };
  });
}

export async function setWebhookEnabledAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    const id = field(formData, 'id');
    const enabled = formData.get('enabled') === 'true';
    await updateWebhook({ id, input: { enabled }, actor: userActor(user) });
    revalidatePath(`/settings/webhooks/${id}`);
    return { message: enabled ? 'Webhook enabled.' : 'Webhook disabled.' };
  });
}

export async function deleteWebhookAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('webhooks:write');
    await deleteWebhook({ id: field(formData, 'id'), actor: userActor(user) });
    revalidatePath('/settings/webhooks');
    return { message: 'Webhook deleted.' };
  });
}
