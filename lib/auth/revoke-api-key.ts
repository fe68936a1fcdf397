import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZRevokeApiKeyInput } from '@/lib/auth/api-key-schemas';

/** Revokes a key for good: its next request is answered 401. */
export async function revokeApiKey(options: { input: { apiKeyId: string }; actor: Actor }): Promise<void> {
  const { apiKeyId } = ZRevokeApiKeyInput.parse(options.input);
  await db.$transaction(async (tx) => {
    // A conditional update, so two concurrent revocations audit once.
    const updated = await tx.apiKey.updateMany({
      where: { id: apiKeyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 0) {
      const exists = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: { id: true } });
      throw exists
        ? new AppError('INVALID_STATE', 'This API key is already revoked.')
        : new AppError('NOT_FOUND', 'That API key does not exist.');
    }
    const row = await tx.apiKey.findUniqueOrThrow({
      where: { id: apiKeyId },
      select: { name: true, prefix: true, revokedAt: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: apiKeyId,
      after: row,
    });
  });
}
