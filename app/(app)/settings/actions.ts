'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { formObject, parseForm, runAction, type ActionState } from '@/lib/server-action';
import {
  ZChangeUserRoleInput,
  ZCreateUserInput,
  ZResetUserPasswordInput,
  ZSetUserActiveInput,
} from '@/lib/users/schemas';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';
import { updateSettings } from '@/lib/settings/update-settings';
import { createUser } from '@/lib/users/create-user';
import { changeUserRole } from '@/lib/users/change-user-role';
import { setUserActive } from '@/lib/users/set-user-active';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { createApiKey } from '@/lib/auth/create-api-key';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { updateLocation } from '@/lib/locations/update-location';
import type { TCreateApiKeyInput } from '@/lib/auth/api-key-schemas';
import { resendNotification } from '@/lib/notify/resend-notification';
import { formText } from '@/lib/form-data';
import { retryJob } from '@/lib/jobs/retry-job';

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    await updateSettings({ input: parseForm(ZUpdateSettingsInput, formData), actor: userActor(user) });
    revalidatePath('/settings');
    return { message: 'Settings saved.' };
  });
}

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const created = await createUser({
      input: parseForm(ZCreateUserInput, formData),
      actor: userActor(user),
    });
    revalidatePath('/settings/users');
    return { message: `${created.email} can now sign in as ${created.role}.` };
  });
}

export async function changeUserRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const changed = await changeUserRole({
      input: parseForm(ZChangeUserRoleInput, formData),
      actor: userActor(user),
    });
    revalidatePath('/settings/users');
    return { message: `${changed.email} is now ${changed.role}.` };
  });
}

export async function setUserActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const changed = await setUserActive({
      input: parseForm(ZSetUserActiveInput, formData),
      actor: userActor(user),
    });
    revalidatePath('/settings/users');
    return {
      message: changed.active
        ? `${changed.email} is active again.`
        : `${changed.email} is deactivated and signed out.`,
    };
  });
}

export async function resetUserPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    await resetUserPassword({ input: parseForm(ZResetUserPasswordInput, formData), actor: userActor(user) });
    return { message: 'Password changed; the user is signed out everywhere.' };
  });
}

export async function createApiKeyAction(
  _prev: ActionState<{ key: string; name: string }>,
  formData: FormData,
): Promise<ActionState<{ key: string; name: string }>> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const raw = formObject(formData);
    const scopes = raw.scopes === undefined ? [] : ([] as unknown[]).concat(raw.scopes);
    const created = await createApiKey({
      input: { name: raw.name, scopes } as TCreateApiKeyInput,
      actor: userActor(user),
    });
    revalidatePath('/settings/api-keys');
    return {
      message: `API key "${created.name}" created. Copy it now: it will not be shown again.`,
      data: { key: created.key, name: created.name },
    };
  });
}

export async function revokeApiKeyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    await revokeApiKey({
      input: { apiKeyId: formText(formData, 'apiKeyId') },
      actor: userActor(user),
    });
    revalidatePath('/settings/api-keys');
    return { message: 'API key revoked.' };
  });
}

export async function updateLocationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const f = formObject(formData) as Record<string, string>;
    const updated = await updateLocation({
      input: {
        code: f.code,
        name: f.name,
        address: {
          name: f.address_name,
          line1: f.line1,
          line2: f.line2 || undefined,
          city: f.city,
          region: f.region || undefined,
          postal_code: f.postal_code,
          country: f.country,
        },
      },
      actor: userActor(user),
    });
    revalidatePath('/settings/locations');
    return { message: `${updated.name} saved.` };
  });
}

export async function resendNotificationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    const messageId = formText(formData, 'messageId');
    await resendNotification({ messageId, actor: userActor(user) });
    revalidatePath('/settings/outbox');
    return { message: 'Queued to be sent again.' };
  });
}

export async function retryJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('settings:write');
    await retryJob({ jobId: formText(formData, 'jobId'), actor: userActor(user) });
    revalidatePath('/settings/jobs');
    return { message: 'Queued for one more try.' };
  });
}
