import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { listedUnits } from '@/lib/channels/rules';
import type { Channel } from '@/lib/orders/schemas';

export type ChannelSettingsDto = {
  channel: string;
  buffer_units: number;
  list_percent: number;
  max_listed: number | null;
  locations: string[];
};

/** A channel's listing settings; the defaults (no buffer, 100 %, no maximum, every location) when unset. */
export async function channelSettings(channel: Channel): Promise<ChannelSettingsDto> {
  const row = await db.channelSetting.findUnique({ where: { channel } });
  const locations = row?.locationIds.length
    ? await db.location.findMany({
        where: { id: { in: row.locationIds } },
        select: { code: true },
        orderBy: { code: 'asc' },
      })
    : [];
  return {
    channel,
    buffer_units: row?.bufferUnits ?? 0,
    list_percent: row?.listPercent ?? 100,
    max_listed: row?.maxListed ?? null,
    locations: locations.map((l) => l.code),
  };
}

const PAGE = 100;
const ZCursorValue = z.object({ sku: z.string().max(64) });

/**
 * Available to sell on a channel, per active SKU, by SKU: available = Σ (on hand − reserved) over
 * the locations feeding the channel (every active location when none is set), listed by the rule
 * of lib/channels/rules.ts. One SKU with `sku`; else pages of 100 with a signed cursor.
 */
export async function channelAvailability(
  channel: Channel,
  query: { sku?: string; cursor?: string },
): Promise<{ data: { sku: string; available: number; listed: number }[]; next_cursor: string | null }> {
  const settings = await db.channelSetting.findUnique({ where: { channel } });
  const s = {
    bufferUnits: settings?.bufferUnits ?? 0,
    listPercent: settings?.listPercent ?? 100,
    maxListed: settings?.maxListed ?? null,
  };
  const locationIds = settings?.locationIds ?? [];
  const after = query.cursor ? decodeCursor(query.cursor, ZCursorValue).sku : null;
  const rows = await db.$queryRaw<{ sku: string; available: number }[]>`
    SELECT v.sku, coalesce(sum(sl.on_hand - sl.reserved) FILTER (WHERE l.id IS NOT NULL), 0)::int AS available
    FROM variants v
    LEFT JOIN stock_levels sl ON sl.variant_id = v.id
    LEFT JOIN locations l ON l.id = sl.location_id AND l.active
                         AND (cardinality(${locationIds}::uuid[]) = 0 OR l.id = ANY(${locationIds}::uuid[]))
    WHERE v.status = 'active'
      AND (${query.sku ?? null}::text IS NULL OR v.sku = ${query.sku ?? null})
      AND (${after}::text IS NULL OR v.sku > ${after})
    GROUP BY v.sku ORDER BY v.sku LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  return {
    data: page.map((r) => ({ sku: r.sku, available: r.available, listed: listedUnits(r.available, s) })),
    next_cursor: rows.length > PAGE ? encodeCursor({ sku: page[page.length - 1].sku }) : null,
  };
}
