import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ZUpdateWebhookInput } from './schemas';
import { assertPublicTarget } from './ssrf';
import { webhookDetail, type WebhookDto } from './queries';

/** Changes a subscription's URL, events or description; `enabled: true` re-enables a disabled one. */
export async function updateWebhook(options: {
  id: string;
  input: unknown;
  actor: Actor;
}): Promise<WebhookDto> {
  const input = ZUpdateWebhookInput.parse(options.input);
  if (input.url) await assertPublicTarget(input.url);
  return db.$transaction(async (tx) => {
    const before = await webhookDetail(options.id, tx);
    const enable = input.enabled === true && !before.enabled;
    const disable = input.enabled === false && before.enabled;
    await tx.webhookEndpoint.update({
      where: { id: options.id },
      data: {
        url: input.url,
        events: input.events,
        description: input.description === undefined ? undefined : input.description,
        ...(enable ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(disable
          ? { enabled: false, disabledReason: 'Disabled by a person', disabledAt: new Date() }
          : {}),
      },
      select: { id: true },
    });
    const after = await webhookDetail(options.id, tx);
    await audit(tx, {
      actor: options.actor,
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: options.id,
      before: {
        url: before.url,
        events: before.events,
        description: before.description,
        enabled: before.enabled,
      },
      after: { url: after.url, events: after.events, description: after.description, enabled: after.enabled },
    });
    return after;
  });
}
