import { apiRoute } from '@/lib/api/handler';
import { stockLevels } from '@/lib/inventory/queries';
import { ZInventoryQuery } from '@/lib/inventory/schemas';

export const GET = apiRoute({ scope: 'inventory:read', query: ZInventoryQuery }, async ({ query }) => {
  const page = await stockLevels({
    sku: query.sku,
    location: query.location,
    cursor: query.cursor,
    limit: query.limit,
  });
  return {
    data: page.data.map((l) => ({
      sku: l.sku,
      location: l.location,
      bin: l.bin,
      on_hand: l.on_hand,
      reserved: l.reserved,
      available: l.available,
      damaged: l.damaged,
      quarantine: l.quarantine,
      on_order: l.on_order,
      on_order_expected_at: l.on_order_expected_at,
    })),
    next_cursor: page.next_cursor,
  };
});
