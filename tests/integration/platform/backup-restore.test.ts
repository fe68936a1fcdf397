import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { db } from '@/lib/db';
import { backupDatabase, restoreDatabase } from '@/lib/platform/backup';
import { dropDatabase, ensureDatabase, migrate } from '@/lib/platform/migrate';
import { trialBalance } from '@/lib/ledger/queries';
import { verifyStock } from '@/lib/inventory/verify-stock';
import { seedSmallShop } from '@/tests/factories/shop';

const serverUrl = inject('testServerUrl');
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const targets = [`backroom_restore_${suffix}`, `backroom_restore2_${suffix}`, `backroom_restore3_${suffix}`];
const dir = mkdtempSync(path.join(tmpdir(), 'backroom-backup-'));
const file = path.join(dir, 'shop.backup.gz');

/** Every table's rows as one digest, and every sequence's value, read with plain SQL. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
       ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: number; digest: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
      );
      out[name] = `${rows[0].n}:${rows[0].digest}`;
    }
    const { rows: seqs } = await client.query<{ name: string }>(
      `SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`,
    );
    for (const { name } of seqs) {
      const { rows } = await client.query<{ v: string }>(`SELECT last_value::text AS v FROM "${name}"`);
      out[`seq ${name}`] = rows[0].v;
    }
    return out;
  } finally {
    await client.end();
  }
}

let restoredUrl: string;

beforeAll(async () => {
  await seedSmallShop('BAK');
  restoredUrl = await ensureDatabase(serverUrl, targets[0]);
});

afterAll(async () => {
  for (const t of targets) await dropDatabase(serverUrl, t).catch(() => {});
});

describe('backup and restore', () => {
  it('restores into an empty database: trial balance, stock, orders and every row identical', async () => {
    const backup = await backupDatabase(process.env.DATABASE_URL!, file);
    expect(backup.rows).toBeGreaterThan(0);
    const restored = await restoreDatabase(restoredUrl, file);
    expect(restored.rows).toBe(backup.rows);

    const copy = new PrismaClient({ adapter: new PrismaPg({ connectionString: restoredUrl }) });
    try {
      const asOf = { asOf: '2100-01-01', before: new Date('2100-01-01T00:00:00Z') };
      const [original, again] = [await trialBalance(asOf), await trialBalance(asOf, copy)];
      expect(again).toEqual(original);
      // 20 × 1,000 + 10 × 500 received = 25,000 debited to inventory at least
      expect(original.total_debit).toBeGreaterThanOrEqual(25_000);
      const levels = (c: typeof copy) =>
        c.stockLevel.findMany({
          orderBy: { id: 'asc' },
          select: { id: true, variantId: true, onHand: true, reserved: true, damaged: true },
        });
      expect(await levels(copy)).toEqual(await levels(db));
      expect(await copy.order.count()).toBe(3);
      expect(await copy.order.count()).toBe(await db.order.count());
      expect((await verifyStock(copy)).differences).toEqual([]);
    } finally {
      await copy.$disconnect();
    }
    expect(await fingerprint(restoredUrl)).toEqual(await fingerprint(process.env.DATABASE_URL!));
  });

  it('continues the sequences: the next order number after a restore is the next one, not 1', async () => {
    const client = new pg.Client({ connectionString: restoredUrl });
    await client.connect();
    const { rows } = await client.query<{ max: number; next: string }>(
      `SELECT (SELECT max(number) FROM orders) AS max, nextval(pg_get_serial_sequence('orders',
        'number'))::text AS next`,
    );
    await client.end();
    expect(Number(rows[0].next)).toBe(rows[0].max + 1);
  });

  it('refuses a non-empty target, even one that is only migrated, and touches nothing', async () => {
    const before = await fingerprint(restoredUrl);
    await expect(restoreDatabase(restoredUrl, file)).rejects.toThrow(/not empty/);
    expect(await fingerprint(restoredUrl)).toEqual(before);
    const migrated = await ensureDatabase(serverUrl, targets[1]);
    await migrate(migrated);
    await expect(restoreDatabase(migrated, file)).rejects.toThrow(/not empty/);
  });

  it('refuses a truncated file and leaves the target empty for another try', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(dir, 'cut.backup.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n') + '\n'));
    const target = await ensureDatabase(serverUrl, targets[2]);
    await expect(restoreDatabase(target, cut)).rejects.toThrow();
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    await client.end();
    expect(rows[0].n).toBe(0);
    const ok = await restoreDatabase(target, file);
    expect(ok.rows).toBeGreaterThan(0);
  });
});
