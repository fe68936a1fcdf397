import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { generateApiKey } from '@/lib/auth/api-keys';
import { ZCreateApiKeyInput, type TCreateApiKeyInput } from '@/lib/auth/api-key-schemas';

/** Creates an API key. The key is returned this once; only its SHA-256 hash is stored. */
export async function createApiKey(options: {
  input: TCreateApiKeyInput;
  actor: Actor;
}): Promise<{ id: string; key: string; prefix: string; name: string; scopes: string[] }> {
  const input = ZCreateApiKeyInput.parse(options.input);
  const { key, prefix, keyHash } = generateApiKey();
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        keyHash,
        scopes: input.scopes,
        createdById: options.actor.type === 'user' ? options.actor.id : null,
      },
      select: { id: true, name: true, prefix: true, scopes: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      after: row,
    });
    return { ...row, key };
  });
}
