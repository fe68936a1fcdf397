import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { checkSlaBreaches } from '@/lib/support/check-sla-breaches';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { jobById } from '@/lib/jobs/queries';
import { startWorker, stopWorker } from '@/lib/jobs/worker';
import { checkSlaJob } from '@/lib/support/check-sla-job';
import { SCHEDULES } from '@/lib/jobs/schedules';
import { makeLocations } from '@/tests/factories';

const t0 = new Date('2026-11-10T12:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

async function ticket(
  subject: string,
  fields: { frDue: Date; resDue: Date; responded?: Date; solved?: Date },
) {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO tickets (subject, customer_id, channel, status, first_response_due_at,
      resolution_due_at, first_responded_at, solved_at)
    VALUES (${subject}, (SELECT id FROM customers LIMIT 1), 'email',
      ${fields.solved ? 'solved' : 'open'}::ticket_status,
            ${fields.frDue}, ${fields.resDue}, ${fields.responded ?? null}, ${fields.solved ?? null})
    RETURNING id::text`;
  return row.id;
}

beforeAll(async () => {
  await makeLocations();
  await db.customer.create({ data: { email: 'sla@example.com', firstName: 'Sla', lastName: 'Test' } });
});

describe('SLA breach checks', () => {
  it('records each breached clock once, at its due time, with an audit row', async () => {
    // A: no reply, first response due t0+1h, resolution t0+8h. At t0+2h only first response breached.
    const a = await ticket('A', { frDue: hours(1), resDue: hours(8) });
    // B: replied at t0+0.5h (in time), resolution due t0+1.5h, not solved: resolution breached at t0+2h.
    const b = await ticket('B', { frDue: hours(1), resDue: hours(1.5), responded: hours(0.5) });
    // C: replied late (t0+1.2h > due t0+1h) and solved in time (t0+1.4h < t0+8h): first response breached.
    const c = await ticket('C', {
      frDue: hours(1),
      resDue: hours(8),
      responded: hours(1.2),
      solved: hours(1.4),
    });
    // D: all in time.
    const d = await ticket('D', { frDue: hours(3), resDue: hours(8) });

    const found = await checkSlaBreaches({ now: hours(2) });
    const byTicket = (id: string) => found.filter((f) => f.ticketId === id).map((f) => f.clock);
    expect(byTicket(a)).toEqual(['first_response']);
    expect(byTicket(b)).toEqual(['resolution']);
    expect(byTicket(c)).toEqual(['first_response']);
    expect(byTicket(d)).toEqual([]);
    const rowA = await db.ticket.findUniqueOrThrow({ where: { id: a } });
    expect(rowA.firstResponseBreachedAt).toEqual(hours(1));
    expect(rowA.resolutionBreachedAt).toBeNull();

    // Run again at the same time: nothing new. At t0+9h A's resolution breaches too (due t0+8h), D's both.
    expect(await checkSlaBreaches({ now: hours(2) })).toEqual([]);
    const later = await checkSlaBreaches({ now: hours(9) });
    expect(later.map((f) => [f.ticketId, f.clock])).toEqual([
      [a, 'resolution'],
      [d, 'first_response'],
      [d, 'resolution'],
    ]);
    // 3 breaches at t0+2h + 3 at t0+9h = 6 audit rows.
    expect(await db.auditLog.count({ where: { action: 'ticket.sla_breached' } })).toBe(6);
  });

  it('runs as the scheduled support.check-sla job', async () => {
    expect(SCHEDULES.map((s) => s.job)).toContain('support.check-sla');
    const e = await ticket('E', {
      frDue: new Date(Date.now() - 60_000),
      resDue: new Date(Date.now() + 3_600_000),
    });
    await startWorker({ jobs: [checkSlaJob], pollingIntervalSeconds: 0.5, log: () => {} });
    try {
      const id = await enqueueJob('support.check-sla', {});
      for (let i = 0; i < 100 && (await jobById(id!))?.state !== 'completed'; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await jobById(id!))?.state).toBe('completed');
    } finally {
      await stopWorker({ timeoutMs: 5000 });
    }
    const row = await db.ticket.findUniqueOrThrow({ where: { id: e } });
    expect(row.firstResponseBreachedAt).not.toBeNull();
    expect(row.resolutionBreachedAt).toBeNull();
  });
});
