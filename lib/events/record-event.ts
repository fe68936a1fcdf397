import 'server-only';
import type { Tx } from '@/lib/db';
import { EVENT_RESOURCE, type EventType } from './rules';

export type RecordEventInput = {
  type: EventType;
  /** The resource's id (a stock level's is `variantId:locationId`). */
  resourceId: string;
  /** The resource as the API returns it. */
  data: unknown;
  occurredAt?: Date;
};

/**
 * Writes one domain event in the caller's transaction (the transactional outbox, decision 022): the
 * event exists exactly when the change does. The database function record_event (migration
 * 20261201400000; plpgsql since 20261206100000, so its plan is kept per connection) takes the
 * resource's next sequence under its stream row's lock; take_order calls the same function for
 * order.created.
 */
export async function recordEvent(
  tx: Tx,
  input: RecordEventInput,
): Promise<{ id: string; sequence: number }> {
  const data = JSON.stringify(input.data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const [row] = await tx.$queryRaw<{ id: string; sequence: number }[]>`
    SELECT id, sequence FROM record_event(${input.type}, ${EVENT_RESOURCE[input.type]}, ${input.resourceId},
      ${data}::jsonb, ${input.occurredAt ?? new Date()})`;
  return row;
}
