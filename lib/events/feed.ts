import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor, type FeedPosition } from './cursor';

export type EventDto = {
  id: string;
  type: string;
  resource_id: string;
  sequence: number;
  occurred_at: string;
  data: unknown;
};

type Row = {
  id: string;
  type: string;
  resource_id: string;
  sequence: number;
  occurred_at: Date;
  data: unknown;
  /** automation depth (decision 026); not part of the API's event */
  depth: number;
  order_xid: bigint;
  position: bigint;
};

/**
 * The feed's horizon (decision 022): a transaction id below every transaction of this database that
 * may still commit an event. It is the least of this snapshot's xmax and the transaction ids that
 * pg_stat_activity lists as running here — read in its own statement, before the events are read in
 * the next (whose snapshot is later): a transaction below the horizon had finished before that
 * snapshot, and every transaction still to commit has an id at or above it. Transactions of other
 * databases on the same server do not hold it back (pg_snapshot_xmin would). backend_xid is 32 bits:
 * it is widened with xmax's epoch, modulo 2^32 around xmax.
 */
async function feedHorizon(tx: Tx): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ horizon: bigint }[]>`
    WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax),
    running AS (
      SELECT ((s.xmax >> 32) << 32) + a.backend_xid::text::bigint AS x, s.xmax
        FROM s, pg_stat_activity a
       WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
    )
    SELECT least((SELECT xmax FROM s),
                 (SELECT min(CASE WHEN x > xmax + 2147483648 THEN x - 4294967296
                                  WHEN x < xmax - 2147483648 THEN x + 4294967296 ELSE x END) FROM running))::bigint
           AS horizon`;
  return row.horizon;
}

/**
 * The next events after a feed position, in feed order (decision 022): by (order_xid, position), and
 * only events whose order_xid is below the feed's horizon. Every event that becomes visible later
 * belongs to a transaction at or above that horizon, so its order_xid is too: nothing can appear
 * behind a position already read, and a reader resuming from its cursor sees every event exactly
 * once. A resource's events come in sequence order (record_event raises order_xid to the previous
 * event's).
 */
export async function readEvents(
  tx: Tx,
  options: {
    after: FeedPosition;
    types?: readonly string[];
    limit: number;
    /** false: each row's `data` is null, not read (the dispatchers, which never look at it; decision 051) */
    data?: boolean;
  },
): Promise<{ rows: Row[]; last: FeedPosition }> {
  const horizon = await feedHorizon(tx);
  const types = options.types?.length ? Prisma.sql`AND type = ANY(${options.types}::text[])` : Prisma.empty;
  const data = options.data === false ? Prisma.sql`NULL::jsonb AS data` : Prisma.sql`data`;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT id, type, resource_id, sequence, occurred_at, ${data}, depth, order_xid, position
      FROM events
     WHERE (order_xid, position) > (${options.after.xid}, ${options.after.position})
       AND order_xid < ${horizon}
       ${types}
     ORDER BY order_xid, position
     LIMIT ${options.limit}`;
  const tail = rows.at(-1);
  return { rows, last: tail ? { xid: tail.order_xid, position: tail.position } : options.after };
}

export function eventDto(row: Row): EventDto {
  return {
    id: row.id,
    type: row.type,
    resource_id: row.resource_id,
    sequence: row.sequence,
    occurred_at: row.occurred_at.toISOString(),
    data: row.data,
  };
}

/** GET /api/v1/events: a page of the feed and the cursor to resume from (the same cursor when empty). */
export async function eventFeed(
  options: { after?: string; types?: readonly string[]; limit: number },
  tx: Tx = db,
): Promise<{ data: EventDto[]; next_cursor: string }> {
  const after = decodeCursor(options.after);
  if (options.after) await refuseCursorIntoPrunedRange(tx, after);
  const { rows, last } = await readEvents(tx, { ...options, after });
  return { data: rows.map(eventDto), next_cursor: encodeCursor(last) };
}

/**
 * A cursor from before the newest prune's furthest deleted position (decision 045) would silently
 * miss the deleted events: it is refused with a 422 naming `after`, which says how far back the feed
 * goes. A reader that kept up (its cursor at or past that position) is unaffected.
 */
async function refuseCursorIntoPrunedRange(tx: Tx, after: FeedPosition): Promise<void> {
  const prune = await tx.eventPrune.findFirst({
    orderBy: { id: 'desc' },
    select: { cutoff: true, throughXid: true, throughPosition: true },
  });
  if (!prune) return;
  const behind =
    after.xid < prune.throughXid ||
    (after.xid === prune.throughXid && after.position < prune.throughPosition);
  if (behind)
    throw new AppError('VALIDATION_FAILED', 'Invalid after', [
      {
        field: 'after',
        message:
          `points at events deleted after the retention period (events ` +
          `before ${prune.cutoff.toISOString()} are no longer kept): read the feed ` +
          `again without after`,
      },
    ]);
}
