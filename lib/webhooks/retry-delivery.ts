import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { assertUuid } from './queries';

/**
 * Sends a delivery again now, with a fresh retry schedule: a failed one is replayed (same
 * webhook-id, so the receiver can tell it is the same event); a pending one is brought forward.
 * A succeeded one is refused: the receiver has it.
 */
export async function retryDelivery(options: {
  webhookId: string;
  deliveryId: string;
  actor: Actor;
}): Promise<{ id: string; status: 'pending' }> {
  assertUuid(options.webhookId, 'webhook');
  assertUuid(options.deliveryId, 'delivery');
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: options.deliveryId, endpointId: options.webhookId },
      select: { id: true, status: true },
    });
    if (!delivery) throw new AppError('NOT_FOUND', 'That delivery does not exist for this webhook.');
    if (delivery.status === 'succeeded')
      throw new AppError('INVALID_STATE', 'This delivery already succeeded; the receiver has it.');
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(),
        lockedUntil: null,
        completedAt: null,
      },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'webhook_delivery.retried',
      entityType: 'webhook_delivery',
      entityId: delivery.id,
      before: { status: delivery.status },
      after: { status: 'pending' },
    });
    return { id: delivery.id, status: 'pending' as const };
  });
}
