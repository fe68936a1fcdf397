import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { retentionCutoff } from './rules';

/** Rows deleted per statement: each batch is its own short transaction, so writers never wait long. */
const BATCH = 5_000;

export type PruneResult = {
  cutoff: Date;
  events: number;
  deliveries: number;
  automation_runs: number;
};

/**
 * Deletes what is older than the retention (docs/decisions/045-event-retention.md): finished webhook
 * deliveries (their attempts cascade) and finished automation runs of events that occurred before the
 * cutoff, then those events themselves — except an event something still waits on (a pending
 * delivery or run) or that an internal reader of the feed (event_consumers: the webhook dispatcher,
 * automation) has not passed yet. Event streams are kept, so a resource's next event continues its
 * sequence. The prune is recorded in event_prunes with the furthest feed position deleted, which the
 * feed uses to tell a client whose cursor points into the pruned range (lib/events/feed.ts).
 */
export async function pruneEvents(
  options: { now?: Date; retentionDays?: number } = {},
): Promise<PruneResult> {
  const cutoff = retentionCutoff(
    options.now ?? new Date(),
    options.retentionDays ?? env().EVENT_RETENTION_DAYS,
  );
  const deliveries = await deleteInBatches(
    () => db.$executeRaw`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT d.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
         WHERE e.occurred_at < ${cutoff} AND d.status <> 'pending'
         LIMIT ${BATCH})`,
  );
  const runs = await deleteInBatches(
    () => db.$executeRaw`
      DELETE FROM automation_runs WHERE id IN (
        SELECT r.id FROM automation_runs r JOIN events e ON e.id = r.event_id
         WHERE e.occurred_at < ${cutoff} AND r.status <> 'pending'
         LIMIT ${BATCH})`,
  );
  let through: { xid: bigint; position: bigint } | null = null;
  const events = await deleteInBatches(async () => {
    const deleted = await db.$queryRaw<{ order_xid: bigint; position: bigint }[]>`
      DELETE FROM events WHERE position IN (
        SELECT e.position FROM events e
         WHERE e.occurred_at < ${cutoff}
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)
           AND NOT EXISTS (SELECT 1 FROM automation_runs r WHERE r.event_id = e.id)
           AND NOT EXISTS (SELECT 1 FROM event_consumers c
                            WHERE (e.order_xid, e.position) > (c.after_xid, c.after_position))
         ORDER BY e.position
         LIMIT ${BATCH})
      RETURNING order_xid, position`;
    for (const row of deleted)
      if (
        !through ||
        row.order_xid > through.xid ||
        (row.order_xid === through.xid && row.position > through.position)
      )
        through = { xid: row.order_xid, position: row.position };
    return deleted.length;
  });
  const result = { cutoff, events, deliveries, automation_runs: runs };
  if (events || deliveries || runs) {
    const last = through as { xid: bigint; position: bigint } | null;
    await db.$transaction(async (tx) => {
      const previous = await tx.eventPrune.findFirst({ orderBy: { id: 'desc' } });
      // The marker only moves forward: a later prune that deleted less far keeps the earlier reach.
      const keepPrevious =
        previous &&
        (!last ||
          previous.throughXid > last.xid ||
          (previous.throughXid === last.xid && previous.throughPosition > last.position));
      const row = await tx.eventPrune.create({
        data: {
          cutoff,
          throughXid: keepPrevious ? previous.throughXid : (last?.xid ?? 0n),
          throughPosition: keepPrevious ? previous.throughPosition : (last?.position ?? 0n),
          events,
          deliveries,
          automationRuns: runs,
        },
      });
      await audit(tx, {
        actor: SYSTEM_ACTOR,
        action: 'events.pruned',
        entityType: 'event_prune',
        entityId: String(row.id),
        after: { cutoff: cutoff.toISOString(), events, deliveries, automation_runs: runs },
      });
    });
  }
  return result;
}

async function deleteInBatches(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < BATCH) return total;
  }
}
