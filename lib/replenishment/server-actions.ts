'use server';

import { revalidatePath } from 'next/cache';
import { callAction } from '@/lib/server-action';
import { poLabel } from '@/lib/purchasing/rules';
import { startReplenishmentRun } from './start-run';
import { createReplenishmentPurchaseOrders } from './create-draft-pos';

/** The page's "Run now": queues a run for the worker (the page shows it queued, then completed). */
export const startRunAction = callAction<[], undefined>(
  { permission: 'purchasing:write' },
  async ({ actor }) => {
    await startReplenishmentRun({ trigger: 'screen', actor });
    revalidatePath('/purchasing/replenishment');
    return { message: 'Run queued: forecasts and suggestions are being recomputed. Reload in a minute.' };
  },
);

/** The page's "Create draft POs": one draft per supplier for the location's suggestions. */
export const draftPurchaseOrdersAction = callAction<[location: string], undefined>(
  { permission: 'purchasing:write' },
  async ({ actor }, location) => {
    const { purchase_orders, skipped } = await createReplenishmentPurchaseOrders({
      input: { location },
      actor,
    });
    const notDrafted = skipped.map((s) => ` Not drafted for ${s.supplier}: ${s.reason}`).join('');
    revalidatePath('/purchasing/replenishment');
    revalidatePath('/purchasing');
    const drafted = purchase_orders.map(
      (p) => `${poLabel(p.number)} (${p.supplier.name}, ${p.lines.length} lines)`,
    );
    return {
      message: purchase_orders.length
        ? `Drafted ${drafted.join(', ')}. Review and send them from Purchase orders.${notDrafted}`
        : `Nothing drafted: open POs and drafts already cover every suggestion.${notDrafted}`,
    };
  },
);
