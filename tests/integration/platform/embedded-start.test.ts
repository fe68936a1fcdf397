import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The fresh-machine path: no DATABASE_URL, so the app starts an embedded PostgreSQL under its data
 * dir, migrates, seeds once, and keeps everything across restarts. Each step is a separate process,
 * as a restart is.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'backroom-embedded-'));
const env = {
  ...process.env,
  BACKROOM_DEMO_ORDERS: '12',
  BACKROOM_DATA_DIR: dataDir,
  DATABASE_URL: '',
  TEST_DATABASE_URL: '',
  AUTH_SECRET: '',
  NEXTAUTH_SECRET: '',
};
const tsx = path.resolve('node_modules/.bin/tsx');

function run(script: string, ...args: string[]): string {
  return execFileSync(tsx, ['--conditions=react-server', script, ...args], {
    env,
    encoding: 'utf8',
    // initdb + migrate + seed: ~40 s quiet, past 90 s at load 10 on 2 cores.
    timeout: 240_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const probe = () => JSON.parse(run('tests/setup/embedded-probe.ts').trim().split('\n').pop()!);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded database start path', () => {
  it(
    'starts, migrates and seeds on first start; a restart keeps the data and seeds nothing',
    { timeout: 480_000 },
    () => {
      const first = probe();
      expect(first).toEqual({
        embedded: true,
        seeded: true,
        users: 4,
        variants: expect.any(Number),
        // 1,200 seeded customers + 5 of the history import (name and email both follow i % 5 over its
        // 40 orders) + its guest customer (the POS orders without an email) + the automation seed's 2
        // first-time customers + the books seed's EUR customer + the dropship seed's customer = 1,210.
        customers: 1210,
        // 12 demo orders (BACKROOM_DEMO_ORDERS) + 40 imported history orders + 2 automation demo orders
        // + 1 EUR order of the books seed + 1 dropship order = 56.
        orders: 56,
        migrations: expect.any(Number),
      });
      expect(first.migrations).toBe(readdirSync('prisma/migrations').filter((d) => /^\d+_/.test(d)).length);
      expect(first.variants).toBeGreaterThan(300);
      expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
      // A missing AUTH_SECRET was generated once and kept.
      const secret = readFileSync(path.join(dataDir, 'auth-secret'), 'utf8');
      expect(secret.length).toBeGreaterThanOrEqual(40);

      // The operator CLI against the same embedded database; prints the result on its last line.
      const out = run(
        'scripts/cli.ts',
        'user',
        'create',
        '--email',
        'Late.Hire@Example.test',
        '--password',
        'a long password',
        '--role',
        'warehouse',
      );
      expect(out.trim().split('\n').pop()).toMatch(
        /^created user late\.hire@example\.test \(warehouse\) id=[0-9a-f-]{36}$/,
      );

      const second = probe();
      expect(second).toEqual({ ...first, seeded: false, users: 5 });
      expect(readFileSync(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(secret);
    },
  );
});

describe('a second process on a running embedded database', () => {
  it(
    'reuses the running server, and its stop() leaves the owner’s server running (the CLI beside the app)',
    { timeout: 120_000 },
    async () => {
      const { startEmbeddedPostgres } = await import('@/lib/platform/embedded-postgres');
      const pg = (await import('pg')).default;
      const dir = mkdtempSync(path.join(tmpdir(), 'backroom-reuse-'));
      const owner = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'postgres' });
      try {
        const second = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'postgres' });
        expect(second).toMatchObject({ reused: true, port: owner.port });
        await second.stop();
        const client = new pg.Client({ connectionString: owner.url });
        await client.connect();
        expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
        await client.end();
      } finally {
        await owner.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
