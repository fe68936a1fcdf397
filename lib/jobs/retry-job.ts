import 'server-only';
import { fromPrisma } from 'pg-boss';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { senderBoss } from './boss';
import { jobById } from './queries';

/**
 * Puts a failed (dead) job back in its queue for one more try, due now — e.g. after the cause was
 * fixed (pg-boss's retry: state 'retry', retry limit + 1; a further failure leaves it failed again). Audited
 * in the same transaction. Only failed jobs: one waiting or running is
 * refused (409), an unknown id is 404.
 */
export async function retryJob(options: { jobId: string; actor: Actor }): Promise<{ id: string }> {
  const boss = await senderBoss();
  return db.$transaction(async (tx) => {
    const job = await jobById(options.jobId, tx);
    if (!job) throw new AppError('NOT_FOUND', 'That job does not exist (finished jobs are kept 14 days).');
    if (job.state !== 'failed')
      throw new AppError('INVALID_STATE', `Only a failed job can be retried; this one is ${job.state}.`);
    const result = (await boss.retry(job.name, job.id, { db: fromPrisma(tx) })) as { affected?: number };
    if (result.affected !== 1)
      throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    await audit(tx, {
      actor: options.actor,
      action: 'job.retried',
      entityType: 'job',
      entityId: job.id,
      before: { state: job.state, queue: job.name, error: job.error },
      after: { state: 'retry' },
    });
    return { id: job.id };
  });
}
