import 'server-only';
import { z } from 'zod';
import { AppError, toAppError, validationError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { orderList } from '@/lib/orders/queries';
import { readListQuery } from '@/lib/orders/list-query';
import { MAX_WAVE_ORDERS, packingSlipFor, pickListFor } from '@/lib/fulfillment/pick-list-data';
import { renderPickList } from '@/lib/documents/pick-list';
import { renderLabelBatch, renderPackingSlipBatch } from '@/lib/documents/merge';
import { orderLabels } from '@/lib/fulfillment/queries';
import type { PackingSlipInput } from '@/lib/documents/packing-slip';

export const ZBulkDocumentQuery = z
  .object({
    kind: z.enum(['pick-list', 'packing-slips', 'labels']),
    orders: z
      .string()
      .max(MAX_WAVE_ORDERS * 40)
      .optional(),
    filter: z.string().max(2000).optional(),
  })
  .refine((v) => !!v.orders || v.filter !== undefined, {
    path: ['orders'],
    message: 'Select at least one order',
  });

/**
 * The orders a bulk document holds: the given ids, or the first MAX_WAVE_ORDERS the list's filter
 * matches (newest first, as the list shows them). More than that is refused rather than cut short.
 */
async function documentOrderIds(
  query: z.output<typeof ZBulkDocumentQuery>,
  timeZone: string,
): Promise<string[]> {
  if (query.orders) {
    const ids = query.orders
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.find((id) => !isUuid(id));
    if (bad)
      throw new AppError('VALIDATION_FAILED', 'Not an order id', [
        { field: 'orders', message: 'Not an order id' },
      ]);
    return ids;
  }
  const { query: filter } = readListQuery(new URLSearchParams((query.filter ?? '').replace(/^\?/, '')));
  const page = await orderList({ ...filter, sort: 'placed_desc', limit: MAX_WAVE_ORDERS }, timeZone);
  if (page.next_cursor)
    throw new AppError(
      'VALIDATION_FAILED',
      `One document holds at most ${MAX_WAVE_ORDERS} orders; narrow the filter`,
      [{ field: 'filter', message: `More than ${MAX_WAVE_ORDERS} orders match` }],
    );
  return page.data.map((o) => o.id);
}

/**
 * One PDF for many orders: their pick list (one walk, one tote each), their packing slips, or their
 * labels with each parcel's customs papers, one after another. An order that cannot be in it (not
 * open, nothing left to ship, no label bought) is refused by number, so nothing is printed half.
 */
export async function bulkOrderDocument(
  raw: URLSearchParams,
  timeZone: string,
): Promise<{ pdf: Uint8Array; filename: string }> {
  const parsed = ZBulkDocumentQuery.safeParse(Object.fromEntries(raw.entries()));
  if (!parsed.success) throw validationError(parsed.error);
  const ids = await documentOrderIds(parsed.data, timeZone);
  if (!ids.length)
    throw new AppError('VALIDATION_FAILED', 'No orders match', [
      { field: 'orders', message: 'No orders match' },
    ]);
  if (parsed.data.kind === 'pick-list') {
    const input = await pickListFor({ orderIds: ids });
    return { pdf: await renderPickList(input), filename: `pick-list-${input.orders.length}-orders.pdf` };
  }
  if (ids.length > MAX_WAVE_ORDERS)
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_WAVE_ORDERS} orders`, [
      { field: 'orders', message: `At most ${MAX_WAVE_ORDERS} orders` },
    ]);
  if (parsed.data.kind === 'labels') {
    const labels = await orderLabels(ids);
    return { pdf: await renderLabelBatch(labels), filename: `labels-${ids.length}-orders.pdf` };
  }
  const slips: PackingSlipInput[] = [];
  const refused: string[] = [];
  for (const id of ids) {
    try {
      slips.push(await packingSlipFor(id));
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'INTERNAL') throw e;
      refused.push(err.message);
    }
  }
  if (refused.length)
    throw new AppError('VALIDATION_FAILED', `No packing slip for ${refused.length} of the orders`, [
      { field: 'orders', message: refused.join('; ') },
    ]);
  return { pdf: await renderPackingSlipBatch(slips), filename: `packing-slips-${slips.length}-orders.pdf` };
}
