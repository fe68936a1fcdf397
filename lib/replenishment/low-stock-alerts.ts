import 'server-only';
import type { Tx } from '@/lib/db';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { replenishmentRows } from './queries';

/** Lines listed in one digest (the count says how many more). */
const MAX_LINES = 50;

/**
 * The low-stock digest of a run, through the outbox, in the run's transaction: one email to each
 * active admin and manager listing the SKUs the run suggests ordering (at or below the reorder point,
 * not covered by open POs or drafts). Nothing to order, no email. Deduplicated per run and user.
 */
export async function sendLowStockAlerts(runId: string, tx: Tx): Promise<number> {
  const due = (await replenishmentRows({}, tx)).filter((r) => r.suggested_quantity > 0);
  if (!due.length) return 0;
  const run = await tx.replenishmentRun.findUniqueOrThrow({ where: { id: runId }, select: { asOf: true } });
  const users = await tx.user.findMany({
    where: { active: true, role: { in: ['admin', 'manager'] } },
    select: { id: true, email: true },
    orderBy: { email: 'asc' },
  });
  for (const u of users) {
    await enqueueNotification(
      {
        template: 'replenishment_low_stock',
        to: u.email,
        dedupeKey: `replenishment_low_stock:${runId}:${u.id}`,
        data: {
          as_of: run.asOf?.toISOString().slice(0, 10) ?? '',
          count: due.length,
          lines: due.slice(0, MAX_LINES).map((r) => ({
            sku: r.sku,
            location: r.location,
            position: r.position,
            reorder_point: r.reorder_point,
            suggested_quantity: r.suggested_quantity,
            supplier: r.supplier ?? '',
          })),
        },
      },
      tx,
    );
  }
  return users.length;
}
