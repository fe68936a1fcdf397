import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedSupport, SEED_CANNED_REPLIES } from '@/prisma/seed-support';
import { renderPlaceholders } from '@/lib/support/rules';
import { ticketList } from '@/lib/support/queries';
import { ZTicketListQuery } from '@/lib/support/schemas';

beforeAll(async () => {
  await seedDemo(db, { products: 8, customers: 40 });
});

describe('seedSupport', () => {
  it('writes a few dozen tickets in every status with threads, and only once', async () => {
    const result = await seedSupport(db, { now: new Date('2026-11-29T15:00:00Z') });
    expect(result).toMatchObject({ tickets: 36, cannedReplies: SEED_CANNED_REPLIES.length });
    const byStatus = await db.ticket.groupBy({ by: ['status'], _count: true });
    expect(Object.fromEntries(byStatus.map((g) => [g.status, g._count]))).toEqual({
      open: 13,
      pending: 5,
      solved: 11,
      closed: 7,
    });
    expect(await db.ticketMessage.count()).toBe(result.messages);
    expect(await db.ticketMessage.count({ where: { kind: 'note' } })).toBeGreaterThan(0);
    // every solved ticket has its resolution time; every replied ticket its first-response time
    expect(await db.ticket.count({ where: { status: { in: ['solved', 'closed'] }, solvedAt: null } })).toBe(
      0,
    );
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await seedSupport(db)).toEqual({ tickets: 0, messages: 0, cannedReplies: 0 });
    const all = await ticketList(ZTicketListQuery.parse({ limit: 100 }), null, {
      now: new Date('2026-11-29T15:00:00Z'),
    });
    expect(all.total).toBe(36);
  });

  it('canned replies use known placeholders only', () => {
    for (const r of SEED_CANNED_REPLIES) expect(renderPlaceholders(r.body, {}).unknown, r.name).toEqual([]);
  });
});
