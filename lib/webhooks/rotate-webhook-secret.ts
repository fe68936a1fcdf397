import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { encryptSecret, generateSecret } from './secrets';
import { ROTATION_GRACE_MS } from './rules';
import { assertUuid } from './queries';

/**
 * A new signing secret, answered once. The old one keeps signing beside it (two signatures in
 * `webhook-signature`) for 24 hours, so the receiver can switch without losing a delivery.
 */
export async function rotateWebhookSecret(options: {
  id: string;
  actor: Actor;
  now?: Date;
}): Promise<{ id: string; secret: string; previous_secret_expires_at: string }> {
  assertUuid(options.id, 'webhook');
  const secret = generateSecret();
  const expires = new Date((options.now ?? new Date()).getTime() + ROTATION_GRACE_MS);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM webhook_endpoints WHERE id = ${options.id}::uuid FOR UPDATE`;
    if (!rows.length) throw new AppError('NOT_FOUND', 'That webhook does not exist.');
    const current = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: options.id },
      select: { secretCipher: true },
    });
    await tx.webhookEndpoint.update({
      where: { id: options.id },
      data: {
        secretCipher: encryptSecret(secret),
        previousSecretCipher: current.secretCipher,
        previousSecretExpiresAt: expires,
      },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'webhook.secret_rotated',
      entityType: 'webhook',
      entityId: options.id,
      after: { previous_secret_expires_at: expires.toISOString() },
    });
    return { id: options.id, secret, previous_secret_expires_at: expires.toISOString() };
  });
}
