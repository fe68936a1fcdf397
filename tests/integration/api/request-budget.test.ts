import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { apiRequest, makeApiKey, routeContext } from '@/tests/factories';
import * as settingsRoute from '@/app/api/v1/settings/route';
import * as healthRoute from '@/app/api/health/route';
import { db, dbBudgets } from '@/lib/db';

// A tight statement budget for this file's app client (lib/db.ts reads it when the client is first
// made, which is after this line), and no separate lock budget, so a lock wait ends by statement_timeout
// (SQLSTATE 57014).
process.env.DB_STATEMENT_TIMEOUT_MS = '1500';
process.env.DB_LOCK_TIMEOUT_MS = '0';

let blocker: pg.Client;
let key: string;

beforeAll(async () => {
  key = (await makeApiKey(['settings:write'])).key;
  blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
});

afterAll(async () => {
  await blocker.end();
});

describe('request budgets', () => {
  it('gives a request that exceeds its budget a JSON 503 with Retry-After, while health stays fast', async () => {
    expect(dbBudgets()).toMatchObject({ statementMs: 1500, lockMs: 0 });
    const patchName = (shop_name: string) =>
      settingsRoute.PATCH(
        apiRequest('/api/v1/settings', { method: 'PATCH', key, body: { shop_name } }),
        routeContext(),
      );
    expect((await patchName('Fast Shop')).status).toBe(200); // within budget
    const before = await db.shopSettings.findUniqueOrThrow({ where: { id: 1 } });
    // Another session holds the settings row (as a stuck job or a hostile request would): the PATCH
    // has to wait for it, through the real use case and its UPDATE.
    await blocker.query('BEGIN');
    await blocker.query('SELECT * FROM shop_settings WHERE id = 1 FOR UPDATE');
    try {
      const started = performance.now();
      let patchDone = false;
      const patch = patchName('Slow Shop').finally(() => (patchDone = true));
      // Meanwhile the health check answers from another pooled connection.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const healthStarted = performance.now();
      const health = await healthRoute.GET();
      const healthMs = performance.now() - healthStarted;
      expect(health.status).toBe(200);
      expect(patchDone).toBe(false); // the health check did not wait for the stuck request
      expect(healthMs).toBeLessThan(1000);

      const res = await patch;
      const elapsed = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TIMEOUT');
      // Cut at its 1.5 s budget, not after the blocker lets go (slack for a busy machine).
      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(8000);
    } finally {
      await blocker.query('ROLLBACK');
    }
    // The refused write changed nothing.
    expect(await db.shopSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
  });
});
