'use server';

import { revalidatePath } from 'next/cache';
import { callAction } from '@/lib/server-action';
import { shopTimezone } from '@/lib/settings/queries';
import { bulkOrderStep } from '@/lib/orders/apply-bulk-action';
import { BULK_ORDER_ACTIONS, ZBulkOrderStep, type BulkStepResult } from '@/lib/orders/bulk-schemas';

/**
 * One step of the order list's bulk action (approve, hold, cancel, buy labels): the screen calls it
 * again with the cursor it answers until there is none, showing progress and each order's result.
 * The permission is the action's own (orders:write, orders:cancel, fulfillment:write).
 */
export const bulkOrderStepAction = callAction(
  { schema: ZBulkOrderStep, permission: (step) => BULK_ORDER_ACTIONS[step.action].permission },
  async ({ input: step, actor }) => {
    const data: BulkStepResult = await bulkOrderStep(step, { actor, timeZone: await shopTimezone() });
    const done = data.results.filter((r) => r.ok).length;
    if (!data.next_cursor) revalidatePath('/orders');
    return { message: `${done} of ${data.results.length} orders done`, data };
  },
);
