import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';

const SLA_JOB_ACTOR: Actor = { type: 'system', id: null, label: 'SLA check' };

export type SlaBreach = {
  ticketId: string;
  number: number;
  clock: 'first_response' | 'resolution';
  dueAt: Date;
};

/**
 * Records each SLA clock the moment it is found breached — once: the ticket's
 * `first_response_breached_at` / `resolution_breached_at` become the clock's due time, with an audit
 * row `ticket.sla_breached` in the same transaction. A clock is breached when it did not stop by its
 * due time: first response stops at the first public reply or when solved; resolution when solved
 * (the same condition as breachedSql in lib/support/queries.ts and slaState in rules.ts). Run every
 * minute by the support.check-sla job; at most `limit` tickets per call, locked rows skipped, so
 * two runs never record a breach twice.
 */
export async function checkSlaBreaches(options: { now?: Date; limit?: number } = {}): Promise<SlaBreach[]> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; number: number; fr: boolean; res: boolean; fr_due: Date; res_due: Date }[]
    >`
      SELECT id::text, number,
             (first_response_breached_at IS NULL AND COALESCE(first_responded_at, solved_at, ${now})
               > first_response_due_at) AS fr,
             (resolution_breached_at IS NULL AND COALESCE(solved_at, ${now}) > resolution_due_at) AS res,
             first_response_due_at AS fr_due, resolution_due_at AS res_due
        FROM tickets
       WHERE (first_response_breached_at IS NULL AND COALESCE(first_responded_at, solved_at, ${now})
         > first_response_due_at)
          OR (resolution_breached_at IS NULL AND COALESCE(solved_at, ${now}) > resolution_due_at)
       ORDER BY number
       LIMIT ${options.limit ?? 500}
       FOR UPDATE SKIP LOCKED`;
    const breaches: SlaBreach[] = [];
    for (const row of rows) {
      // Raw, so updated_at stays the time a person last changed the ticket.
      await tx.$executeRaw`
        UPDATE tickets SET
          first_response_breached_at = CASE WHEN ${row.fr} THEN first_response_due_at ELSE
            first_response_breached_at END,
          resolution_breached_at = CASE WHEN ${row.res} THEN resolution_due_at ELSE resolution_breached_at END
        WHERE id = ${row.id}::uuid`;
      const found: SlaBreach[] = [
        ...(row.fr
          ? [{ ticketId: row.id, number: row.number, clock: 'first_response' as const, dueAt: row.fr_due }]
          : []),
        ...(row.res
          ? [{ ticketId: row.id, number: row.number, clock: 'resolution' as const, dueAt: row.res_due }]
          : []),
      ];
      for (const breach of found) {
        await audit(tx, {
          actor: SLA_JOB_ACTOR,
          action: 'ticket.sla_breached',
          entityType: 'ticket',
          entityId: row.id,
          after: { clock: breach.clock, due_at: breach.dueAt.toISOString(), ticket: row.number },
        });
      }
      breaches.push(...found);
    }
    return breaches;
  });
}
