import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ZCreateWebhookInput } from './schemas';
import { assertPublicTarget } from './ssrf';
import { encryptSecret, generateSecret } from './secrets';
import { webhookDetail, type WebhookDto } from './queries';

/**
 * Subscribes a URL to event types. The URL must reach a public address (lib/webhooks/ssrf.ts). The
 * signing secret is answered once, here, and stored encrypted (lib/webhooks/secrets.ts).
 */
export async function createWebhook(options: {
  input: unknown;
  actor: Actor;
}): Promise<WebhookDto & { secret: string }> {
  const input = ZCreateWebhookInput.parse(options.input);
  await assertPublicTarget(input.url);
  const secret = generateSecret();
  return db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        secretCipher: encryptSecret(secret),
      },
      select: { id: true },
    });
    const dto = await webhookDetail(row.id, tx);
    await audit(tx, {
      actor: options.actor,
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: row.id,
      after: { url: dto.url, events: dto.events, description: dto.description },
    });
    return { ...dto, secret };
  });
}
