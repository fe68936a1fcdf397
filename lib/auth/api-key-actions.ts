'use server';

import { revalidatePath } from 'next/cache';
import { action, formObject } from '@/lib/server-action';
import { createApiKey } from '@/lib/auth/create-api-key';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import type { TCreateApiKeyInput } from '@/lib/auth/api-key-schemas';
import { formText } from '@/lib/form-data';

/** Settings → API keys (admin): the key is shown once, in the answer, and never again. */
export const createApiKeyAction = action<{ key: string; name: string }>(
  { permission: 'settings:write' },
  async ({ actor, formData }) => {
    const raw = formObject(formData);
    const scopes = raw.scopes === undefined ? [] : ([] as unknown[]).concat(raw.scopes);
    // createApiKey parses its input (422 naming the field); the form's raw values go as they are.
    const created = await createApiKey({ input: { name: raw.name, scopes } as TCreateApiKeyInput, actor });
    revalidatePath('/settings/api-keys');
    return {
      message: `API key "${created.name}" created. Copy it now: it will not be shown again.`,
      data: { key: created.key, name: created.name },
    };
  },
);

export const revokeApiKeyAction = action({ permission: 'settings:write' }, async ({ actor, formData }) => {
  await revokeApiKey({ input: { apiKeyId: formText(formData, 'apiKeyId') }, actor });
  revalidatePath('/settings/api-keys');
  return { message: 'API key revoked.' };
});
