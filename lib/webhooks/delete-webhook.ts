import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { webhookDetail } from './queries';

/** Ends a subscription: it and its delivery log are deleted; nothing more is sent to it. */
export async function deleteWebhook(options: { id: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await webhookDetail(options.id, tx);
    await tx.webhookEndpoint.delete({ where: { id: options.id }, select: { id: true } });
    await audit(tx, {
      actor: options.actor,
      action: 'webhook.deleted',
      entityType: 'webhook',
      entityId: options.id,
      before: { url: before.url, events: before.events },
    });
  });
}
