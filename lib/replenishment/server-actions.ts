'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { runAction, type ActionState } from '@/lib/server-action';
import { poLabel } from '@/lib/purchasing/rules';
import { startReplenishmentRun } from './start-run';
import { createReplenishmentPurchaseOrders } from './create-draft-pos';

/** The page's "Run now": queues a run for the worker (the page shows it queued, then completed). */
export async function startRunAction(): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:write');
    await startReplenishmentRun({ trigger: 'screen', actor: userActor(user) });
    revalidatePath('/purchasing/replenishment');
    return { message: 'Run queued: forecasts and suggestions are being recomputed. Reload in a minute.' };
  });
}

/** The page's "Create draft POs": one draft per supplier for the location's suggestions. */
export async function draftPurchaseOrdersAction(location: string): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:write');
    const { purchase_orders, skipped } = await createReplenishmentPurchaseOrders({
      input: { location },
      actor: userActor(user),
    });
    const notDrafted = skipped.map((s) => ` Not drafted for ${s.supplier}: ${s.reason}`).join('');
    revalidatePath('/purchasing/replenishment');
    revalidatePath('/purchasing');
    return {
      message: purchase_orders.length
        ? `Drafted ${purchase_orders.map((p) => `${poLabel(p.number)} (${p.supplier.name}, ${p.lines.length} lines)`).join(', ')}. Review and send them from Purchase orders.${notDrafted}`
        : `Nothing drafted: open POs and drafts already cover every suggestion.${notDrafted}`,
    };
  });
}
