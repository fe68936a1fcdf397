import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { RunTrigger } from './rules';

/**
 * Queues a replenishment run (screen, API, CLI, schedule): the run row and its job in one
 * transaction, so the job exists exactly when the run does. Answers `{id, status: 'queued'}`;
 * the `replenishment.run` job computes it (poll GET /api/v1/replenishment/runs/{id}).
 */
export async function startReplenishmentRun(
  options: { trigger: RunTrigger; actor: Actor; enqueue?: boolean },
  tx?: Tx,
): Promise<{ id: string; status: 'queued' }> {
  const run = async (t: Tx) => {
    const row = await t.replenishmentRun.create({
      data: { trigger: options.trigger, requestedBy: options.actor.label },
      select: { id: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'replenishment_run.queued',
      entityType: 'replenishment_run',
      entityId: row.id,
      after: { trigger: options.trigger },
    });
    if (options.enqueue !== false) await enqueueJob('replenishment.run', { run_id: row.id }, { tx: t });
    return { id: row.id, status: 'queued' as const };
  };
  return tx ? run(tx) : db.$transaction(run);
}
