import 'server-only';
import { db } from '@/lib/db';
import { readEvents } from '@/lib/events/feed';
import { EVENT_RESOURCE, subscribes, type EventType } from '@/lib/events/rules';

const CONSUMER = 'webhooks';

/**
 * Reads the event feed from the webhook dispatcher's cursor and creates one delivery per event and
 * subscribed endpoint, then moves the cursor — in one transaction, so an event is dispatched exactly
 * once even if several workers run this (they queue on an advisory lock). The feed's guarantees
 * (decision 022) mean nothing is skipped and a resource's events arrive in sequence order.
 */
export async function dispatchEvents(
  options: { limit?: number } = {},
): Promise<{ events: number; deliveries: number }> {
  return db.$transaction(async (tx) => {
    // An advisory lock takes no transaction id, so the feed read below is not held back by our own.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('webhooks:dispatch'))`;
    const consumer = await tx.eventConsumer.findUnique({ where: { name: CONSUMER } });
    const after = { xid: consumer?.afterXid ?? 0n, position: consumer?.afterPosition ?? 0n };
    const { rows, last } = await readEvents(tx, { after, limit: options.limit ?? 500, data: false });
    if (!rows.length) return { events: 0, deliveries: 0 };
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { enabled: true },
      select: { id: true, events: true },
    });
    const deliveries = rows.flatMap((event) =>
      endpoints
        .filter((e) => subscribes(e.events, event.type))
        .map((e) => ({
          endpointId: e.id,
          eventId: event.id,
          resourceKey: `${EVENT_RESOURCE[event.type as EventType] ?? 'unknown'}:${event.resource_id}`,
          sequence: event.sequence,
        })),
    );
    if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
    await tx.eventConsumer.upsert({
      where: { name: CONSUMER },
      create: { name: CONSUMER, afterXid: last.xid, afterPosition: last.position },
      update: { afterXid: last.xid, afterPosition: last.position, updatedAt: new Date() },
    });
    return { events: rows.length, deliveries: deliveries.length };
  });
}
