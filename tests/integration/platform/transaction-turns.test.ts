import { describe, expect, it } from 'vitest';
import { db, type Tx } from '@/lib/db';
import { takePgOverlaps } from '@/tests/support/pg-overlap';

/**
 * A transaction is one pg connection: statements sent to it at once (Prisma's included relations,
 * a `Promise.all` on a `tx`) take turns in the adapter (lib/db.ts, decision 057), so pg never gets a
 * query while it runs another (pg 8 warns, pg 9 refuses). tests/setup/pg-overlap.ts records them.
 */
describe('statements of one transaction', () => {
  it('a query sent while another runs waits for it, on the same connection', async () => {
    takePgOverlaps();
    // Prisma batches the queries one tick sends to a transaction; one sent 20 ms later, while the
    // first sleeps 100 ms, reached pg at once before the turns (1 overlap).
    const later = (tx: Tx) =>
      new Promise((resolve) => setTimeout(resolve, 20)).then(
        () => tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
      );
    const [first, second] = await db.$transaction(async (tx) =>
      Promise.all([
        tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)::text`,
        later(tx),
      ]),
    );
    expect(second[0].pid).toBe(first[0].pid); // one transaction, one connection
    expect(takePgOverlaps()).toEqual([]);
  });

  it('a read that includes three relations (three statements Prisma sends at once) overlaps nothing', async () => {
    takePgOverlaps();
    const location = await db.$transaction(async (tx) => {
      const created = await tx.location.create({ data: { code: 'TURNS', name: 'Turns' } });
      return tx.location.findUniqueOrThrow({
        where: { id: created.id },
        select: { code: true, bins: true, stockLevels: true, stockMovements: true },
      });
    });
    expect(location).toEqual({ code: 'TURNS', bins: [], stockLevels: [], stockMovements: [] });
    expect(takePgOverlaps()).toEqual([]);
  });
});
