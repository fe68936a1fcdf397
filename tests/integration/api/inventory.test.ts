import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { apiRequest, makeApiKey, makeLocations, makeProduct, routeContext } from '@/tests/factories';
import * as receipts from '@/app/api/v1/inventory/receipts/route';
import * as adjustments from '@/app/api/v1/inventory/adjustments/route';
import * as transfers from '@/app/api/v1/inventory/transfers/route';
import * as inventory from '@/app/api/v1/inventory/route';
import * as trialBalance from '@/app/api/v1/ledger/trial-balance/route';
import * as valuation from '@/app/api/v1/reports/inventory-valuation/route';

let key: string;
let reader: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['API-1', 'API-2']);
  key = (await makeApiKey(['inventory:adjust', 'inventory:read', 'ledger:read', 'reports:read'])).key;
  reader = (await makeApiKey(['inventory:read'])).key;
});

const post = (
  route: { POST: (r: Request, c: ReturnType<typeof routeContext>) => Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  k = key,
) => route.POST(apiRequest(path, { method: 'POST', key: k, body, headers }), routeContext());

describe('inventory API', () => {
  it('receives stock (201), lists levels and refuses a key without inventory:adjust', async () => {
    const res = await post(receipts, '/api/v1/inventory/receipts', {
      location: 'MAIN',
      reference: 'PO-1',
      lines: [{ sku: 'API-1', quantity: 12, unit_cost: 250 }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      location: 'MAIN',
      total_cost: 3_000,
      lines: [{ sku: 'API-1', quantity: 12, unit_cost: 250 }],
    }); // 12 × 250
    const list = await inventory.GET(
      apiRequest('/api/v1/inventory?sku=API-1', { key: reader }),
      routeContext(),
    );
    expect((await list.json()).data).toEqual([
      {
        sku: 'API-1',
        location: 'MAIN',
        bin: null,
        on_hand: 12,
        reserved: 0,
        available: 12,
        damaged: 0,
        quarantine: 0,
        // no purchase order is open for it
        on_order: 0,
        on_order_expected_at: null,
      },
    ]);
    expect(
      (
        await post(
          receipts,
          '/api/v1/inventory/receipts',
          { location: 'MAIN', lines: [{ sku: 'API-1', quantity: 1, unit_cost: 1 }] },
          {},
          reader,
        )
      ).status,
    ).toBe(403);
  });

  it('answers bad input with 422 naming the field and writes nothing', async () => {
    const before = await db.stockMovement.count();
    const cases: [unknown, string][] = [
      [{ location: 'MAIN', lines: [{ sku: 'API-1', quantity: 1 }] }, 'lines.0.unit_cost'],
      [{ location: 'MAIN', lines: [{ sku: 'API-1', quantity: -3, unit_cost: 100 }] }, 'lines.0.quantity'],
      [{ location: 'MAIN', lines: [{ sku: 'API-1', quantity: 1, unit_cost: 9.99 }] }, 'lines.0.unit_cost'],
      [{ location: 'MAIN', lines: [{ sku: 'NOPE', quantity: 1, unit_cost: 100 }] }, 'lines.0.sku'],
      [{ location: 'ATLANTIS', lines: [{ sku: 'API-1', quantity: 1, unit_cost: 100 }] }, 'location'],
      [{ location: 'MAIN', lines: [] }, 'lines'],
    ];
    for (const [body, field] of cases) {
      const res = await post(receipts, '/api/v1/inventory/receipts', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const adj = await post(adjustments, '/api/v1/inventory/adjustments', {
      location: 'MAIN',
      sku: 'API-2',
      delta: -1,
      reason: 'lost',
    });
    expect(adj.status).toBe(422);
    expect((await adj.json()).error.details).toEqual([{ field: 'quantity', message: 'Only 0 on hand' }]);
    expect(await db.stockMovement.count()).toBe(before);
  });

  it('adjusts and transfers', async () => {
    await post(receipts, '/api/v1/inventory/receipts', {
      location: 'MAIN',
      lines: [{ sku: 'API-2', quantity: 5, unit_cost: 400 }],
    });
    const adj = await post(adjustments, '/api/v1/inventory/adjustments', {
      location: 'MAIN',
      sku: 'API-2',
      delta: -1,
      reason: 'damaged',
    });
    expect(adj.status).toBe(201);
    expect((await adj.json()).level).toEqual({
      on_hand: 4,
      reserved: 0,
      available: 4,
      damaged: 1,
      quarantine: 0,
    });
    const trf = await post(transfers, '/api/v1/inventory/transfers', {
      from: 'MAIN',
      to: 'STORE',
      lines: [{ sku: 'API-2', quantity: 3 }],
    });
    expect(trf.status).toBe(201);
    const store = await inventory.GET(
      apiRequest('/api/v1/inventory?sku=API-2&location=STORE', { key: reader }),
      routeContext(),
    );
    expect((await store.json()).data[0]).toMatchObject({ on_hand: 3, available: 3 });
  });

  it('a receipt replayed with its Idempotency-Key — 20 racing replays — is received once', async () => {
    const body = {
      location: 'MAIN',
      reference: 'PO-RACE',
      lines: [{ sku: 'API-1', quantity: 5, unit_cost: 300 }],
    };
    const before = await db.receipt.count();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(receipts, '/api/v1/inventory/receipts', body, { 'idempotency-key': 'race-1' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(await db.receipt.count()).toBe(before + 1);
    // The same key with a different body is refused.
    const other = await post(
      receipts,
      '/api/v1/inventory/receipts',
      { ...body, reference: 'PO-OTHER' },
      { 'idempotency-key': 'race-1' },
    );
    expect(other.status).toBe(409);
  });

  it('a failed request stores nothing under its key, so a corrected retry with the same key works', async () => {
    const bad = await post(
      adjustments,
      '/api/v1/inventory/adjustments',
      { location: 'MAIN', sku: 'API-1', delta: -1000, reason: 'lost' },
      { 'idempotency-key': 'retry-1' },
    );
    expect(bad.status).toBe(422);
    const good = await post(
      adjustments,
      '/api/v1/inventory/adjustments',
      { location: 'MAIN', sku: 'API-1', delta: -1000, reason: 'lost' },
      { 'idempotency-key': 'retry-1' },
    );
    expect(good.status).toBe(422); // still invalid, and still not stored
    expect(await db.idempotencyKey.count({ where: { key: 'retry-1' } })).toBe(0);
  });
});

describe('ledger and valuation API', () => {
  it('trial balance balances and the valuation total equals the inventory account', async () => {
    const tb = await (
      await trialBalance.GET(
        apiRequest('/api/v1/ledger/trial-balance?as_of=2099-12-31', { key }),
        routeContext(),
      )
    ).json();
    expect(tb.as_of).toBe('2099-12-31');
    expect(tb.total_debit).toBe(tb.total_credit);
    const inv = tb.accounts.find((a: { code: string }) => a.code === '1200');
    const val = await (
      await valuation.GET(
        apiRequest('/api/v1/reports/inventory-valuation?as_of=2099-12-31', { key }),
        routeContext(),
      )
    ).json();
    expect(val.method).toBe('fifo');
    expect(val.total_value).toBe(inv.debit - inv.credit);
    // API-1: 12 @ 250 + 5 @ 300 = 4,500; API-2: 5 @ 400 = 2,000 (damaged and transferred units still held)
    expect(val.lines).toEqual([
      { sku: 'API-1', name: expect.any(String), quantity: 17, value: 4_500 },
      { sku: 'API-2', name: expect.any(String), quantity: 5, value: 2_000 },
    ]);
  });

  it('a date before any activity shows zero balances; a malformed date is a 422', async () => {
    const tb = await (
      await trialBalance.GET(
        apiRequest('/api/v1/ledger/trial-balance?as_of=2001-01-01', { key }),
        routeContext(),
      )
    ).json();
    expect(tb.total_debit).toBe(0);
    const bad = await trialBalance.GET(
      apiRequest('/api/v1/ledger/trial-balance?as_of=2026-02-30', { key }),
      routeContext(),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details[0].field).toBe('as_of');
  });
});
