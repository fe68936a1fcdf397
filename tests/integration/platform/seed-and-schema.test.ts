import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { db, PrismaPgInTurn } from '@/lib/db';
import { seedDemo, DEMO_USERS } from '@/prisma/seed';
import { migrate, listMigrations } from '@/lib/platform/migrate';
import { signInWithPassword } from '@/lib/auth/sign-in';

let counts: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  counts = await seedDemo(db);
}, 180_000);

describe('demo seed', () => {
  it(
    'looks like a small shop: four demo logins, two locations ' +
      'with bins, hundreds of SKUs, 1,200 customers',
    async () => {
      expect(counts).toMatchObject({ users: 4, products: 240, customers: 1200 });
      expect(counts.variants).toBeGreaterThan(500);
      for (const u of DEMO_USERS)
        await expect(signInWithPassword({ email: u.email, password: 'backroom' })).resolves.toMatchObject({
          role: u.role,
        });
      const locations = await db.location.findMany({
        select: { code: true, _count: { select: { bins: true } } },
        orderBy: { code: 'asc' },
      });
      // MAIN: 5 aisles × 8 shelves × 3 levels = 120 bins; STORE: 12 bins.
      expect(locations).toEqual([
        { code: 'MAIN', _count: { bins: 120 } },
        { code: 'STORE', _count: { bins: 12 } },
      ]);
      expect(await db.variant.count({ where: { barcode: null } })).toBe(0);
      expect(await db.stockLevel.count({ where: { onHand: 0 } })).toBeGreaterThan(0); // some stockouts to see
    },
  );

  it('is deterministic: the same seed gives the same catalog', async () => {
    const skus = await db.variant.findMany({
      select: { sku: true, barcode: true, price: true },
      orderBy: { sku: 'asc' },
    });
    const digest = createHash('sha256').update(JSON.stringify(skus)).digest('hex');
    // Seed the same shop into a second, empty database and compare.
    const { inject } = await import('vitest');
    const { freshDatabase } = await import('@/tests/setup/test-database');
    const url = await freshDatabase(
      inject('testServerUrl'),
      `backroom_seedcheck_${process.pid}`,
      inject('testTemplate'),
    );
    const { PrismaClient } = await import('@/lib/generated/prisma/client.ts');
    const other = new PrismaClient({ adapter: new PrismaPgInTurn({ connectionString: url }) });
    try {
      await seedDemo(other);
      const otherSkus = await other.variant.findMany({
        select: { sku: true, barcode: true, price: true },
        orderBy: { sku: 'asc' },
      });
      expect(createHash('sha256').update(JSON.stringify(otherSkus)).digest('hex')).toBe(digest);
    } finally {
      await other.$disconnect();
      const { dropDatabase } = await import('@/lib/platform/migrate');
      await dropDatabase(inject('testServerUrl'), `backroom_seedcheck_${process.pid}`);
    }
  }, 180_000); // a second full demo seed: past 60 s on a loaded machine

  it('stock levels equal the sum of their movements', async () => {
    const mismatches = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM stock_levels l
      LEFT JOIN (SELECT variant_id, location_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                 FROM stock_movements GROUP BY 1, 2) m USING (variant_id, location_id)
      WHERE l.on_hand <> coalesce(m.on_hand, 0) OR l.reserved <> coalesce(m.reserved, 0)`;
    expect(Number(mismatches[0].n)).toBe(0);
  });
});

describe('schema guards', () => {
  it('refuses negative stock and keeps movements and the audit log append-only', async () => {
    const level = await db.stockLevel.findFirstOrThrow();
    await expect(db.stockLevel.update({ where: { id: level.id }, data: { onHand: -1 } })).rejects.toThrow(
      /stock_levels_on_hand_nonnegative/,
    );
    await expect(db.stockLevel.update({ where: { id: level.id }, data: { reserved: -1 } })).rejects.toThrow(
      /stock_levels_reserved_nonnegative/,
    );
    await expect(db.$executeRaw`UPDATE stock_movements SET on_hand_delta = 0`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
  });

  it('keeps emails lower-case and unique', async () => {
    await expect(
      db.user.create({
        data: { email: 'Mixed@Example.test', name: 'x', role: 'support', passwordHash: 'x' },
      }),
    ).rejects.toThrow(/users_email_lowercase/);
    await expect(
      db.customer.create({
        data: { email: (await db.customer.findFirstOrThrow()).email, firstName: 'a', lastName: 'b' },
      }),
    ).rejects.toThrow();
  });
});

describe('migration runner', () => {
  it('records each migration with Prisma’s checksum and applies nothing twice', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      const files = await listMigrations();
      expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
      const first = files[0];
      const sha = createHash('sha256')
        .update(readFileSync(`prisma/migrations/${first.name}/migration.sql`))
        .digest('hex');
      expect(rows[0].checksum).toBe(sha);
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('demo order history', () => {
  it('runs orders through the real use cases so stock, orders and the books agree', async () => {
    const { seedDemoOrders } = await import('@/prisma/seed-orders');
    const { accountBalance, trialBalance } = await import('@/lib/ledger/queries');
    const { inventoryValuation } = await import('@/lib/inventory/queries');
    const result = await seedDemoOrders(db, { count: 60, days: 30 });
    expect(result.orders).toBe(60);
    const statuses = await db.order.groupBy({ by: ['status'], _count: true });
    const shippedOrders =
      (statuses.find((s) => s.status === 'fulfilled')?._count ?? 0) +
      (statuses.find((s) => s.status === 'delivered')?._count ?? 0);
    expect(shippedOrders).toBeGreaterThan(20);
    expect(statuses.find((s) => s.status === 'delivered')?._count).toBeGreaterThan(5);
    // Every delivered parcel has its pick-up and delivery scans.
    const [{ missing }] = await db.$queryRaw<{ missing: bigint }[]>`
      SELECT count(*) AS missing FROM shipments s WHERE s.status = 'delivered'
        AND (SELECT count(*) FROM tracking_events e WHERE e.shipment_id = s.id AND e.status IN
          ('in_transit', 'delivered')) < 2`;
    expect(Number(missing)).toBe(0);
    const FAR = new Date('2100-01-01T00:00:00Z');
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect((await inventoryValuation({ asOf: '2100-01-01', before: FAR })).total_value).toBe(
      await accountBalance('1200', FAR),
    );
    // The history is dated as it happened, and stock and books agree on every past date.
    for (const daysAgo of [29, 20, 10, 3, 1]) {
      const at = new Date(Date.now() - daysAgo * 86_400_000);
      const day = at.toISOString().slice(0, 10);
      expect((await inventoryValuation({ asOf: day, before: at })).total_value, `${daysAgo} days ago`).toBe(
        await accountBalance('1200', at),
      );
      const tbThen = await trialBalance({ asOf: day, before: at });
      expect(tbThen.total_debit).toBe(tbThen.total_credit);
    }
    const old = await db.order.findFirstOrThrow({
      where: { externalId: { startsWith: 'SEED-' } },
      orderBy: { placedAt: 'asc' },
      select: { id: true, placedAt: true },
    });
    const sale = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'order', sourceId: old.id, reversesEntryId: null },
      orderBy: { number: 'asc' },
    });
    expect(sale.postedAt.toISOString()).toBe(old.placedAt.toISOString());
    const created = await db.auditLog.findFirstOrThrow({
      where: { entityType: 'order', entityId: old.id, action: 'order.created' },
    });
    expect(created.createdAt.toISOString()).toBe(old.placedAt.toISOString());
    // The seed lifted the append-only guards only for its own transaction.
    await expect(db.$executeRaw`UPDATE stock_movements SET on_hand_delta = 0`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE journal_entries SET memo = 'x'`).rejects.toThrow(/append-only/);
    // Reserved stock equals what open orders still have to ship.
    const [{ reserved, open }] = await db.$queryRaw<{ reserved: bigint; open: bigint }[]>`
      SELECT (SELECT coalesce(sum(reserved), 0) FROM stock_levels) AS reserved,
             (SELECT coalesce(sum(l.quantity - l.quantity_fulfilled - l.quantity_cancelled), 0) FROM
               order_lines l JOIN orders o ON o.id = l.order_id
              WHERE o.status IN ('pending_review', 'open', 'on_hold', 'partially_fulfilled')) AS open`;
    expect(Number(reserved)).toBe(Number(open));
    // The dashboard's rollups describe the back-dated history, not the day the seed ran.
    const { rollupFacts, directFacts } = await import('@/lib/kpi/rebuild');
    const facts = await rollupFacts();
    expect(facts).toEqual(await directFacts());
    expect(new Set(facts.filter((f) => f.metric === 'orders_placed').map((f) => f.day)).size).toBeGreaterThan(
      15,
    );
  }, 120_000);
});
