import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { SYSTEM_ACTOR, type Actor } from '@/lib/auth/actor';
import { startReplenishmentRun } from '@/lib/replenishment/start-run';
import { executeReplenishmentRun } from '@/lib/replenishment/execute-run';
import { replenishmentRun } from '@/lib/replenishment/queries';

const SEED_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'seed' };

/**
 * A first replenishment run over the demo shop (decision 033), through the real use case, after the
 * orders, purchasing and imported history are in: the Replenishment page opens on forecasts and
 * suggestions, and the managers' low-stock digest is in the outbox. Does nothing when a run exists.
 */
export async function seedReplenishment(
  db: PrismaClient,
  options: { log?: (line: string) => void } = {},
): Promise<{ runs: number; pairs: number }> {
  if ((await db.replenishmentRun.count()) > 0) return { runs: 0, pairs: 0 };
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const { id } = await startReplenishmentRun({ trigger: 'seed', actor: SEED_ACTOR, enqueue: false });
  await executeReplenishmentRun(id);
  const run = (await replenishmentRun(id))!;
  log(
    `replenishment: first run over ${run.sku_count} SKU × location pairs in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s (MASE ${run.accuracy?.mase?.toFixed(3) ?? '–'}, ` +
      `seasonal naive ${run.seasonal_naive?.mase?.toFixed(3) ?? '–'})`,
  );
  return { runs: 1, pairs: run.sku_count };
}
